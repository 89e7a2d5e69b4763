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

        var chosen = await PreferencesAsync([type.Name], recipients, cancellationToken);
        var delivered = Notifications(sourceMessageId, type, request, recipients, requestedAtUtc, chosen);
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

    /// <summary>
    /// Delivers the notifications of several outbox messages with one read of the preferences, one SaveChanges and one push
    /// (one unread count per recipient): a burst of single notifications then costs the database a few statements per
    /// outbox pass, not a few per message. All or nothing: when it throws (a bad request, or one delivered before, which
    /// the unique key refuses), nothing was written and the outbox delivers the messages one by one with <see cref="DeliverAsync"/>.
    /// </summary>
    public async Task DeliverBatchAsync(IReadOnlyList<(Guid SourceMessageId, NotificationRequest Request, DateTime RequestedAtUtc)> batch, CancellationToken cancellationToken)
    {
        var requests = batch.Select(b => (b.SourceMessageId, b.Request, b.RequestedAtUtc, Type: types.Check(b.Request), Recipients: b.Request.RecipientIds.Distinct().ToList()))
            .Where(b => b.Recipients.Count > 0)
            .ToList();
        if (requests.Count == 0)
        {
            return;
        }
        var chosen = await PreferencesAsync(
            requests.Select(r => r.Type.Name).Distinct().ToList(),
            requests.SelectMany(r => r.Recipients).Distinct().ToList(),
            cancellationToken);
        var delivered = requests
            .SelectMany(r => Notifications(r.SourceMessageId, r.Type, r.Request, r.Recipients, r.RequestedAtUtc, chosen))
            .ToList();
        db.Notifications.AddRange(delivered);
        await db.SaveChangesAsync(cancellationToken);

        await push.PushAsync(delivered, cancellationToken);
        emails.QueueImmediate(delivered);
    }

    private async Task<Dictionary<(Guid UserId, string Type), NotificationDelivery>> PreferencesAsync(List<string> typeNames, List<Guid> recipients, CancellationToken cancellationToken)
        => await db.Preferences.AsNoTracking()
            .Where(p => typeNames.Contains(p.Type) && recipients.Contains(p.UserId))
            .ToDictionaryAsync(p => (p.UserId, p.Type), p => p.Delivery, cancellationToken);

    /// <summary>The request's notifications, one per recipient who has not turned its type off.</summary>
    private List<Notification> Notifications(Guid sourceMessageId, NotificationTypeDefinition type, NotificationRequest request, List<Guid> recipients,
        DateTime requestedAtUtc, Dictionary<(Guid UserId, string Type), NotificationDelivery> chosen)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var delivered = new List<Notification>();
        foreach (var recipient in recipients)
        {
            var delivery = chosen.TryGetValue((recipient, type.Name), out var choice) ? choice : type.DefaultDelivery;
            if (delivery != NotificationDelivery.Off)
            {
                delivered.Add(new Notification(recipient, type, request.Parameters, request.PrimaryLink, sourceMessageId, requestedAtUtc, now, delivery, request.Actions));
            }
        }
        return delivered;
    }

    private Task<List<Notification>> ExistingAsync(Guid sourceMessageId, string type, List<Guid> recipients, CancellationToken cancellationToken)
        => db.Notifications.AsNoTracking()
            .Where(n => n.SourceMessageId == sourceMessageId && n.Type == type && recipients.Contains(n.RecipientId))
            .ToListAsync(cancellationToken);
}
