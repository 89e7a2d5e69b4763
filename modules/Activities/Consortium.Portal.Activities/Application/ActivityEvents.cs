using Consortium.Portal.Activities.Data;
using Consortium.Portal.Activities.Domain;
using Consortium.Portal.Identity;
using Consortium.Portal.Notifications;
using Consortium.Portal.Platform;
using Consortium.Portal.Platform.Auditing;
using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Platform.Time;
using Consortium.Portal.Platform.Validation;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Activities.Application;

/// <summary>
/// Events under activities: planning, outputs, attendance and feedback summaries. Staff of an organising partner (with
/// <see cref="ActivitiesPermissions.Events.Manage"/>) and the Coordinator (<see cref="ActivitiesPermissions.Registrants.ManageAll"/>)
/// are the event's organisers: only they see or touch registrants' personal data, and each time they do it is audited.
/// </summary>
internal sealed class ActivityEvents(
    ActivitiesDbContext db,
    ActivityPlan plan,
    ICurrentUser user,
    IPermissionChecker permissions,
    IUserDirectory directory,
    IAuditLog audit,
    TimeProvider clock,
    IValidator<EventDetails> detailsRules,
    IValidator<AddOutputRequest> outputRules,
    IValidator<CountedAttendanceRequest> countRules,
    IValidator<CancelEventRequest> cancelRules,
    IStringLocalizer<PlatformResource> platformText,
    IStringLocalizer<ActivitiesResource> text,
    ILiveChanges live)
{
    public async Task<IReadOnlyList<ActivityEventDto>> ListAsync(Guid? activityId, CancellationToken cancellationToken = default)
    {
        var query = db.Events.AsNoTracking();
        if (activityId is { } id)
        {
            query = query.Where(e => e.ActivityId == id);
        }
        var events = await query.OrderBy(e => e.StartUtc).ToListAsync(cancellationToken);
        return await ToDtosAsync(events, cancellationToken);
    }

    /// <summary>One event with its materials, documents and photos (the list leaves them out).</summary>
    public async Task<ActivityEventDto> GetAsync(Guid eventId, CancellationToken cancellationToken = default)
    {
        var dto = (await ToDtosAsync([await FindAsync(eventId, tracked: false, cancellationToken)], cancellationToken))[0];
        var resources = await db.Resources.AsNoTracking().Where(r => r.EventId == eventId).OrderBy(r => r.Kind).ThenBy(r => r.Title)
            .Select(r => new EventResourceDto(r.Id, r.Kind, r.TargetId, r.Title, r.Link)).ToListAsync(cancellationToken);
        var photos = await db.Photos.AsNoTracking().Where(p => p.EventId == eventId).OrderBy(p => p.AddedAtUtc)
            .Select(p => new EventPhotoDto(p.Id, p.FileName, p.ConsentNote, p.AddedAtUtc)).ToListAsync(cancellationToken);
        return dto with { Resources = resources, Photos = photos };
    }

    public async Task<ActivityEventDto> CreateAsync(EventDetails details, CancellationToken cancellationToken = default)
    {
        await detailsRules.EnsureValidAsync(details, cancellationToken);
        var activity = await db.Activities.AsNoTracking().SingleOrDefaultAsync(a => a.Id == details.ActivityId, cancellationToken)
                       ?? throw RequestValidationException.For("activityId", text["Validation.ActivityNotInPlan"]);
        var evt = new ActivityEvent(Guid.CreateVersion7(), activity.Id);
        await ApplyAsync(evt, activity, details, cancellationToken);
        await EnsureMayOrganiseAsync(evt.OrganisingPartners, cancellationToken);
        evt.Planned(activity.Number);
        db.Events.Add(evt);
        await db.SaveChangesAsync(cancellationToken);
        return await GetAsync(evt.Id, cancellationToken);
    }

    public async Task<ActivityEventDto> UpdateAsync(Guid eventId, UpdateEventRequest request, CancellationToken cancellationToken = default)
    {
        // The event page names the details' fields as they are (title, not details.title), so they are checked on their
        // own here; the API has run UpdateEventValidator, whose stamp rule this is, before the call.
        await detailsRules.EnsureValidAsync(request.Details, cancellationToken);
        var stamp = ConcurrencyStamps.Required(request.ConcurrencyStamp, platformText);
        var evt = await FindAsync(eventId, tracked: true, cancellationToken);
        await EnsureOrganiserAsync(evt, cancellationToken);
        var activity = await db.Activities.AsNoTracking().SingleOrDefaultAsync(a => a.Id == request.Details.ActivityId, cancellationToken)
                       ?? throw RequestValidationException.For("activityId", text["Validation.ActivityNotInPlan"]);
        if (request.Details.Capacity is { } capacity && capacity < evt.Confirmed)
        {
            throw new DomainRuleException("Problem.CapacityBelowConfirmed", typeof(ActivitiesResource), evt.Confirmed);
        }
        if (evt.ConcurrencyStamp != stamp)
        {
            db.ChangeTracker.Clear();
            throw new ConcurrencyConflictException(nameof(ActivityEvent), eventId, await GetAsync(eventId, cancellationToken));
        }
        db.ExpectConcurrencyStamp(evt, stamp);
        await ApplyAsync(evt, activity, request.Details, cancellationToken);
        await db.SaveOrConflictAsync(nameof(ActivityEvent), eventId, ct => GetAsync(eventId, ct), cancellationToken);
        await live.EventChangedAsync(eventId, EventChanges.Details);
        return await GetAsync(eventId, cancellationToken);
    }

    /// <summary>
    /// Calls the event off (its organisers and the Coordinator): it takes no more registrations, the public page says so
    /// with the reason, and everyone registered or waiting is e-mailed (the outbox, with this save). Registrations keep
    /// their status, so the organisers still see who was told.
    /// </summary>
    public async Task<ActivityEventDto> CancelAsync(Guid eventId, CancelEventRequest request, CancellationToken cancellationToken = default)
    {
        await cancelRules.EnsureValidAsync(request, cancellationToken);
        var evt = await FindAsync(eventId, tracked: true, cancellationToken);
        await EnsureOrganiserAsync(evt, cancellationToken);
        if (evt.IsCancelled)
        {
            throw new DomainRuleException("Problem.EventAlreadyCancelled", typeof(ActivitiesResource));
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (evt.EndUtc <= now)
        {
            throw new DomainRuleException("Problem.EventAlreadyHeld", typeof(ActivitiesResource));
        }
        evt.Cancel(request.Reason!.Trim(), now);
        // Changed (or cancelled) by someone else meanwhile: one winner.
        await db.SaveOrConflictAsync(nameof(ActivityEvent), eventId, ct => GetAsync(eventId, ct), cancellationToken);
        await live.EventChangedAsync(eventId, EventChanges.Details);
        return await GetAsync(eventId, cancellationToken);
    }

    public async Task<EventOutputDto> AddOutputAsync(Guid eventId, AddOutputRequest request, CancellationToken cancellationToken = default)
    {
        await outputRules.EnsureValidAsync(request, cancellationToken);
        var evt = await FindAsync(eventId, tracked: false, cancellationToken);
        await EnsureOrganiserAsync(evt, cancellationToken);
        var output = new EventOutput(Guid.CreateVersion7(), eventId, request.Kind!.Value, request.Title!.Trim(), string.IsNullOrWhiteSpace(request.Url) ? null : request.Url.Trim());
        db.Outputs.Add(output);
        await db.SaveChangesAsync(cancellationToken);
        await live.EventChangedAsync(eventId, EventChanges.Details);
        return new EventOutputDto(output.Id, output.Kind, output.Title, output.Url);
    }

    /// <summary>People counted on the day without names (where names are not collected).</summary>
    public async Task<AttendanceDto> AddCountedAsync(Guid eventId, CountedAttendanceRequest request, CancellationToken cancellationToken = default)
    {
        await countRules.EnsureValidAsync(request, cancellationToken);
        var evt = await FindAsync(eventId, tracked: false, cancellationToken);
        await EnsureOrganiserAsync(evt, cancellationToken);
        db.Tallies.Add(new AttendanceTally(Guid.CreateVersion7(), eventId, request.Count, request.TargetGroup, request.Gender, request.AgeGroup));
        await db.SaveChangesAsync(cancellationToken);
        await live.EventChangedAsync(eventId, EventChanges.Attendance);
        return await AttendanceAsync(eventId, cancellationToken);
    }

    /// <summary>Attendance by category: counts only, for anyone who sees the plan.</summary>
    public async Task<AttendanceDto> AttendanceAsync(Guid eventId, CancellationToken cancellationToken = default)
    {
        var evt = await FindAsync(eventId, tracked: false, cancellationToken);
        var side = await db.Towns.AsNoTracking().Where(t => t.Id == evt.TownId).Select(t => t.Side).SingleAsync(cancellationToken);
        return AttendanceCounts.Summarise(await AttendanceLinesAsync([eventId], cancellationToken), side);
    }

    internal async Task<IReadOnlyList<AttendanceLine>> AttendanceLinesAsync(IReadOnlyCollection<Guid> eventIds, CancellationToken cancellationToken)
    {
        var checkedIn = await db.Registrations.AsNoTracking().Where(r => eventIds.Contains(r.EventId) && r.CheckedInAtUtc != null)
            .Select(r => new AttendanceLine(1, r.TargetGroup, r.Gender, r.AgeGroup)).ToListAsync(cancellationToken);
        var tallied = await db.Tallies.AsNoTracking().Where(t => eventIds.Contains(t.EventId))
            .Select(t => new AttendanceLine(t.Count, t.TargetGroup, t.Gender, t.AgeGroup)).ToListAsync(cancellationToken);
        return [.. checkedIn, .. tallied];
    }

    public async Task<FeedbackSummaryDto> FeedbackSummaryAsync(Guid eventId, CancellationToken cancellationToken = default)
    {
        await FindAsync(eventId, tracked: false, cancellationToken);
        var answers = await db.Feedback.AsNoTracking().Where(f => f.EventId == eventId).OrderBy(f => f.GivenAtUtc)
            .Select(f => new { f.Rating, f.Comment }).ToListAsync(cancellationToken);
        return new FeedbackSummaryDto(answers.Count, answers.Count == 0 ? null : Math.Round(answers.Average(a => a.Rating), 2),
            Enumerable.Range(1, 5).Select(r => new CountBucket(r.ToString(System.Globalization.CultureInfo.InvariantCulture), answers.Count(a => a.Rating == r))).ToList(),
            answers.Where(a => !string.IsNullOrWhiteSpace(a.Comment)).Select(a => a.Comment!).ToList());
    }

    /// <summary>The event's registrants, for its organisers and the Coordinator only; every read is audited.</summary>
    public async Task<IReadOnlyList<RegistrantDto>> RegistrantsAsync(Guid eventId, string? search, CancellationToken cancellationToken = default)
    {
        var evt = await FindAsync(eventId, tracked: false, cancellationToken);
        await EnsureOrganiserAsync(evt, cancellationToken);
        var query = db.Registrations.AsNoTracking().Where(r => r.EventId == eventId);
        var list = await query.OrderBy(r => r.Status).ThenBy(r => r.RegisteredAtUtc).ToListAsync(cancellationToken);
        if (!string.IsNullOrWhiteSpace(search))
        {
            // Searched in memory: a name's case and accents are folded the same way on both databases.
            var text = search.Trim();
            list = list.Where(r => r.Name.Contains(text, StringComparison.CurrentCultureIgnoreCase) || r.Email.Contains(text, StringComparison.OrdinalIgnoreCase)).ToList();
        }
        await AuditAsync("activities.registrants.read", eventId, $"{list.Count} registrants" + (string.IsNullOrWhiteSpace(search) ? "" : " (search)"), cancellationToken);
        return list.Select(ToDto).ToList();
    }

    /// <summary>The registrant whose QR code (the check-in link with their token) an organiser scanned at the door.</summary>
    public async Task<RegistrantDto> RegistrantByTokenAsync(Guid eventId, string? token, CancellationToken cancellationToken = default)
    {
        var evt = await FindAsync(eventId, tracked: false, cancellationToken);
        await EnsureOrganiserAsync(evt, cancellationToken);
        var hash = string.IsNullOrWhiteSpace(token) || token.Length > 100 ? "" : RegistrationTokens.HashOf(token);
        var registration = await db.Registrations.AsNoTracking().SingleOrDefaultAsync(r => r.EventId == eventId && r.TokenHash == hash, cancellationToken)
                           ?? throw new EntityNotFoundException(nameof(Registration), eventId);
        await AuditAsync("activities.registrants.read", eventId, registration.Id + " (QR code)", cancellationToken);
        return ToDto(registration);
    }

    /// <summary>Checks a confirmed registrant in (again is harmless); a cancelled or waiting registration is refused.</summary>
    public async Task<RegistrantDto> CheckInAsync(Guid eventId, Guid registrationId, CancellationToken cancellationToken = default)
    {
        var evt = await FindAsync(eventId, tracked: false, cancellationToken);
        await EnsureOrganiserAsync(evt, cancellationToken);
        var registration = await db.Registrations.SingleOrDefaultAsync(r => r.Id == registrationId && r.EventId == eventId, cancellationToken)
                           ?? throw new EntityNotFoundException(nameof(Registration), registrationId);
        if (registration.Status != RegistrationStatus.Confirmed)
        {
            throw new DomainRuleException(registration.Status == RegistrationStatus.Cancelled ? "Problem.CheckInCancelled" : "Problem.CheckInWaiting", typeof(ActivitiesResource));
        }
        var first = registration.CheckedInAtUtc is null;
        registration.CheckedInAtUtc ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        if (first)
        {
            await live.EventChangedAsync(eventId, EventChanges.Attendance);
        }
        await AuditAsync("activities.registrants.check-in", eventId, registration.Id.ToString(), cancellationToken);
        return ToDto(registration);
    }

    internal async Task<ActivityEvent> FindAsync(Guid eventId, bool tracked, CancellationToken cancellationToken)
        => await (tracked ? db.Events : db.Events.AsNoTracking()).SingleOrDefaultAsync(e => e.Id == eventId, cancellationToken)
           ?? throw new EntityNotFoundException(nameof(ActivityEvent), eventId);

    /// <summary>The Coordinator for every event; otherwise event managers of one of its organising partners.</summary>
    internal async Task<bool> IsOrganiserAsync(ActivityEvent evt, CancellationToken cancellationToken)
    {
        if (await permissions.IsGrantedAsync(user.Principal, ActivitiesPermissions.Registrants.ManageAll))
        {
            return true;
        }
        return await permissions.IsGrantedAsync(user.Principal, ActivitiesPermissions.Events.Manage)
               && await PartnerOfUserAsync(cancellationToken) is { } partner
               && evt.OrganisingPartners.Contains(partner, StringComparer.OrdinalIgnoreCase);
    }

    internal async Task EnsureOrganiserAsync(ActivityEvent evt, CancellationToken cancellationToken)
    {
        if (!await IsOrganiserAsync(evt, cancellationToken))
        {
            throw new ForbiddenException("Only the event's organisers and the Coordinator may do this.");
        }
    }

    /// <summary>A partner's staff plan events their partner organises; the Coordinator plans any.</summary>
    private async Task EnsureMayOrganiseAsync(IReadOnlyCollection<string> organisers, CancellationToken cancellationToken)
    {
        if (await permissions.IsGrantedAsync(user.Principal, ActivitiesPermissions.Registrants.ManageAll))
        {
            return;
        }
        if (await PartnerOfUserAsync(cancellationToken) is not { } partner || !organisers.Contains(partner, StringComparer.OrdinalIgnoreCase))
        {
            throw new DomainRuleException("Problem.NotAnOrganiser", typeof(ActivitiesResource));
        }
    }

    private async Task<string?> PartnerOfUserAsync(CancellationToken cancellationToken)
    {
        if (user.PartnerOrganisationId is not { } partnerId)
        {
            return null;
        }
        return ConsortiumPartners.All.FirstOrDefault(p => p.Id == partnerId)?.ShortName
               ?? (await directory.GetPartnersAsync(cancellationToken)).FirstOrDefault(p => p.Id == partnerId)?.ShortName;
    }

    private async Task ApplyAsync(ActivityEvent evt, ProjectActivity activity, EventDetails details, CancellationToken cancellationToken)
    {
        var zone = ZonedTimes.FindZone(details.TimeZone ?? ActivitiesConsts.DefaultTimeZone)!;
        var startUtc = ZonedTimes.ToUtc(details.LocalStart, zone);
        if (!activity.Covers(DateOnly.FromDateTime(details.LocalStart)) || !activity.Covers(DateOnly.FromDateTime(details.LocalEnd)))
        {
            throw new DomainRuleException("Problem.EventOutsidePeriod", typeof(ActivitiesResource), activity.Number,
                activity.StartsOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                activity.EndsOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }
        Town town;
        if (details.TownId is { } townId)
        {
            town = await db.Towns.SingleOrDefaultAsync(t => t.Id == townId, cancellationToken)
                   ?? throw RequestValidationException.For("townId", text["Validation.TownUnknown"]);
        }
        else
        {
            town = await plan.FindTownAsync(details.TownName!, cancellationToken)
                   ?? (details.TownSide is { } side
                       ? await plan.AddOrFindTownAsync(details.TownName!, side, cancellationToken)
                       : throw new DomainRuleException("Problem.TownWithoutSide", typeof(ActivitiesResource), details.TownName!.Trim()));
        }
        evt.Kind = details.Kind!.Value;
        evt.Title = details.Title!.Trim();
        evt.Description = Blank(details.Description);
        evt.LocalStart = DateTime.SpecifyKind(details.LocalStart, DateTimeKind.Unspecified);
        evt.LocalEnd = DateTime.SpecifyKind(details.LocalEnd, DateTimeKind.Unspecified);
        evt.TimeZone = zone.Id;
        evt.StartUtc = startUtc;
        evt.EndUtc = ZonedTimes.ToUtc(details.LocalEnd, zone);
        evt.TownId = town.Id;
        evt.Venue = Blank(details.Venue);
        evt.OrganisingPartners = Names(details.OrganisingPartners);
        evt.ParticipatingPartners = Names(details.ParticipatingPartners);
        evt.Speakers = Names(details.Speakers);
        evt.Agenda = Blank(details.Agenda);
        evt.IsPublic = details.IsPublic;
        evt.Capacity = details.Capacity;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static List<string> Names(IReadOnlyList<string>? names)
        => names?.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList() ?? [];

    private Task AuditAsync(string action, Guid eventId, string details, CancellationToken cancellationToken)
        => audit.WriteAsync(new AuditRecord(action, nameof(ActivityEvent), eventId.ToString(), details, user.Id, user.UserName), cancellationToken);

    internal static RegistrantDto ToDto(Registration r) => new(r.Id, r.Name, r.Email, r.Organisation, r.TargetGroup, r.Gender, r.AgeGroup, r.Status, r.RegisteredAtUtc, r.CheckedInAtUtc);

    private async Task<IReadOnlyList<ActivityEventDto>> ToDtosAsync(IReadOnlyList<ActivityEvent> events, CancellationToken cancellationToken)
    {
        var activityIds = events.Select(e => e.ActivityId).Distinct().ToList();
        var numbers = await db.Activities.AsNoTracking().Where(a => activityIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Number, cancellationToken);
        var townIds = events.Select(e => e.TownId).Distinct().ToList();
        var towns = await db.Towns.AsNoTracking().Where(t => townIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, cancellationToken);
        var ids = events.Select(e => e.Id).ToList();
        var waiting = await db.Registrations.AsNoTracking().Where(r => ids.Contains(r.EventId) && r.Status == RegistrationStatus.Waiting)
            .GroupBy(r => r.EventId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        return events.Select(e => new ActivityEventDto(e.Id, e.ActivityId, numbers.GetValueOrDefault(e.ActivityId), e.Kind, e.Title, e.Description,
            e.LocalStart, e.LocalEnd, e.TimeZone, e.StartUtc, e.EndUtc, e.TownId, ActivityPlan.NameOf(towns[e.TownId]), towns[e.TownId].Side, e.Venue,
            e.OrganisingPartners, e.ParticipatingPartners, e.Speakers, e.Agenda,
            e.Outputs.OrderBy(o => o.Title).Select(o => new EventOutputDto(o.Id, o.Kind, o.Title, o.Url)).ToList(),
            e.IsPublic, e.Capacity, e.Confirmed, waiting.GetValueOrDefault(e.Id), e.IsCancelled, e.ConcurrencyStamp, e.CancellationReason)).ToList();
    }
}
