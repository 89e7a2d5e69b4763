using Consortium.Portal.Notifications.Data;
using Consortium.Portal.Notifications.Domain;
using Consortium.Portal.Notifications.Hub;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace Consortium.Portal.Notifications.Delivery;

/// <summary>
/// Sends notifications and unread counts to their users' groups on the hub: every open tab and device of the user, on
/// whichever instance it is connected (through the Redis backplane when there are several).
/// </summary>
internal sealed class NotificationPush(
    IHubContext<NotificationsHub> hub,
    NotificationsDbContext db,
    RecipientDirectory directory,
    NotificationRenderer renderer)
{
    public async Task PushAsync(IReadOnlyList<Notification> notifications, CancellationToken cancellationToken)
    {
        if (notifications.Count == 0)
        {
            return;
        }
        var userIds = notifications.Select(n => n.RecipientId).Distinct().ToList();
        var unread = await UnreadCountsAsync(userIds, cancellationToken);
        var recipients = await directory.GetForPushAsync(userIds, cancellationToken);

        // One request's notifications share their words: render once per language, not once per recipient.
        var rendered = new Dictionary<(string Type, string Parameters, string Culture), RenderedNotification>();
        // Several notifications of one user in a batch (an outbox pass): each push says how many were unread once it
        // arrived, as if they had come one by one; the count read after the batch is the last one's.
        var later = notifications.GroupBy(n => n.RecipientId).ToDictionary(g => g.Key, g => g.Count());
        var sends = new List<Task>(notifications.Count);
        foreach (var notification in notifications)
        {
            var stillToCome = --later[notification.RecipientId];
            var culture = recipients[notification.RecipientId].Culture;
            var key = (notification.Type, notification.ParametersJson, culture.Name);
            if (!rendered.TryGetValue(key, out var words))
            {
                rendered[key] = words = renderer.Render(notification.Type, notification.Parameters, culture);
            }
            var push = new NotificationPushDto(NotificationInbox.ToDto(notification, words), Math.Max(0, unread.GetValueOrDefault(notification.RecipientId) - stillToCome));
            sends.Add(hub.Clients.Group(NotificationsHub.GroupOf(notification.RecipientId))
                .SendAsync(NotificationsHubProtocol.Notification, push, cancellationToken));
        }
        await Task.WhenAll(sends);
    }

    private Task<Dictionary<Guid, int>> UnreadCountsAsync(List<Guid> userIds, CancellationToken cancellationToken)
        => UnreadCountPush.UnreadCountsAsync(db, userIds, cancellationToken);
}

/// <summary>Tells every tab of a user how many notifications are unread now, after some were read (in another tab, perhaps).</summary>
internal sealed class UnreadCountPush(IHubContext<NotificationsHub> hub, NotificationsDbContext db)
{
    public async Task PushAsync(Guid userId, CancellationToken cancellationToken)
    {
        var count = (await UnreadCountsAsync(db, [userId], cancellationToken)).GetValueOrDefault(userId);
        await hub.Clients.Group(NotificationsHub.GroupOf(userId))
            .SendAsync(NotificationsHubProtocol.UnreadCount, new UnreadCountDto(count), cancellationToken);
    }

    internal static async Task<Dictionary<Guid, int>> UnreadCountsAsync(NotificationsDbContext db, List<Guid> userIds, CancellationToken cancellationToken)
        => await db.Notifications.AsNoTracking()
            .Where(n => userIds.Contains(n.RecipientId) && n.ReadAtUtc == null)
            .GroupBy(n => n.RecipientId)
            .Select(g => new { UserId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.UserId, x => x.Count, cancellationToken);
}
