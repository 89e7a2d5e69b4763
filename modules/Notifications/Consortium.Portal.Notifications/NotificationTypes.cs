namespace Consortium.Portal.Notifications;

/// <summary>The notification types this module defines itself.</summary>
internal static class NotificationTypes
{
    /// <summary>A coordinator's or partner lead's announcement; people who must hear it hear it at once, by e-mail too.</summary>
    public static readonly NotificationTypeDefinition Announcement = new(
        "notifications.announcement",
        typeof(NotificationsResource),
        titleKey: "Type:Announcement:Title",
        bodyKey: "Type:Announcement:Body",
        requiredParameters: ["sender", "subject", "message"],
        defaultDelivery: NotificationDelivery.EmailImmediately);
}
