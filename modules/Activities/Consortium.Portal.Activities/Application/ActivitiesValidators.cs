using Consortium.Portal.Identity;
using Consortium.Portal.Platform;
using Consortium.Portal.Platform.Time;
using Consortium.Portal.Platform.Validation;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Activities.Application;

// One validator per request: the Platform runs it on every endpoint that takes the request and the forms use it
// through FormValidation.For, so the API and the UI refuse the same input with the same words.

internal sealed class UpdateActivityValidator : AbstractValidator<UpdateActivityRequest>
{
    public UpdateActivityValidator(IStringLocalizer<ActivitiesResource> text, IStringLocalizer<PlatformResource> platform)
    {
        RuleFor(r => r.NameEn).Name(text, platform);
        RuleFor(r => r.NameSq).Name(text, platform);
        RuleFor(r => r.NameSrLatn).Name(text, platform);
        RuleFor(r => r.LeadPartners).NotNull().WithMessage(_ => text["Validation.LeadRequired"])
            .Must(l => l is { Count: > 0 } && l.All(p => !string.IsNullOrWhiteSpace(p) && p.Trim().Length <= PartnerOrganisationConsts.MaxShortNameLength))
            .WithMessage(_ => text["Validation.LeadRequired"]);
        RuleFor(r => r.EndsOn).GreaterThanOrEqualTo(r => r.StartsOn).WithMessage(_ => text["Problem.PeriodReversed"]);
        RuleFor(r => r.Targets).NotNull().WithMessage(_ => text["Validation.TargetsRequired"]);
        RuleFor(r => r.ConcurrencyStamp).AsRead(platform);
        RuleForEach(r => r.Targets).ChildRules(t =>
        {
            t.RuleFor(x => x.Count).InclusiveBetween(1, ActivitiesConsts.MaxCapacity).WithMessage(_ => text["Validation.TargetCount"]);
            t.RuleFor(x => x.Measure).IsInEnum();
            t.RuleFor(x => x.EventKind).Null().When(x => x.Measure is TargetMeasure.Outputs).WithMessage(_ => text["Validation.TargetShape"]);
            t.RuleFor(x => x.OutputKind).Null().When(x => x.Measure is not TargetMeasure.Outputs).WithMessage(_ => text["Validation.TargetShape"]);
        });
    }
}

internal sealed class AddTownValidator : AbstractValidator<AddTownRequest>
{
    public AddTownValidator(IStringLocalizer<ActivitiesResource> text, IStringLocalizer<PlatformResource> platform)
    {
        RuleFor(r => r.Name).Name(text, platform);
        RuleFor(r => r.Side).NotNull().WithMessage(_ => text["Validation.SideRequired"]).IsInEnum();
    }
}

internal sealed class EventDetailsValidator : AbstractValidator<EventDetails>
{
    public EventDetailsValidator(IStringLocalizer<ActivitiesResource> text, IStringLocalizer<PlatformResource> platform)
    {
        RuleFor(r => r.Kind).NotNull().WithMessage(_ => text["Validation.KindRequired"]).IsInEnum();
        RuleFor(r => r.Title).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage(_ => text["Validation.TitleRequired"])
            .Must(t => t is null || t.Trim().Length <= ActivitiesConsts.MaxTitleLength).WithMessage(_ => text["Validation.TooLong", ActivitiesConsts.MaxTitleLength])
            .OneLine(platform);
        RuleFor(r => r.Description).MaximumLength(ActivitiesConsts.MaxTextLength).WithMessage(_ => text["Validation.TooLong", ActivitiesConsts.MaxTextLength]).MultilineText(platform);
        RuleFor(r => r.Agenda).MaximumLength(ActivitiesConsts.MaxTextLength).WithMessage(_ => text["Validation.TooLong", ActivitiesConsts.MaxTextLength]).MultilineText(platform);
        RuleFor(r => r.Venue).MaximumLength(ActivitiesConsts.MaxVenueLength).WithMessage(_ => text["Validation.TooLong", ActivitiesConsts.MaxVenueLength]).OneLine(platform);
        RuleFor(r => r.TimeZone).Must(z => z is null || ZonedTimes.FindZone(z) is not null).WithMessage(_ => text["Validation.TimeZone"]);
        RuleFor(r => r.LocalEnd).GreaterThan(r => r.LocalStart).WithMessage(_ => text["Validation.EndBeforeStart"]);
        RuleFor(r => r.TownName).Must(n => !string.IsNullOrWhiteSpace(n)).When(r => r.TownId is null).WithMessage(_ => text["Validation.TownRequired"])
            .MaximumLength(ActivitiesConsts.MaxNameLength).WithMessage(_ => text["Validation.TooLong", ActivitiesConsts.MaxNameLength]).OneLine(platform);
        RuleFor(r => r.TownSide).IsInEnum();
        RuleFor(r => r.OrganisingPartners).Must(p => p is { Count: > 0 } && p.Any(n => !string.IsNullOrWhiteSpace(n)))
            .WithMessage(_ => text["Validation.OrganiserRequired"]);
        RuleFor(r => r.OrganisingPartners).Must(ShortList).WithMessage(_ => text["Validation.TooMany", ActivitiesConsts.MaxPeopleListed]);
        RuleFor(r => r.ParticipatingPartners).Must(ShortList).WithMessage(_ => text["Validation.TooMany", ActivitiesConsts.MaxPeopleListed]);
        RuleFor(r => r.Speakers).Must(ShortList).WithMessage(_ => text["Validation.TooMany", ActivitiesConsts.MaxPeopleListed]);
        RuleFor(r => r.Capacity).NotNull().When(r => r.IsPublic).WithMessage(_ => text["Validation.CapacityRequired"])
            .InclusiveBetween(1, ActivitiesConsts.MaxCapacity).WithMessage(_ => text["Validation.Capacity", ActivitiesConsts.MaxCapacity]);
    }

