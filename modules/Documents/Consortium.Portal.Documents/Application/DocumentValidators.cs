using System.Linq.Expressions;
using Consortium.Portal.Platform.Localization;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Documents.Application;

// The rules of the Documents request bodies that can be checked without reading the document. The Platform runs them
// on every endpoint that takes one of these bodies, and the services run them again for the pages, which call them
// directly; field names are the JSON ones. What needs the document (a quote in its text, a reviewer among its
// workspace's members) stays a domain rule of the service.

internal sealed class WriteCommentRequestValidator : AbstractValidator<WriteCommentRequest>
{
    public WriteCommentRequestValidator(IStringLocalizer<DocumentsResource> text) => this.CommentBodyRules(r => r.Body, text);
}

internal sealed class EditCommentRequestValidator : AbstractValidator<EditCommentRequest>
{
    public EditCommentRequestValidator(IStringLocalizer<DocumentsResource> text) => this.CommentBodyRules(r => r.Body, text);
}

/// <summary>A review is asked of someone, is due today or later (the consortium's day), and its message is short enough.</summary>
internal sealed class RequestReviewRequestValidator : AbstractValidator<RequestReviewRequest>
{
    public RequestReviewRequestValidator(IStringLocalizer<DocumentsResource> text, TimeProvider clock)
    {
        RuleFor(r => r.ReviewerIds).Must(ids => ids is { Count: > 0 }).WithMessage(_ => text["Review:NoReviewers"]);
        RuleFor(r => r.DueDate)
            .Must(due => due >= ConsortiumToday(clock))
            .WithMessage(_ => text["Review:DueInThePast"]);
        this.OptionalTextRules(r => r.Message, DocumentConsts.MaxMessageLength, text);
    }

    private static DateOnly ConsortiumToday(TimeProvider clock)
        => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, UserTimeZone.Resolve(null)));
}

internal sealed class AnswerReviewRequestValidator : AbstractValidator<AnswerReviewRequest>
{
    public AnswerReviewRequestValidator(IStringLocalizer<DocumentsResource> text)
    {
        RuleFor(r => r.Decision)
            .Must(decision => decision is ReviewDecision.Approved or ReviewDecision.ChangesRequested)
            .WithMessage(_ => text["Review:DecisionRequired"]);
        this.OptionalTextRules(r => r.Comment, DocumentConsts.MaxMessageLength, text);
    }
}

/// <summary>A suggestion names its passage, and its replacement and reason are short enough.</summary>
internal sealed class SuggestEditRequestValidator : AbstractValidator<SuggestEditRequest>
{
    public SuggestEditRequestValidator(IStringLocalizer<DocumentsResource> text)
    {
        RuleFor(r => r.Anchor).NotNull().WithMessage(_ => text["Comment:QuoteNotFound"]);
        RuleFor(r => r.Replacement)
            .Must(replacement => (replacement ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Length <= DocumentConsts.MaxReplacementLength)
            .WithMessage(_ => text["Validation:TooLong", DocumentConsts.MaxReplacementLength]);
        this.OptionalTextRules(r => r.Reason, DocumentConsts.MaxReasonLength, text);
    }
}

/// <summary>The field rules the Documents requests share.</summary>
internal static class DocumentRules
{
    public static void CommentBodyRules<T>(this AbstractValidator<T> validator, Expression<Func<T, string?>> body, IStringLocalizer text)
    {
        validator.RuleFor(body).Must(b => !string.IsNullOrWhiteSpace(b)).WithMessage(_ => text["Comment:Empty"]);
        validator.OptionalTextRules(body, DocumentConsts.MaxCommentLength, text);
    }

    /// <summary>A text that may be left out, and is stored trimmed: at most <paramref name="maxLength"/> characters then.</summary>
    public static void OptionalTextRules<T>(this AbstractValidator<T> validator, Expression<Func<T, string?>> field, int maxLength, IStringLocalizer text)
        => validator.RuleFor(field)
            .Must(value => string.IsNullOrWhiteSpace(value) || value.Trim().Length <= maxLength)
            .WithMessage(_ => text["Validation:TooLong", maxLength]);
}
