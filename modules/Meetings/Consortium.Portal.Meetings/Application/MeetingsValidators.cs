using Consortium.Portal.Meetings.Domain;
using Consortium.Portal.Platform;
using Consortium.Portal.Platform.Paging;
using Consortium.Portal.Platform.Validation;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Meetings.Application;

// One validator per request: the Platform runs it on every endpoint that takes the request and the forms use it
// through FormValidation.For, so the API and the UI refuse the same input with the same words.

/// <summary>The rules a new meeting and a changed one share (<see cref="IMeetingDetails"/>).</summary>
internal sealed class MeetingDetailsValidator : AbstractValidator<IMeetingDetails>
{
    public MeetingDetailsValidator(IStringLocalizer<MeetingsResource> text)
    {
        RuleFor(r => r.Title).Title(text);
        RuleFor(r => r.Description).MaxLength(text, MeetingsConsts.MaxDescriptionLength);
        RuleFor(r => r.Start).NotNull().WithMessage(_ => text["Validation.StartRequired"]);
        RuleFor(r => r.End).NotNull().WithMessage(_ => text["Validation.EndRequired"])
            .Must((r, end) => r.Start is null || end is null || end > r.Start).WithMessage(_ => text["Validation.EndBeforeStart"]);
        RuleFor(r => r.TimeZoneId).Must(id => id is null || MeetingTimes.FindZone(id) is not null).WithMessage(_ => text["Validation.UnknownTimeZone"]);
        RuleFor(r => r.Place).MaxLength(text, MeetingsConsts.MaxPlaceLength);
        RuleFor(r => r.Town).MaxLength(text, MeetingsConsts.MaxPlaceLength);
        RuleFor(r => r.OnlineLink).OnlineLink(text);
        RuleFor(r => r.Invitees).Must(i => i is null || i.Count <= MeetingsConsts.MaxInvitees).WithMessage(_ => text["Validation.TooManyInvitees", MeetingsConsts.MaxInvitees]);
    }
}

internal sealed class CreateMeetingValidator : AbstractValidator<CreateMeetingRequest>
{
    public CreateMeetingValidator(IStringLocalizer<MeetingsResource> text)
    {
        Include(new MeetingDetailsValidator(text));
        RuleFor(r => r.ProposalCutoff).Must((r, cutoff) => cutoff is null || r.Start is null || cutoff <= r.Start).WithMessage(_ => text["Validation.CutoffAfterStart"]);
        RuleFor(r => r.Series).Custom((series, context) =>
        {
            if (series is not null && context.InstanceToValidate.Start is { } start && SeriesRule.From(series).Problem(DateOnly.FromDateTime(start)) is { } problem)
            {
                context.AddFailure("series", text["Validation." + problem, MeetingsConsts.SeriesHorizonDays / 366]);
            }
        });
    }
}

internal sealed class UpdateMeetingValidator : AbstractValidator<UpdateMeetingRequest>
{
    public UpdateMeetingValidator(IStringLocalizer<MeetingsResource> text, IStringLocalizer<PlatformResource> platformText)
    {
        Include(new MeetingDetailsValidator(text));
        RuleFor(r => r.ConcurrencyStamp).AsRead(platformText);
    }
}

internal sealed class CancelMeetingValidator : AbstractValidator<CancelMeetingRequest>
{
    public CancelMeetingValidator(IStringLocalizer<MeetingsResource> text) => RuleFor(r => r.Reason).MaxLength(text, MeetingsConsts.MaxNoteLength);
}

internal sealed class RsvpValidator : AbstractValidator<RsvpRequest>
{
    public RsvpValidator(IStringLocalizer<MeetingsResource> text)
    {
        RuleFor(r => r.Answer).Must(a => a is RsvpAnswer.Yes or RsvpAnswer.No or RsvpAnswer.Maybe).WithMessage(_ => text["Rsvp.AnswerRequired"]);
        RuleFor(r => r.Note).MaxLength(text, MeetingsConsts.MaxNoteLength);
    }
}

internal sealed class AgendaItemValidator : AbstractValidator<AgendaItemRequest>
{
    public AgendaItemValidator(IStringLocalizer<MeetingsResource> text)
    {
        RuleFor(r => r.Title).Title(text);
        RuleFor(r => r.Minutes).InclusiveBetween(1, MeetingsConsts.MaxItemMinutes).WithMessage(_ => text["Validation.ItemMinutes", MeetingsConsts.MaxItemMinutes]);
        RuleFor(r => r.Description).MaxLength(text, MeetingsConsts.MaxDescriptionLength);
        RuleFor(r => r.DocumentIds).Must(d => d is null || d.Count <= 50).WithMessage(_ => text["Validation.TooManyDocuments", 50]);
    }
}