    private static bool ShortList(IReadOnlyList<string>? names)
        => names is null || (names.Count <= ActivitiesConsts.MaxPeopleListed && names.All(n => n is null || (n.Length <= ActivitiesConsts.MaxNameLength && PlainText.IsOneLine(n))));
}

internal sealed class UpdateEventValidator : AbstractValidator<UpdateEventRequest>
{
    public UpdateEventValidator(IValidator<EventDetails> details, IStringLocalizer<PlatformResource> platform)
    {
        RuleFor(r => r.Details).NotNull().SetValidator(details);
        RuleFor(r => r.ConcurrencyStamp).AsRead(platform);
    }
}

internal sealed class AddOutputValidator : AbstractValidator<AddOutputRequest>
{
    public AddOutputValidator(IStringLocalizer<ActivitiesResource> text, IStringLocalizer<PlatformResource> platform)
    {
        RuleFor(r => r.Kind).NotNull().WithMessage(_ => text["Validation.KindRequired"]).IsInEnum();
        RuleFor(r => r.Title).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage(_ => text["Validation.TitleRequired"])
            .MaximumLength(ActivitiesConsts.MaxTitleLength).WithMessage(_ => text["Validation.TooLong", ActivitiesConsts.MaxTitleLength]).OneLine(platform);
        RuleFor(r => r.Url).Must(u => string.IsNullOrWhiteSpace(u) || (u.Length <= ActivitiesConsts.MaxUrlLength
                && Uri.TryCreate(u.Trim(), UriKind.Absolute, out var link) && (link.Scheme == Uri.UriSchemeHttps || link.Scheme == Uri.UriSchemeHttp)))
            .WithMessage(_ => text["Validation.Url"]);
    }
}

internal sealed class CountedAttendanceValidator : AbstractValidator<CountedAttendanceRequest>
{
    public CountedAttendanceValidator(IStringLocalizer<ActivitiesResource> text)
    {
        RuleFor(r => r.Count).InclusiveBetween(1, ActivitiesConsts.MaxCapacity).WithMessage(_ => text["Validation.TargetCount"]);
        RuleFor(r => r.TargetGroup).IsInEnum();
        RuleFor(r => r.Gender).IsInEnum();
        RuleFor(r => r.AgeGroup).IsInEnum();
    }
}

internal sealed class RegisterValidator : AbstractValidator<RegisterRequest>
{
    public RegisterValidator(IStringLocalizer<ActivitiesResource> text, IStringLocalizer<PlatformResource> platform)
    {
        RuleFor(r => r.Name).Name(text, platform);
        RuleFor(r => r.Email).Must(e => !string.IsNullOrWhiteSpace(e)).WithMessage(_ => text["Validation.EmailRequired"])
            .Must(e => e is null || (e.Trim().Length <= ActivitiesConsts.MaxEmailLength && !e.Trim().Any(char.IsWhiteSpace)
                && System.Net.Mail.MailAddress.TryCreate(e.Trim(), out var address) && address.Address == e.Trim()))
            .When(r => !string.IsNullOrWhiteSpace(r.Email)).WithMessage(_ => text["Validation.Email"]);
        RuleFor(r => r.Organisation).MaximumLength(ActivitiesConsts.MaxNameLength).WithMessage(_ => text["Validation.TooLong", ActivitiesConsts.MaxNameLength]).OneLine(platform);
        RuleFor(r => r.TargetGroup).NotNull().WithMessage(_ => text["Validation.TargetGroupRequired"]).IsInEnum();
        RuleFor(r => r.Gender).IsInEnum();
        RuleFor(r => r.AgeGroup).IsInEnum();
        RuleFor(r => r.Consent).Equal(true).WithMessage(_ => text["Validation.ConsentRequired"]);
    }
}

internal sealed class FeedbackValidator : AbstractValidator<FeedbackRequest>
{
    public FeedbackValidator(IStringLocalizer<ActivitiesResource> text, IStringLocalizer<PlatformResource> platform)
    {
        RuleFor(r => r.Rating).InclusiveBetween(1, 5).WithMessage(_ => text["Validation.Rating"]);
        RuleFor(r => r.Comment).MaximumLength(ActivitiesConsts.MaxCommentLength).WithMessage(_ => text["Validation.TooLong", ActivitiesConsts.MaxCommentLength]).MultilineText(platform);
    }
}

internal static class ActivitiesRules
{
    public static IRuleBuilderOptions<T, string?> Name<T>(this IRuleBuilder<T, string?> rule, IStringLocalizer<ActivitiesResource> text, IStringLocalizer<PlatformResource> platform)
        => rule
            .Must(name => !string.IsNullOrWhiteSpace(name)).WithMessage(_ => text["Validation.NameRequired"])
            .Must(name => name is null || name.Trim().Length <= ActivitiesConsts.MaxNameLength)
            .WithMessage(_ => text["Validation.TooLong", ActivitiesConsts.MaxNameLength])
            .OneLine(platform);
}

internal sealed class CancelEventValidator : AbstractValidator<CancelEventRequest>
{
    public CancelEventValidator(IStringLocalizer<ActivitiesResource> text, IStringLocalizer<PlatformResource> platform)
    {
        RuleFor(r => r.Reason).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage(_ => text["Validation.ReasonRequired"])
            .MaximumLength(ActivitiesConsts.MaxCommentLength).WithMessage(_ => text["Validation.TooLong", ActivitiesConsts.MaxCommentLength])
            .MultilineText(platform);
    }
}
