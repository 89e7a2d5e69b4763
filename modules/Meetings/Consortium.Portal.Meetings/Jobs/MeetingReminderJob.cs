using System.Globalization;
using Consortium.Portal.Meetings.Application;
using Consortium.Portal.Meetings.Data;
using Consortium.Portal.Meetings.Notifications;
using Consortium.Portal.Notifications;
using Consortium.Portal.Platform.Jobs;
using Consortium.Portal.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace Consortium.Portal.Meetings.Jobs;

/// <summary>
/// Every quarter of an hour: reminds the invitees of each open meeting starting within a day, once, with the agenda;
/// and reminds owners of action items due tomorrow or overdue, once a day.
/// </summary>
internal sealed class MeetingReminderJob(MeetingsDbContext db, INotificationSender notifications, TimeProvider clock) : IRecurringJob
{
    public const string JobId = "meetings-reminders";
    public static readonly TimeSpan Ahead = TimeSpan.FromHours(24);

    public async Task RunAsync(CancellationToken cancellationToken) => await RemindAsync(cancellationToken);

    public async Task<int> RemindAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + Ahead;
        var sent = 0;
        var meetings = await db.WholeMeetings
            .Where(m => (m.State == MeetingState.Open) && m.ReminderSentAtUtc == null && m.StartUtc > now && m.StartUtc <= until)
            .ToListAsync(cancellationToken);
        foreach (var meeting in meetings)
        {
            meeting.ReminderSentAtUtc = now;
            var recipients = meeting.Participants.Where(p => p.Answer != RsvpAnswer.No).Select(p => p.UserId).ToList();
            if (recipients.Count == 0)
            {
                continue;
            }
            var agenda = string.Join("\n", meeting.ScheduledItems().Select(i => string.Create(CultureInfo.InvariantCulture, $"{i.Position}. {i.Title} ({i.Minutes}′)")));
            notifications.Send(new NotificationRequest(MeetingNotificationTypes.Reminder.Name, recipients, new Dictionary<string, string>
            {
                ["meeting"] = meeting.Title,
                ["when"] = MeetingScheduling.When(meeting),
                ["where"] = MeetingScheduling.Where(meeting) is { Length: > 0 } w ? w : "—",
                ["agenda"] = Truncate(agenda.Length > 0 ? agenda : "—"),
            }, $"{Api.MeetingsPaths.Page}/{meeting.Id}"));
            sent++;
        }

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, UserTimeZone.Resolve(null)));
        var tomorrow = today.AddDays(1);
        var due = await db.ActionItems
            .Where(a => a.Status == ActionItemStatus.Open && a.Due <= tomorrow && (a.RemindedOn == null || a.RemindedOn < today))
            .Take(1000).ToListAsync(cancellationToken);
        foreach (var item in due)
        {
            item.RemindedOn = today;
            notifications.Send(new NotificationRequest(MeetingNotificationTypes.ActionItemDue.Name, [item.OwnerId], new Dictionary<string, string>
            {
                ["what"] = Truncate(item.What),
                ["due"] = item.Due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            }, Api.MeetingsPaths.MyActionItemsPage));
            sent++;
        }
        await db.SaveChangesAsync(cancellationToken);
        return sent;
    }

    private static string Truncate(string value) => value.Length <= NotificationRequest.MaxParameterLength ? value : value[..(NotificationRequest.MaxParameterLength - 1)] + "…";
}
