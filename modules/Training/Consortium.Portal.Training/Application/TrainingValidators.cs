using Consortium.Portal.Identity;
using Consortium.Portal.Platform;
using Consortium.Portal.Platform.Validation;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Training.Application;

// One validator per request: the Platform runs it on every endpoint that takes the request and the pages call the
// application services, which run it again, so the API and the UI refuse the same input with the same words.

internal sealed class CreateMaterialValidator : AbstractValidator<CreateMaterialRequest>
{
    public CreateMaterialValidator(IStringLocalizer<TrainingResource> text, IUserDirectory users)
    {
        RuleFor(r => r.Kind).NotNull().WithMessage(_ => text["Validation.Kind"]);
        RuleFor(r => r.Details).NotNull().WithMessage(_ => text["Validation.TitleRequired"]).SetValidator(new MaterialDetailsValidator(text, users)!);
        RuleFor(r => r.Url).MaterialUrl(text).When(r => r.Kind is MaterialKind.Link or MaterialKind.Video);
        RuleFor(r => r.Url).Must(u => u is null).When(r => r.Kind == MaterialKind.File).WithMessage(_ => text["Validation.NoUrlForFile"]);
        RuleFor(r => r.WorkspaceId).NotNull().When(r => r.Kind == MaterialKind.File).WithMessage(_ => text["Validation.WorkspaceRequired"]);
    }
}

internal sealed class UpdateMaterialValidator : AbstractValidator<UpdateMaterialRequest>
{
    public UpdateMaterialValidator(IStringLocalizer<TrainingResource> text, IStringLocalizer<PlatformResource> platformText, IUserDirectory users)
    {
        RuleFor(r => r.Details).NotNull().WithMessage(_ => text["Validation.TitleRequired"]).SetValidator(new MaterialDetailsValidator(text, users)!);
        RuleFor(r => r.Url).Must(u => u is null || TrainingRules.IsWebAddress(u)).WithMessage(_ => text["Validation.Url"]);
        RuleFor(r => r.ConcurrencyStamp).AsRead(platformText);
    }
}

internal sealed class MaterialDetailsValidator : AbstractValidator<MaterialDetails>
{
    public MaterialDetailsValidator(IStringLocalizer<TrainingResource> text, IUserDirectory users)
    {
        RuleFor(d => d.Title).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage(_ => text["Validation.TitleRequired"])
            .Must(t => t is null || t.Trim().Length <= TrainingConsts.MaxTitleLength).WithMessage(_ => text["Validation.TooLong", TrainingConsts.MaxTitleLength])
            .Must(t => t is null || PlainText.IsOneLine(t)).WithMessage(_ => text["Validation.OneLine"]);
        RuleFor(d => d.Summary).Must(s => s is null || s.Trim().Length <= TrainingConsts.MaxSummaryLength)
            .WithMessage(_ => text["Validation.TooLong", TrainingConsts.MaxSummaryLength]);
        RuleFor(d => d.Topics).Must(t => t is null || t.Count <= TrainingConsts.MaxTopics).WithMessage(_ => text["Validation.TooManyTopics", TrainingConsts.MaxTopics]);
        RuleForEach(d => d.Topics).Must(t => !string.IsNullOrWhiteSpace(t) && t.Trim().Length <= TrainingConsts.MaxTopicLength && PlainText.IsOneLine(t))
            .WithMessage(_ => text["Validation.TopicTooLong", TrainingConsts.MaxTopicLength]);
        RuleFor(d => d.Audiences).Must(a => a is { Count: > 0 } && a.All(Enum.IsDefined)).WithMessage(_ => text["Validation.AudienceRequired"]);
        RuleFor(d => d.Language).Must(l => l is not null && TrainingConsts.Languages.Contains(l)).WithMessage(_ => text["Validation.Language"]);
        RuleFor(d => d.Level).Must(l => l is { } level && Enum.IsDefined(level)).WithMessage(_ => text["Validation.Level"]);
        RuleFor(d => d.DurationMinutes).InclusiveBetween(1, TrainingConsts.MaxDurationMinutes).When(d => d.DurationMinutes is not null)
            .WithMessage(_ => text["Validation.Duration", TrainingConsts.MaxDurationMinutes]);
        RuleFor(d => d.AuthoringPartnerIds).Must(p => p is { Count: > 0 }).WithMessage(_ => text["Validation.PartnerRequired"])
            // Only partners of the directory: an id that names no partner would author nothing and notify no one.
            .MustAsync(async (ids, ct) => ids is null || await AllInDirectoryAsync(users, ids, ct))
            .WithMessage(_ => text["Validation.PartnerUnknown"]);
        RuleFor(d => d.Licence).Must(l => !string.IsNullOrWhiteSpace(l) && l.Trim().Length <= TrainingConsts.MaxLicenceLength && PlainText.IsOneLine(l))
            .WithMessage(_ => text["Validation.Licence", TrainingConsts.MaxLicenceLength]);
        RuleFor(d => d.Activity).Must(a => a is >= TrainingConsts.FirstActivity and <= TrainingConsts.LastActivity)
            .WithMessage(_ => text["Validation.Activity", TrainingConsts.FirstActivity, TrainingConsts.LastActivity]);
    }

