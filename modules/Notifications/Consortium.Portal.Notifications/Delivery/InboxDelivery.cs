using Consortium.Portal.Notifications.Data;
using Consortium.Portal.Notifications.Domain;
using Consortium.Portal.Notifications.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Consortium.Portal.Notifications.Delivery;

/// <summary>
/// Puts the notifications of one delivered outbox message into their recipients' inboxes, pushes them to every open
/// tab and queues the e-mails wanted at once. Running it again for the same message creates nothing twice: it pushes
/// what exists again (clients drop what they already have, by id) and queues e-mails still pending (a job sends one once).
/// </summary>
internal sealed class InboxDelivery(
    NotificationsDbContext db,
    NotificationTypeRegistry types,
    NotificationPush push,
    NotificationEmailQueue emails,
    TimeProvider clock,
    ILogger<InboxDelivery> logger)
{
    public async Task DeliverAsync(Guid sourceMessageId, NotificationRequest request, DateTime requestedAtUtc, CancellationToken cancellationToken)
    {
        var type = types.Check(request);
        var recipients = request.RecipientIds.Distinct().ToList();
        if (recipients.Count == 0)
        {
            return;
        }

        var chosen = await db.Preferences.AsNoTracking()
            .Where(p => p.Type == type.Name && recipients.Contains(p.UserId))
            .ToDictionaryAsync(p => p.UserId, p => p.Delivery, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var delivered = new List<Notification>();
        foreach (var recipient in recipients)
        {
            var delivery = chosen.TryGetValue(recipient, out var choice) ? choice : type.DefaultDelivery;
            if (delivery != NotificationDelivery.Off)
            {
                delivered.Add(new Notification(recipient, type, request.Parameters, request.PrimaryLink, sourceMessageId, requestedAtUtc, now, delivery, request.Actions));
            }
        }
        // All of a message's notifications are written in one transaction, so a delivery that ran before either wrote them all
        // or none: the unique key (message, recipient, type) refuses the second writing, and the first one's are used.
        db.Notifications.AddRange(delivered);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (delivered.Count > 0)
        {
            db.ChangeTracker.Clear();
            delivered = await ExistingAsync(sourceMessageId, type.Name, recipients, cancellationToken);
            if (delivered.Count == 0)
            {
                throw; // not a second delivery: a failure the outbox retries
            }
            logger.LogInformation(e, "Notifications of outbox message {MessageId} were delivered before; pushing those again", sourceMessageId);
        }

        // The push first: what the recipients see in the portal never waits for the job storage or the mail server.
        await push.PushAsync(delivered, cancellationToken);
        emails.QueueImmediate(delivered);
    }

    private Task<List<Notification>> ExistingAsync(Guid sourceMessageId, string type, List<Guid> recipients, CancellationToken cancellationToken)
        => db.Notifications.AsNoTracking()
            .Where(n => n.SourceMessageId == sourceMessageId && n.Type == type && recipients.Contains(n.RecipientId))
            .ToListAsync(cancellationToken);
}
