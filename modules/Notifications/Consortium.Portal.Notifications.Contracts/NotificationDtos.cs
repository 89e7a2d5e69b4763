namespace Consortium.Portal.Notifications;

/// <summary>A notification as its recipient reads it: title and body rendered in the reader's language.</summary>
public sealed record NotificationDto(
    Guid Id,
    string Type,
    string Module,
    string Title,
    string Body,
    string? Link,
    DateTime CreatedAtUtc,
    DateTime RequestedAtUtc,
    DateTime? ReadAtUtc);

/// <summary>One page of the inbox, newest first, with the number of matches and of unread notifications in all.</summary>
public sealed record NotificationPageDto(IReadOnlyList<NotificationDto> Items, int TotalCount, int UnreadCount, int Page, int PageSize);

public sealed record UnreadCountDto(int UnreadCount);

/// <summary>What the hub pushes for a new notification: the notification and its recipient's unread count after it.</summary>
public sealed record NotificationPushDto(NotificationDto Notification, int UnreadCount);

/// <summary>What the hub's <see cref="NotificationsHubProtocol.Ping"/> answers.</summary>
public sealed record PingReplyDto(long ClientTimestamp, DateTime ServerTimeUtc);

/// <summary>A user's choice for one notification type, with the names to show.</summary>
public sealed record NotificationPreferenceDto(
    string Type,
    string Module,
    string DisplayName,
    NotificationDelivery Delivery,
    NotificationDelivery DefaultDelivery);

/// <summary>The body of <c>PUT /api/notifications/preferences</c>: the types to change, each to a delivery.</summary>
public sealed record NotificationPreferencesUpdate(IReadOnlyDictionary<string, NotificationDelivery>? Deliveries);

/// <summary>The body of <c>POST /api/notifications/announcements</c>.</summary>
public sealed record AnnouncementInput(string? Subject, string? Message, IReadOnlyList<Guid>? RecipientIds, string? Link);

/// <summary>A type that can be filtered on in the inbox.</summary>
public sealed record NotificationTypeDto(string Type, string Module, string DisplayName, string ModuleDisplayName);
