using Consortium.Portal.Platform;
using Consortium.Portal.Platform.Validation;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Publications.Application;

// One validator per request: the Platform runs it on every endpoint that takes the request and the forms use it
// through FormValidation.For, so the API and the UI refuse the same input with the same words.

internal sealed class CreatePublicationValidator : AbstractValidator<CreatePublicationRequest>
{
    public CreatePublicationValidator(IStringLocalizer<PublicationsResource> text)
    {
        RuleFor(r => r.Type).NotNull().WithMessage(_ => text["Validation.TypeRequired"]).IsInEnum().WithMessage(_ => text["Validation.TypeRequired"]);
        RuleFor(r => r.Title).Title(text);
        RuleFor(r => r.Summary).MaximumLength(PublicationsConsts.MaxSummaryLength).WithMessage(_ => text["Validation.TooLong", PublicationsConsts.MaxSummaryLength]);
        RuleFor(r => r.Tags).Tags(text);
        RuleFor(r => r.Languages).Languages(text);
        RuleFor(r => r.AuthorIds).Must(a => a is null || a.Count <= PublicationsConsts.MaxAuthors).WithMessage(_ => text["Validation.TooManyAuthors", PublicationsConsts.MaxAuthors]);
        RuleFor(r => r.WorkspaceId).NotNull().WithMessage(_ => text["Validation.WorkspaceRequired"]);
        RuleFor(r => r.ManuscriptDocumentId).NotNull().WithMessage(_ => text["Validation.ManuscriptRequired"]);
        RuleFor(r => r.TargetOutlet).Outlet(text);
        RuleFor(r => r.Activity).Activity(text);
    }
}

internal sealed class UpdatePublicationValidator : AbstractValidator<UpdatePublicationRequest>
{
    public UpdatePublicationValidator(IStringLocalizer<PublicationsResource> text, IStringLocalizer<PlatformResource> platformText)
    {
        RuleFor(r => r.ConcurrencyStamp).AsRead(platformText);
        RuleFor(r => r.Type).NotNull().WithMessage(_ => text["Validation.TypeRequired"]).IsInEnum().WithMessage(_ => text["Validation.TypeRequired"]);
        RuleFor(r => r.Title).Title(text);
        RuleFor(r => r.Summary).MaximumLength(PublicationsConsts.MaxSummaryLength).WithMessage(_ => text["Validation.TooLong", PublicationsConsts.MaxSummaryLength]);
        RuleFor(r => r.Tags).Tags(text);
        RuleFor(r => r.Languages).Languages(text);
        RuleFor(r => r.AuthorIds).Must(a => a is { Count: > 0 } && a.Count <= PublicationsConsts.MaxAuthors).WithMessage(_ => text["Validation.AuthorsRequired", PublicationsConsts.MaxAuthors]);
        RuleFor(r => r.ManuscriptDocumentId).NotNull().WithMessage(_ => text["Validation.ManuscriptRequired"]);
        RuleFor(r => r.TargetOutlet).Outlet(text);
        RuleFor(r => r.Activity).Activity(text);
    }
}

internal sealed class SubmitPublicationValidator : AbstractValidator<SubmitPublicationRequest>
{
    public SubmitPublicationValidator(IStringLocalizer<PublicationsResource> text, IStringLocalizer<PlatformResource> platformText)
    {
        RuleFor(r => r.ConcurrencyStamp).AsRead(platformText);
        RuleFor(r => r.DefinitionKey).MaximumLength(PublicationsConsts.MaxDefinitionKeyLength).WithMessage(_ => text["Validation.TooLong", PublicationsConsts.MaxDefinitionKeyLength]);
        RuleFor(r => r.Comment).MaximumLength(PublicationsConsts.MaxReasonLength).WithMessage(_ => text["Validation.TooLong", PublicationsConsts.MaxReasonLength]);
    }
}