    private static async Task<bool> AllInDirectoryAsync(IUserDirectory users, IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        var partners = (await users.GetPartnersAsync(cancellationToken)).Select(p => p.Id).ToHashSet();
        return ids.All(partners.Contains);
    }
}

internal sealed class LinkTranslationValidator : AbstractValidator<LinkTranslationRequest>
{
    public LinkTranslationValidator(IStringLocalizer<TrainingResource> text)
        => RuleFor(r => r.TranslationOf).NotNull().WithMessage(_ => text["Validation.TranslationOf"]);
}

internal sealed class RequestTranslationValidator : AbstractValidator<RequestTranslationRequest>
{
    public RequestTranslationValidator(IStringLocalizer<TrainingResource> text)
    {
        RuleFor(r => r.Language).Must(l => l is not null && TrainingConsts.Languages.Contains(l)).WithMessage(_ => text["Validation.Language"]);
        RuleFor(r => r.Message).Must(m => m is null || m.Length <= TrainingConsts.MaxSummaryLength)
            .WithMessage(_ => text["Validation.TooLong", TrainingConsts.MaxSummaryLength]);
    }
}

internal sealed class CreateCollectionValidator : AbstractValidator<CreateCollectionRequest>
{
    public CreateCollectionValidator(IStringLocalizer<TrainingResource> text)
    {
        RuleFor(r => r.Title).CollectionTitle(text);
        RuleFor(r => r.Description).Must(s => s is null || s.Trim().Length <= TrainingConsts.MaxSummaryLength)
            .WithMessage(_ => text["Validation.TooLong", TrainingConsts.MaxSummaryLength]);
        RuleFor(r => r.MaterialIds).CollectionItems(text);
    }
}

internal sealed class UpdateCollectionValidator : AbstractValidator<UpdateCollectionRequest>
{
    public UpdateCollectionValidator(IStringLocalizer<TrainingResource> text, IStringLocalizer<PlatformResource> platformText)
    {
        RuleFor(r => r.Title).CollectionTitle(text);
        RuleFor(r => r.Description).Must(s => s is null || s.Trim().Length <= TrainingConsts.MaxSummaryLength)
            .WithMessage(_ => text["Validation.TooLong", TrainingConsts.MaxSummaryLength]);
        RuleFor(r => r.MaterialIds).CollectionItems(text);
        RuleFor(r => r.ConcurrencyStamp).AsRead(platformText);
    }
}

internal sealed class SetCollectionPublicValidator : AbstractValidator<SetCollectionPublicRequest>
{
    public SetCollectionPublicValidator(IStringLocalizer<PlatformResource> platformText) => RuleFor(r => r.ConcurrencyStamp).AsRead(platformText);
}

internal sealed class FollowValidator : AbstractValidator<FollowRequest>
{
    public FollowValidator(IStringLocalizer<TrainingResource> text)
    {
        RuleFor(r => r.Kind).Must(k => k is { } kind && Enum.IsDefined(kind)).WithMessage(_ => text["Validation.FollowKind"]);
        RuleFor(r => r.Value).Must((r, v) => TrainingRules.IsFollowValue(r.Kind, v)).WithMessage(_ => text["Validation.FollowValue"]);
    }
}

internal static class TrainingRules
{
    public static bool IsWebAddress(string url)
        => url.Length <= TrainingConsts.MaxUrlLength && Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    public static IRuleBuilderOptions<T, string?> MaterialUrl<T>(this IRuleBuilder<T, string?> rule, IStringLocalizer<TrainingResource> text)
        => rule.Must(u => u is not null && IsWebAddress(u)).WithMessage(_ => text["Validation.Url"]);

    public static IRuleBuilderOptions<T, string?> CollectionTitle<T>(this IRuleBuilder<T, string?> rule, IStringLocalizer<TrainingResource> text)
        => rule.Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage(_ => text["Validation.TitleRequired"])
            .Must(t => t is null || (t.Trim().Length <= TrainingConsts.MaxTitleLength && PlainText.IsOneLine(t)))
            .WithMessage(_ => text["Validation.TooLong", TrainingConsts.MaxTitleLength]);

    public static IRuleBuilderOptions<T, IReadOnlyList<Guid>?> CollectionItems<T>(this IRuleBuilder<T, IReadOnlyList<Guid>?> rule, IStringLocalizer<TrainingResource> text)
        => rule.Must(ids => ids is null || (ids.Count <= TrainingConsts.MaxCollectionItems && ids.Distinct().Count() == ids.Count))
            .WithMessage(_ => text["Validation.CollectionItems", TrainingConsts.MaxCollectionItems]);

    public static bool IsFollowValue(FollowKind? kind, string? value) => kind switch
    {
        FollowKind.Topic => !string.IsNullOrWhiteSpace(value) && value.Trim().Length <= TrainingConsts.MaxTopicLength && PlainText.IsOneLine(value),
        FollowKind.Audience => Enum.TryParse<Audience>(value, out var a) && Enum.IsDefined(a) && !int.TryParse(value, out _),
        FollowKind.Language => value is not null && TrainingConsts.Languages.Contains(value),
        _ => true,
    };
}
