using System.Linq.Expressions;
using Consortium.Portal.Platform;
using Consortium.Portal.Platform.Localization;
using Consortium.Portal.Platform.Validation;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Documents.Application;

// The rules of the Documents request bodies that can be checked without reading the document. The Platform runs them
// on every endpoint that takes one of these bodies, and the services run them again for the pages, which call them
// directly; field names are the JSON ones. What needs the document (a quote in its text, a reviewer among its
// workspace's members) stays a domain rule of the service. The library's (folders, a document's name) are portal-wide:
// DocumentLibrary serves every list request too, which should not build validators it never runs.

internal sealed class WriteCommentRequestValidator : AbstractValidator<WriteCommentRequest>
{
    public WriteCommentRequestValidator(IStringLocalizer<DocumentsResource> text) => this.CommentBodyRules(r => r.Body, text);
}

internal sealed class EditCommentRequestValidator : AbstractValidator<EditCommentRequest>
{
    public EditCommentRequestValidator(IStringLocalizer<DocumentsResource> text, IStringLocalizer<PlatformResource> platformText)
    {
        this.CommentBodyRules(r => r.Body, text);
        RuleFor(r => r.ConcurrencyStamp).AsRead(platformText);
    }
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

/// <summary>A new folder's name: something usable must remain once cleaned (see <see cref="DocumentRules.FolderName"/>).</summary>
internal sealed class CreateFolderRequestValidator : AbstractValidator<CreateFolderRequest>, IPortalWideValidator
{
    public CreateFolderRequestValidator(IStringLocalizer<DocumentsResource> text) => this.FolderNameRules(r => r.Name, text);
}

internal sealed class UpdateFolderRequestValidator : AbstractValidator<UpdateFolderRequest>, IPortalWideValidator
{
    public UpdateFolderRequestValidator(IStringLocalizer<DocumentsResource> text, IStringLocalizer<PlatformResource> platformText)
    {
        this.FolderNameRules(r => r.Name, text);
        RuleFor(r => r.ConcurrencyStamp).AsRead(platformText);
    }
}

/// <summary>
/// A document's new name: something usable must remain once cleaned. Whether it keeps the document's extension needs
/// the document, so that stays the service's rule.
/// </summary>
internal sealed class UpdateDocumentRequestValidator : AbstractValidator<UpdateDocumentRequest>, IPortalWideValidator
{
    public UpdateDocumentRequestValidator(IStringLocalizer<DocumentsResource> text, IStringLocalizer<PlatformResource> platformText)
    {
        RuleFor(r => r.Name).Must(name => FileNames.Clean(name) is not null).WithMessage(_ => text[UploadRefusals.NameInvalid]);
        RuleFor(r => r.ConcurrencyStamp).AsRead(platformText);
    }
}

/// <summary>The note of a restored version is short enough once trimmed (as an upload's note is).</summary>
internal sealed class RestoreVersionRequestValidator : AbstractValidator<RestoreVersionRequest>
{
    public RestoreVersionRequestValidator(IStringLocalizer<DocumentsResource> text)
        => RuleFor(r => r.Note)
            .Must(note => string.IsNullOrWhiteSpace(note) || note.Trim().Length <= DocumentConsts.MaxNoteLength)
            .WithMessage(_ => text["Upload:NoteTooLong", DocumentConsts.MaxNoteLength]);
}

/// <summary>The field rules the Documents requests share.</summary>
internal static class DocumentRules
{
    public static void CommentBodyRules<T>(this AbstractValidator<T> validator, Expression<Func<T, string?>> body, IStringLocalizer text)
    {
        validator.RuleFor(body).Must(b => !string.IsNullOrWhiteSpace(b)).WithMessage(_ => text["Comment:Empty"]);
        validator.OptionalTextRules(body, DocumentConsts.MaxCommentLength, text);
    }

    public static void FolderNameRules<T>(this AbstractValidator<T> validator, Expression<Func<T, string?>> name, IStringLocalizer text)
        => validator.RuleFor(name).Must(n => FolderName(n) is not null).WithMessage(_ => text["Folder:NameInvalid"]);

    /// <summary>
    /// A folder's name as stored: cleaned like a file name, at most the folder name's length, and more than what looks
    /// like an extension (".git" alone would be a hidden name on Unix). Null when nothing usable remains.
    /// </summary>
    public static string? FolderName(string? raw)
        => FileNames.Clean(raw, DocumentConsts.MaxFolderNameLength) is { } name && Path.GetExtension(name).Length < name.Length ? name : null;

    /// <summary>A text that may be left out, and is stored trimmed: at most <paramref name="maxLength"/> characters then.</summary>
    public static void OptionalTextRules<T>(this AbstractValidator<T> validator, Expression<Func<T, string?>> field, int maxLength, IStringLocalizer text)
        => validator.RuleFor(field)
            .Must(value => string.IsNullOrWhiteSpace(value) || value.Trim().Length <= maxLength)
            .WithMessage(_ => text["Validation:TooLong", maxLength]);
}
