using Consortium.Portal.Activities.Application;
using Consortium.Portal.Activities.Data;
using Consortium.Portal.Activities.Domain;
using Consortium.Portal.Platform.Jobs;
using Consortium.Portal.Platform.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Consortium.Portal.Activities.Jobs;

/// <summary>
/// Hourly: the day before an event, from <see cref="ActivitiesOptions.ReminderHour"/> in the event's own time zone, each
/// confirmed registrant gets one reminder. Who registered after that moment has just had the confirmation and gets none.
/// Each reminder is marked on its registration as it is sent, so a run that fails halfway (or two instances running it)
/// never sends one twice.
/// </summary>
internal sealed class EventReminderJob(
    ActivitiesDbContext db,
    EventRegistrations registrations,
    RegistrationMail mail,
    RegistrantLinks links,
    TimeProvider clock,
    IOptions<ActivitiesOptions> options) : IRecurringJob
{
    public const string JobId = "activities.event-reminders";

    public async Task RunAsync(CancellationToken cancellationToken) => await SendDueAsync(cancellationToken);

    /// <returns>How many reminders were sent.</returns>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // The day before in any zone starts at most 50 hours before the event's start (UTC+14 against UTC-12).
        var soon = now.AddHours(50);
        var events = await db.Events.AsNoTracking()
            .Where(e => !e.IsCancelled && e.StartUtc > now && e.StartUtc <= soon)
            .Select(e => new { e.Id, e.LocalStart, e.TimeZone })
            .ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var evt in events)
        {
            var zone = ZonedTimes.FindZone(evt.TimeZone) ?? TimeZoneInfo.Utc;
            var remindAt = ZonedTimes.ToUtc(evt.LocalStart.Date.AddDays(-1).AddHours(options.Value.ReminderHour), zone);
            if (now < remindAt)
            {
                continue;
            }
            var due = await db.Registrations
                .Where(r => r.EventId == evt.Id && r.Status == RegistrationStatus.Confirmed && r.ReminderMailedAtUtc == null && r.RegisteredAtUtc < remindAt)
                .OrderBy(r => r.RegisteredAtUtc).ToListAsync(cancellationToken);
            if (due.Count == 0)
            {
                continue;
            }
            var view = await registrations.PublicEventAsync(evt.Id, cancellationToken, publicOnly: false);
            foreach (var registration in due)
            {
                await mail.SendReminderAsync(registration, view, links.BaseUrl, cancellationToken);
                registration.ReminderMailedAtUtc = clock.GetUtcNow().UtcDateTime;
                await db.SaveChangesAsync(cancellationToken);
                sent++;
            }
        }
        return sent;
    }
}
