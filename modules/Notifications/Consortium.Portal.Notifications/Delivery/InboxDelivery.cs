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

        var existing = await ExistingAsync(sourceMessageId, type.Name, recipients, cancellationToken);
        var missing = recipients.Except(existing.Select(n => n.RecipientId)).ToList();
        var created = new List<Notification>();
        if (missing.Count > 0)
        {
            var chosen = await db.Preferences.AsNoTracking()
                .Where(p => p.Type == type.Name && missing.Contains(p.UserId))
                .ToDictionaryAsync(p => p.UserId, p => p.Delivery, cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var recipient in missing)
            {
                var delivery = chosen.TryGetValue(recipient, out var choice) ? choice : type.DefaultDelivery;
                if (delivery != NotificationDelivery.Off)
                {
                    created.Add(new Notification(recipient, type, request.Parameters, request.Link, sourceMessageId, requestedAtUtc, now, delivery));
                }
            }
            db.Notifications.AddRange(created);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e)
            {
                // Another instance took the message over after this one's lock ran out and delivered it first.
                logger.LogInformation(e, "Notifications of outbox message {MessageId} were delivered meanwhile; using those", sourceMessageId);
                db.ChangeTracker.Clear();
                existing = await ExistingAsync(sourceMessageId, type.Name, recipients, cancellationToken);
                created = [];
            }
        }

        var delivered = existing.Concat(created).ToList();
        // The push first: what the recipients see in the portal never waits for the job storage or the mail server.
        await push.PushAsync(delivered, cancellationToken);
        emails.QueueImmediate(delivered);
    }

    private Task<List<Notification>> ExistingAsync(Guid sourceMessageId, string type, List<Guid> recipients, CancellationToken cancellationToken)
        => db.Notifications.AsNoTracking()
            .Where(n => n.SourceMessageId == sourceMessageId && n.Type == type && recipients.Contains(n.RecipientId))
            .ToListAsync(cancellationToken);
}