internal sealed class ReorderAgendaValidator : AbstractValidator<ReorderAgendaRequest>
{
    public ReorderAgendaValidator(IStringLocalizer<MeetingsResource> text)
        => RuleFor(r => r.ItemIds).NotNull().WithMessage(_ => text["Agenda.ReorderMismatch"]);
}

internal sealed class MinutesValidator : AbstractValidator<MinutesRequest>
{
    public MinutesValidator(IStringLocalizer<MeetingsResource> text, IStringLocalizer<PlatformResource> platformText)
    {
        RuleFor(r => r.Text).MaxLength(text, MeetingsConsts.MaxMinutesLength);
        RuleFor(r => r.MinutesStamp).AsRead(platformText);
    }
}

internal sealed class AttendanceValidator : AbstractValidator<AttendanceRequest>
{
    public AttendanceValidator(IStringLocalizer<MeetingsResource> text)
    {
        RuleFor(r => r.Attendees).NotNull().WithMessage(_ => text["Validation.AttendeesRequired"])
            .Must(a => a is null || a.Count <= MeetingsConsts.MaxInvitees).WithMessage(_ => text["Validation.TooManyInvitees", MeetingsConsts.MaxInvitees]);
        RuleFor(r => r.Women).Must(n => n is null or >= 0).WithMessage(_ => text["Validation.Count"]);
        RuleFor(r => r.Men).Must(n => n is null or >= 0).WithMessage(_ => text["Validation.Count"]);
        RuleFor(r => r.OtherGender).Must(n => n is null or >= 0).WithMessage(_ => text["Validation.Count"]);
    }
}

internal sealed class DecisionValidator : AbstractValidator<DecisionRequest>
{
    public DecisionValidator(IStringLocalizer<MeetingsResource> text)
        => RuleFor(r => r.Text).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage(_ => text["Validation.TextRequired"])
            .MaxLength(text, MeetingsConsts.MaxDecisionLength);
}

internal sealed class ActionItemValidator : AbstractValidator<ActionItemRequest>
{
    public ActionItemValidator(IStringLocalizer<MeetingsResource> text)
    {
        RuleFor(r => r.What).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage(_ => text["Validation.TextRequired"])
            .MaxLength(text, MeetingsConsts.MaxDecisionLength);
        RuleFor(r => r.OwnerId).NotEmpty().WithMessage(_ => text["Validation.OwnerRequired"]);
        RuleFor(r => r.Due).NotEqual(default(DateOnly)).WithMessage(_ => text["Validation.DueRequired"]);
    }
}

internal sealed class CloseActionItemValidator : AbstractValidator<CloseActionItemRequest>
{
    public CloseActionItemValidator(IStringLocalizer<MeetingsResource> text) => RuleFor(r => r.Note).MaxLength(text, MeetingsConsts.MaxNoteLength);
}

internal sealed class MeetingListQueryValidator(IStringLocalizer<PlatformResource> text)
    : PagedQueryValidator<MeetingListQuery>(text, MeetingListQuery.DefaultPageSize, MeetingListQuery.MaxPageSize);

internal sealed class DecisionQueryValidator : PagedQueryValidator<DecisionQuery>
{
    public DecisionQueryValidator(IStringLocalizer<PlatformResource> platformText, IStringLocalizer<MeetingsResource> text)
        : base(platformText, DecisionQuery.DefaultPageSize, DecisionQuery.MaxPageSize)
        => RuleFor(q => q.Search).MaxLength(text, DecisionQuery.MaxSearchLength);
}

internal static class MeetingsRules
{
    public static IRuleBuilderOptions<T, string?> Title<T>(this IRuleBuilder<T, string?> rule, IStringLocalizer<MeetingsResource> text)
        => rule
            .Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage(_ => text["Validation.TitleRequired"])
            .Must(t => t is null || t.Trim().Length <= MeetingsConsts.MaxTitleLength)
            .WithMessage(_ => text["Validation.TooLong", MeetingsConsts.MaxTitleLength]);

    public static IRuleBuilderOptions<T, string?> MaxLength<T>(this IRuleBuilder<T, string?> rule, IStringLocalizer<MeetingsResource> text, int max)
        => rule.Must(t => t is null || t.Trim().Length <= max).WithMessage(_ => text["Validation.TooLong", max]);

    /// <summary>A link to any video service, but a web link: no <c>javascript:</c> or other schemes.</summary>
    public static IRuleBuilderOptions<T, string?> OnlineLink<T>(this IRuleBuilder<T, string?> rule, IStringLocalizer<MeetingsResource> text)
        => rule.Must(l => string.IsNullOrWhiteSpace(l)
                          || (l.Trim().Length <= MeetingsConsts.MaxLinkLength && Uri.TryCreate(l.Trim(), UriKind.Absolute, out var uri)
                              && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
            .WithMessage(_ => text["Validation.OnlineLink"]);
}
