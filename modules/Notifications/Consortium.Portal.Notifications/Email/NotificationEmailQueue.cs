using Consortium.Portal.Notifications.Data;
using Consortium.Portal.Notifications.Delivery;
using Consortium.Portal.Notifications.Domain;
using Consortium.Portal.Platform.Mail;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Consortium.Portal.Notifications.Email;

/// <summary>Queues the e-mails of notifications wanted at once, as background jobs: the inbox and the push never wait for SMTP.</summary>
internal sealed class NotificationEmailQueue(IBackgroundJobClient jobs, IOptions<NotificationsOptions> options)
{
    public void QueueImmediate(IEnumerable<Notification> notifications)
    {
        var pending = notifications
            .Where(n => n.Delivery == NotificationDelivery.EmailImmediately && n.EmailState == EmailState.Pending)
            .Select(n => n.Id);
        foreach (var batch in pending.Chunk(options.Value.EmailBatchSize))
        {
            jobs.Enqueue<NotificationEmailJob>(job => job.SendAsync(batch, 1, CancellationToken.None));
        }
    }
}
