using Consortium.Portal.Notifications.Data;
using Consortium.Portal.Notifications.Delivery;
using Consortium.Portal.Notifications.Domain;
using Consortium.Portal.Platform.Jobs;
using Consortium.Portal.Platform.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

// Hangfire stores this job's full type name in its recurring and queued jobs, so it keeps the namespace it had before it moved to Jobs/.
namespace Consortium.Portal.Notifications.Email;

/// <summary>
/// Runs every hour and sends the digest of each user whose local clock has reached <see cref="NotificationsOptions.DigestHour"/>
/// and who has digest items waiting: at most one digest per user and local day (a <see cref="DigestRun"/> records it), so a
/// failed send is tried again the next hour and a portal that was down catches up when it is back. Items the user has
/// read in the portal meanwhile are left out.
/// </summary>
internal sealed class DailyDigestJob(
    NotificationsDbContext db,
    RecipientDirectory directory,
    NotificationEmails emails,
    IEmailSender sender,
    IOptions<NotificationsOptions> options,
    TimeProvider clock,
    ILogger<DailyDigestJob> logger) : IRecurringJob
{
    public const string JobId = "notifications.daily-digest";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var waiting = await Waiting()
            .Where(n => n.CreatedAtUtc <= now)
            .Select(n => n.RecipientId).Distinct()
            .ToListAsync(cancellationToken);
        if (waiting.Count == 0)
        {
            return;
        }
        var recipients = await directory.GetAsync(waiting, cancellationToken);
        var sent = 0;
        foreach (var recipient in recipients.Values)
        {
            var local = TimeZoneInfo.ConvertTimeFromUtc(now, recipient.TimeZone);
            var day = DateOnly.FromDateTime(local);
            if (local.Hour < options.Value.DigestHour
                || await db.DigestRuns.AnyAsync(r => r.UserId == recipient.Id && r.LocalDate == day, cancellationToken))
            {
                continue;
            }
            if (await SendDigestAsync(recipient, day, now, cancellationToken))
            {
                sent++;
            }
        }
        logger.LogInformation("Daily digest run: {Sent} digest(s) sent, {Waiting} user(s) with digest items waiting", sent, waiting.Count);
    }

    private async Task<bool> SendDigestAsync(Recipient recipient, DateOnly day, DateTime now, CancellationToken cancellationToken)
    {
        var items = await Waiting()
            .Where(n => n.RecipientId == recipient.Id && n.CreatedAtUtc <= now)
            .OrderBy(n => n.CreatedAtUtc)
            .ToListAsync(cancellationToken);
        if (recipient.Email is null || recipient.IsDisabled)
        {
            logger.LogInformation("The digest of user {UserId} is not sent: no e-mail address, or disabled; {Count} item(s) stay in the portal only",
                recipient.Id, items.Count);
            items.ForEach(n => n.EmailImpossible());
            await db.SaveChangesAsync(cancellationToken);
            return false;
        }

        var unread = items.Where(n => !n.IsRead).ToList();
        if (unread.Count > 0)
        {
            try
            {
                await sender.SendAsync(emails.Digest(unread, recipient), cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "The digest of user {UserId} failed; the next hourly run tries again", recipient.Id);
                return false;
            }
        }
        items.ForEach(n => n.Digested(now, included: !n.IsRead));
        db.DigestRuns.Add(new DigestRun(recipient.Id, day, now, unread.Count));
        await db.SaveChangesAsync(cancellationToken);
        return unread.Count > 0;
    }

    private IQueryable<Notification> Waiting()
        => db.Notifications.Where(n => n.Delivery == NotificationDelivery.DailyDigest && n.EmailState == EmailState.Pending);
}
