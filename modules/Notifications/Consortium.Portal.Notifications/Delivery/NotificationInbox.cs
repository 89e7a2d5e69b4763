using System.Globalization;
using Consortium.Portal.Notifications.Data;
using Consortium.Portal.Notifications.Domain;
using Consortium.Portal.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Consortium.Portal.Notifications.Delivery;

/// <summary>What to read of a user's inbox. <see cref="After"/> is a catch-up cursor (see <see cref="NotificationInbox.GetPageAsync"/>).</summary>
public sealed record InboxQuery(
    int Page = 1,
    int PageSize = InboxQuery.DefaultPageSize,
    string? Module = null,
    string? Type = null,
    bool UnreadOnly = false,
    InboxCursor? After = null,
    IReadOnlyList<string>? Types = null)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 200;
}

/// <summary>Where a client's copy of the inbox ends: the newest notification it has, or the time of it.</summary>
public sealed record InboxCursor(Guid? NotificationId, DateTime? AtUtc);

/// <summary>A user's own inbox: reading it (rendered in the reader's culture), marking read, preferences.</summary>
internal sealed class NotificationInbox(
    NotificationsDbContext db,
    NotificationTypeRegistry types,
    NotificationRenderer renderer,
    UnreadCountPush push,
    TimeProvider clock)
{
    /// <summary>
    /// Notifications that could have committed out of creation order (two instances delivering at once) are this close
    /// in time; a catch-up goes back this far before its cursor so that none is skipped, and clients drop by id what
    /// they already have.
    /// </summary>
    public static readonly TimeSpan CatchUpOverlap = TimeSpan.FromSeconds(2);

    /// <summary>
    /// One page of the user's notifications, newest first. With <see cref="InboxQuery.After"/> only those created after
    /// the cursor (less <see cref="CatchUpOverlap"/>; never the cursor's own notification) are listed.
    /// </summary>
    /// <returns>null when the cursor names a notification the user does not have.</returns>
    public async Task<NotificationPageDto?> GetPageAsync(Guid userId, InboxQuery query, CultureInfo culture, CancellationToken cancellationToken = default)
    {
        var mine = db.Notifications.AsNoTracking().Where(n => n.RecipientId == userId);
        var unreadCount = await mine.CountAsync(n => n.ReadAtUtc == null, cancellationToken);

        var matching = mine;
        if (query.Module is { Length: > 0 } module) matching = matching.Where(n => n.Module == module);
        if (query.Type is { Length: > 0 } type) matching = matching.Where(n => n.Type == type);
        if (query.Types is { } kinds) matching = matching.Where(n => kinds.Contains(n.Type));
        if (query.UnreadOnly) matching = matching.Where(n => n.ReadAtUtc == null);
        if (query.After is { } after)
        {
            var since = after.AtUtc;
            if (after.NotificationId is { } cursorId)
            {
                since = await mine.Where(n => n.Id == cursorId).Select(n => (DateTime?)n.CreatedAtUtc).FirstOrDefaultAsync(cancellationToken);
                if (since is null)
                {
                    return null;
                }
                matching = matching.Where(n => n.Id != cursorId);
            }
            var from = since!.Value - CatchUpOverlap;
            matching = matching.Where(n => n.CreatedAtUtc >= from);
        }

        var total = await matching.CountAsync(cancellationToken);
        var page = await matching
            .OrderByDescending(n => n.CreatedAtUtc).ThenByDescending(n => n.Id)
            .Skip((query.Page - 1) * query.PageSize)
            .Take(query.PageSize)
            .ToListAsync(cancellationToken);
        var items = page.Select(n => ToDto(n, renderer.Render(n.Type, n.Parameters, culture))).ToList();
        return new NotificationPageDto(items, total, unreadCount, query.Page, query.PageSize);
    }

    /// <summary>The user's newest notifications that speak to them in person (<see cref="NotificationTypeDefinition.AddressesReader"/>).</summary>
    public async Task<NotificationPageDto> AddressedToAsync(Guid userId, int count, CultureInfo culture, CancellationToken cancellationToken = default)
        => (await GetPageAsync(userId, new InboxQuery(PageSize: count, Types: types.All.Where(t => t.AddressesReader).Select(t => t.Name).ToList()), culture, cancellationToken))!;

    public Task<int> UnreadCountAsync(Guid userId, CancellationToken cancellationToken = default)
        => db.Notifications.CountAsync(n => n.RecipientId == userId && n.ReadAtUtc == null, cancellationToken);

    /// <summary>Marks one of the user's notifications read and tells the user's other tabs the new count.</summary>
    /// <returns>false when the user has no such notification.</returns>
    public async Task<bool> MarkReadAsync(Guid userId, Guid notificationId, CancellationToken cancellationToken = default)
    {
        var notification = await db.Notifications.FirstOrDefaultAsync(n => n.Id == notificationId && n.RecipientId == userId, cancellationToken);
        if (notification is null)
        {
            return false;
        }
        if (!notification.IsRead)
        {
            notification.MarkRead(clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            await push.PushAsync(userId, cancellationToken);
        }
        return true;
    }

    /// <summary>Marks every unread notification of the user read (of one module or type, when given).</summary>
    public async Task<int> MarkAllReadAsync(Guid userId, string? module = null, string? type = null, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var unread = db.Notifications.Where(n => n.RecipientId == userId && n.ReadAtUtc == null);
        if (module is { Length: > 0 }) unread = unread.Where(n => n.Module == module);
        if (type is { Length: > 0 }) unread = unread.Where(n => n.Type == type);
        var marked = await unread.ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAtUtc, now), cancellationToken);
        if (marked > 0)
        {
            await push.PushAsync(userId, cancellationToken);
        }
        return marked;
    }

    /// <summary>The types a user can filter on and choose for, with their names in <paramref name="culture"/>.</summary>
    public IReadOnlyList<NotificationTypeDto> Types(CultureInfo culture)
        => types.All
            .Select(t => new NotificationTypeDto(t.Name, t.Module, renderer.DisplayNameOf(t, culture), renderer.ModuleDisplayNameOf(t, culture)))
            .OrderBy(t => t.ModuleDisplayName, StringComparer.Create(culture, ignoreCase: true))
            .ThenBy(t => t.DisplayName, StringComparer.Create(culture, ignoreCase: true))
            .ToList();

    public async Task<IReadOnlyList<NotificationPreferenceDto>> GetPreferencesAsync(Guid userId, CultureInfo culture, CancellationToken cancellationToken = default)
    {
        var chosen = await db.Preferences.AsNoTracking().Where(p => p.UserId == userId).ToDictionaryAsync(p => p.Type, p => p.Delivery, cancellationToken);
        return Types(culture)
            .Select(t =>
            {
                var definition = types.Find(t.Type)!;
                return new NotificationPreferenceDto(t.Type, t.Module, t.DisplayName,
                    chosen.TryGetValue(t.Type, out var delivery) ? delivery : definition.DefaultDelivery, definition.DefaultDelivery);
            })
            .ToList();
    }

    /// <summary>
    /// Sets the user's choices; a choice equal to the type's default is stored too, so a later change of default does
    /// not override it. The types and choices were checked by NotificationPreferencesUpdateValidator (the API) or are
    /// the listed ones (the preferences page).
    /// </summary>
    /// <summary>An upsert per type: two first-time saves at once both end well, the later one's choices kept (UniqueWrites).</summary>
    public Task SetPreferencesAsync(Guid userId, IReadOnlyDictionary<string, NotificationDelivery> deliveries, CancellationToken cancellationToken = default)
        => db.SaveOnceAsync(nameof(NotificationPreference), userId, async ct =>
        {
            var names = deliveries.Keys.ToList();
            var existing = await db.Preferences.Where(p => p.UserId == userId && names.Contains(p.Type)).ToDictionaryAsync(p => p.Type, ct);
            foreach (var (type, delivery) in deliveries)
            {
                if (existing.TryGetValue(type, out var preference))
                {
                    preference.Delivery = delivery;
                }
                else
                {
                    db.Preferences.Add(new NotificationPreference(userId, type, delivery));
                }
            }
            await db.SaveChangesAsync(ct);
        }, cancellationToken);

    internal static NotificationDto ToDto(Notification n, RenderedNotification words)
        => new(n.Id, n.Type, n.Module, words.Title, words.Body, n.Link, n.CreatedAtUtc, n.RequestedAtUtc, n.ReadAtUtc);
}
