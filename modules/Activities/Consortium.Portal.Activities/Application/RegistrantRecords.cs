using Consortium.Portal.Activities.Data;
using Consortium.Portal.Activities.Domain;
using Consortium.Portal.Notifications;
using Consortium.Portal.Platform.Auditing;
using Consortium.Portal.Platform.Caching;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Consortium.Portal.Activities.Application;

/// <summary>
/// Registrants' personal data over its life: a person's request to see it (export) or to be forgotten (erase), and the
/// retention rule that reduces it to anonymous counts once the configured period after the event has passed. Attendance
/// counts survive all three: a checked-in person becomes a tally row with their categories and no name.
/// </summary>
internal sealed class RegistrantRecords(ActivitiesDbContext db, ICurrentUser user, IAuditLog audit, TimeProvider clock, IOptions<ActivitiesOptions> options,
    PortalCache cache, ILiveChanges live, IStringLocalizer<ActivitiesResource> text)
{
    public async Task<RegistrantExportDto> ExportAsync(string? email, CancellationToken cancellationToken = default)
    {
        var key = KeyOrRefuse(email);
        var registrations = await db.Registrations.AsNoTracking().Where(r => r.EmailKey == key).ToListAsync(cancellationToken);
        var eventIds = registrations.Select(r => r.EventId).ToList();
        var events = await db.Events.AsNoTracking().Where(e => eventIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
        await audit.WriteAsync(new AuditRecord("activities.registrants.export", nameof(Registration), null, $"{registrations.Count} registrations", user.Id, user.UserName), cancellationToken);
        return new RegistrantExportDto(email!.Trim(), registrations.OrderBy(r => r.RegisteredAtUtc).Select(r => new RegistrantRecordDto(
            r.EventId, events[r.EventId].Title, events[r.EventId].StartUtc, r.Name, r.Organisation, r.TargetGroup, r.Gender, r.AgeGroup, r.Status,
            r.RegisteredAtUtc, r.CheckedInAtUtc)).ToList());
    }

    /// <summary>Erases every registration of the address; returns how many. Attendance counts and feedback stay, without the name.</summary>
    public async Task<int> EraseAsync(string? email, CancellationToken cancellationToken = default)
    {
        var key = KeyOrRefuse(email);
        var registrations = await db.Registrations.Where(r => r.EmailKey == key).ToListAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var group in registrations.GroupBy(r => r.EventId))
        {
            await ReduceAsync(group.Key, group.ToList(), cancellationToken);
            var freed = group.Count(r => r.Status == RegistrationStatus.Confirmed);
            if (freed > 0)
            {
                await db.Events.Where(e => e.Id == group.Key).ExecuteUpdateAsync(s => s.SetProperty(e => e.Confirmed, e => e.Confirmed - freed), cancellationToken);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        EventRegistrations.PlacesChanged(cache);
        foreach (var eventId in registrations.Select(r => r.EventId).Distinct())
        {
            await live.EventChangedAsync(eventId, EventChanges.Registrations);
        }
        await audit.WriteAsync(new AuditRecord("activities.registrants.erase", nameof(Registration), null, $"{registrations.Count} registrations", user.Id, user.UserName), cancellationToken);
        return registrations.Count;
    }

    /// <summary>
    /// The registrant's own copy of what is kept about this one registration (their link's request to see it). A confirmed
    /// place is freed first by the caller, so no one on the waiting list is kept from it.
    /// </summary>
    public async Task<RegistrantRecordDto> OwnRecordAsync(Guid registrationId, CancellationToken cancellationToken = default)
    {
        var r = await db.Registrations.AsNoTracking().SingleAsync(x => x.Id == registrationId, cancellationToken);
        var evt = await db.Events.AsNoTracking().SingleAsync(e => e.Id == r.EventId, cancellationToken);
        await AuditOwnAsync("activities.registrants.own-export", r.EventId, registrationId, cancellationToken);
        return new RegistrantRecordDto(r.EventId, evt.Title, evt.StartUtc, r.Name, r.Organisation, r.TargetGroup, r.Gender, r.AgeGroup, r.Status, r.RegisteredAtUtc, r.CheckedInAtUtc);
    }

    /// <summary>Erases one registration at its registrant's request (their link); attendance counts and feedback stay, without the name.</summary>
    public async Task EraseOneAsync(Guid registrationId, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var registration = await db.Registrations.SingleOrDefaultAsync(r => r.Id == registrationId, cancellationToken);
        if (registration is null)
        {
            return;
        }
        await ReduceAsync(registration.EventId, [registration], cancellationToken);
        if (registration.Status == RegistrationStatus.Confirmed)
        {
            await db.Events.Where(e => e.Id == registration.EventId).ExecuteUpdateAsync(s => s.SetProperty(e => e.Confirmed, e => e.Confirmed - 1), cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        EventRegistrations.PlacesChanged(cache);
        await live.EventChangedAsync(registration.EventId, EventChanges.Registrations);
        await AuditOwnAsync("activities.registrants.own-erase", registration.EventId, registrationId, cancellationToken);
    }

    /// <summary>
    /// A registrant's own request through their link, with nobody signed in: the event and the registration's id say
    /// which, and nothing the person gave (name, address) goes into the log that is kept longer than their data.
    /// </summary>
    private Task AuditOwnAsync(string action, Guid eventId, Guid registrationId, CancellationToken cancellationToken)
        => audit.WriteAsync(new AuditRecord(action, nameof(ActivityEvent), eventId.ToString(), "registration " + registrationId, null, RegistrantUserName), cancellationToken);

    /// <summary>Who acted, in the audit log, when a registrant used their own link.</summary>
    internal const string RegistrantUserName = "registrant";

    /// <summary>Reduces the registrations of every event that ended longer ago than the retention period; returns the events reduced.</summary>
    public async Task<int> ApplyRetentionAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - options.Value.RegistrantDataRetention;
        var due = await db.Events.Where(e => e.PersonalDataReducedAtUtc == null && e.EndUtc <= cutoff).ToListAsync(cancellationToken);
        foreach (var evt in due)
        {
            var registrations = await db.Registrations.Where(r => r.EventId == evt.Id).ToListAsync(cancellationToken);
            await ReduceAsync(evt.Id, registrations, cancellationToken);
            evt.PersonalDataReducedAtUtc = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
        }
        return due.Count;
    }

    /// <summary>Tallies for the checked-in, feedback unlinked, rows removed (saved by the caller).</summary>
    private async Task ReduceAsync(Guid eventId, IReadOnlyList<Registration> registrations, CancellationToken cancellationToken)
    {
        foreach (var line in AttendanceCounts.Reduce(registrations))
        {
            db.Tallies.Add(new AttendanceTally(Guid.CreateVersion7(), eventId, line.Count, line.TargetGroup, line.Gender, line.AgeGroup));
        }
        var ids = registrations.Select(r => r.Id).ToList();
        await db.Feedback.Where(f => f.RegistrationId != null && ids.Contains(f.RegistrationId.Value))
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.RegistrationId, (Guid?)null), cancellationToken);
        db.Registrations.RemoveRange(registrations);
    }

    private string KeyOrRefuse(string? email)
        => string.IsNullOrWhiteSpace(email) || email.Length > ActivitiesConsts.MaxEmailLength
            ? throw RequestValidationException.For("email", text["Validation.RegistrantEmailRequired"])
            : Registration.KeyOf(email);
}