internal sealed class PublishPublicationValidator : AbstractValidator<PublishPublicationRequest>
{
    public PublishPublicationValidator(IStringLocalizer<PublicationsResource> text, IStringLocalizer<PlatformResource> platformText)
    {
        RuleFor(r => r.ConcurrencyStamp).AsRead(platformText);
        RuleFor(r => r.Files).Must(f => f is { Count: > 0 } && f.Count <= PublicationsConsts.Languages.Count).WithMessage(_ => text["Validation.FilesRequired"]);
        RuleFor(r => r.Files).Must(f => f is null || f.Select(x => x?.Language).Distinct().Count() == f.Count).WithMessage(_ => text["Validation.OneFilePerLanguage"]);
        RuleForEach(r => r.Files).ChildRules(file =>
        {
            file.RuleFor(f => f.Language).Must(l => l is not null && PublicationsConsts.Languages.Contains(l)).WithMessage(_ => text["Validation.LanguageUnknown"]);
            file.RuleFor(f => f.DocumentId).NotNull().WithMessage(_ => text["Validation.FileDocumentRequired"]);
            file.RuleFor(f => f.VersionNumber).GreaterThan(0).When(f => f.VersionNumber is not null).WithMessage(_ => text["Validation.FileDocumentRequired"]);
        });
        RuleFor(r => r.OutletUrl).Must(BeAnHttpUrl).WithMessage(_ => text["Validation.OutletUrl"]);
    }

    private static bool BeAnHttpUrl(string? url) => string.IsNullOrWhiteSpace(url)
        || (url.Trim().Length <= PublicationsConsts.MaxUrlLength && Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https");
}

internal sealed class WithdrawPublicationValidator : AbstractValidator<WithdrawPublicationRequest>
{
    public WithdrawPublicationValidator(IStringLocalizer<PublicationsResource> text, IStringLocalizer<PlatformResource> platformText)
    {
        RuleFor(r => r.ConcurrencyStamp).AsRead(platformText);
        RuleFor(r => r.Reason)
            .Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage(_ => text["Validation.ReasonRequired"])
            .MaximumLength(PublicationsConsts.MaxReasonLength).WithMessage(_ => text["Validation.TooLong", PublicationsConsts.MaxReasonLength]);
    }
}

internal static class PublicationsRules
{
    public static IRuleBuilderOptions<T, string?> Title<T>(this IRuleBuilder<T, string?> rule, IStringLocalizer<PublicationsResource> text)
        => rule
            .Must(name => !string.IsNullOrWhiteSpace(name)).WithMessage(_ => text["Validation.TitleRequired"])
            .Must(name => name is null || name.Trim().Length <= PublicationsConsts.MaxTitleLength)
            .WithMessage(_ => text["Validation.TooLong", PublicationsConsts.MaxTitleLength])
            .Must(name => name is null || PlainText.IsOneLine(name)).WithMessage(_ => text["Validation.OneLine"]);

    public static IRuleBuilderOptions<T, IReadOnlyList<string>?> Tags<T>(this IRuleBuilder<T, IReadOnlyList<string>?> rule, IStringLocalizer<PublicationsResource> text)
        => rule.Must(tags => tags is null || (tags.Count <= PublicationsConsts.MaxTags && tags.All(t => t is not null && t.Trim().Length <= PublicationsConsts.MaxTagLength && PlainText.IsOneLine(t))))
            .WithMessage(_ => text["Validation.Tags", PublicationsConsts.MaxTags, PublicationsConsts.MaxTagLength]);

    public static IRuleBuilderOptions<T, IReadOnlyList<string>?> Languages<T>(this IRuleBuilder<T, IReadOnlyList<string>?> rule, IStringLocalizer<PublicationsResource> text)
        => rule.Must(languages => languages is { Count: > 0 } && languages.All(l => PublicationsConsts.Languages.Contains(l)))
            .WithMessage(_ => text["Validation.Languages"]);

    public static IRuleBuilderOptions<T, string?> Outlet<T>(this IRuleBuilder<T, string?> rule, IStringLocalizer<PublicationsResource> text)
        => rule.Must(o => o is null || (o.Trim().Length <= PublicationsConsts.MaxOutletLength && PlainText.IsOneLine(o)))
            .WithMessage(_ => text["Validation.TooLong", PublicationsConsts.MaxOutletLength]);

    public static IRuleBuilderOptions<T, int?> Activity<T>(this IRuleBuilder<T, int?> rule, IStringLocalizer<PublicationsResource> text)
        => rule.Must(a => a is { } n && PublicationsConsts.Activities.Contains(n)).WithMessage(_ => text["Validation.Activity"]);
}
