using Consortium.Portal.Notifications.Data;
using Consortium.Portal.Notifications.Delivery;
using Consortium.Portal.Notifications.Domain;
using Consortium.Portal.Platform.Mail;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

// Hangfire stores this job's full type name in its recurring and queued jobs, so it keeps the namespace it had before it moved to Jobs/.
namespace Consortium.Portal.Notifications.Email;

/// <summary>
/// Sends the e-mails of some notifications, each in its recipient's language. Those that fail are tried again by a job
/// scheduled with a doubling delay, up to <see cref="NotificationsOptions.EmailAttempts"/>; a recipient without an
/// address keeps the notification in the portal only.
/// </summary>
internal sealed class NotificationEmailJob(
    NotificationsDbContext db,
    RecipientDirectory directory,
    NotificationEmails emails,
    IEmailSender sender,
    IBackgroundJobClient jobs,
    IOptions<NotificationsOptions> options,
    TimeProvider clock,
    ILogger<NotificationEmailJob> logger)
{
    // The retries are this job's own (scheduled with the failed ones only), not Hangfire's re-run of the whole batch.
    [AutomaticRetry(Attempts = 0)]
    public async Task SendAsync(Guid[] notificationIds, int attempt, CancellationToken cancellationToken)
    {
        var notifications = await db.Notifications
            .Where(n => notificationIds.Contains(n.Id) && n.EmailState == EmailState.Pending)
            .ToListAsync(cancellationToken);
        if (notifications.Count == 0)
        {
            return;
        }
        var recipients = await directory.GetAsync(notifications.Select(n => n.RecipientId).ToList(), cancellationToken);
        var settings = options.Value;
        var failed = new List<Guid>();
        foreach (var notification in notifications)
        {
            var recipient = recipients[notification.RecipientId];
            if (recipient.Email is null || recipient.IsDisabled)
            {
                logger.LogInformation("Notification {NotificationId} of user {UserId} stays in the portal only: the user has no e-mail address or is disabled",
                    notification.Id, notification.RecipientId);
                notification.EmailImpossible();
            }
            else
            {
                try
                {
                    await sender.SendAsync(emails.Immediate(notification, recipient), cancellationToken);
                    notification.EmailSent(clock.GetUtcNow().UtcDateTime);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    var willRetry = attempt < settings.EmailAttempts;
                    logger.LogWarning(e, "The e-mail of notification {NotificationId} failed (attempt {Attempt} of {Attempts})",
                        notification.Id, attempt, settings.EmailAttempts);
                    notification.EmailFailed($"{e.GetType().Name}: {e.Message}", willRetry);
                    if (willRetry)
                    {
                        failed.Add(notification.Id);
                    }
                }
            }
            // Each outcome is kept at once: a crash later in the batch sends nobody's e-mail twice.
            await db.SaveChangesAsync(cancellationToken);
        }

        if (failed.Count > 0)
        {
            var retry = failed.ToArray();
            jobs.Schedule<NotificationEmailJob>(job => job.SendAsync(retry, attempt + 1, CancellationToken.None), settings.RetryDelayAfter(attempt));
        }
    }
}
