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

    /// <summary>For whoever invited someone: the invitation was accepted (the Identity module's <c>UserJoined</c>).</summary>
    public static readonly NotificationTypeDefinition MemberJoined = new(
        "identity.member-joined",
        typeof(NotificationsResource),
        titleKey: "Type:MemberJoined:Title",
        bodyKey: "Type:MemberJoined:Body",
        requiredParameters: ["memberName"],
        defaultDelivery: NotificationDelivery.InApp);
}
