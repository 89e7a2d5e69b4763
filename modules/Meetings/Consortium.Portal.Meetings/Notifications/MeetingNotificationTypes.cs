using Consortium.Portal.Notifications;

namespace Consortium.Portal.Meetings.Notifications;

/// <summary>What the module tells people; the texts are rendered in each reader's language when read.</summary>
internal static class MeetingNotificationTypes
{
    public static readonly NotificationTypeDefinition Invited = new(
        "meetings.invited", typeof(MeetingsResource),
        titleKey: "Notification:Invited:Title", bodyKey: "Notification:Invited:Body",
        requiredParameters: ["meeting", "when", "where"], defaultDelivery: NotificationDelivery.EmailImmediately);

    public static readonly NotificationTypeDefinition Moved = new(
        "meetings.moved", typeof(MeetingsResource),
        titleKey: "Notification:Moved:Title", bodyKey: "Notification:Moved:Body",
        requiredParameters: ["meeting", "when", "where"], defaultDelivery: NotificationDelivery.EmailImmediately);

    public static readonly NotificationTypeDefinition Cancelled = new(
        "meetings.cancelled", typeof(MeetingsResource),
        titleKey: "Notification:Cancelled:Title", bodyKey: "Notification:Cancelled:Body",
        requiredParameters: ["meeting", "when"], defaultDelivery: NotificationDelivery.EmailImmediately,
        optionalParameters: ["reason"]);

    /// <summary>A meeting of a series and those after it, cancelled at once: one message, not one per meeting.</summary>
    public static readonly NotificationTypeDefinition SeriesCancelled = new(
        "meetings.series-cancelled", typeof(MeetingsResource),
        titleKey: "Notification:SeriesCancelled:Title", bodyKey: "Notification:SeriesCancelled:Body",
        requiredParameters: ["meeting", "when", "count"], defaultDelivery: NotificationDelivery.EmailImmediately,
        optionalParameters: ["reason"]);

    public static readonly NotificationTypeDefinition Reminder = new(
        "meetings.reminder", typeof(MeetingsResource),
        titleKey: "Notification:Reminder:Title", bodyKey: "Notification:Reminder:Body",
        requiredParameters: ["meeting", "when", "where", "agenda"], defaultDelivery: NotificationDelivery.EmailImmediately);

    public static readonly NotificationTypeDefinition ActionItemDue = new(
        "meetings.action-item-due", typeof(MeetingsResource),
        titleKey: "Notification:ActionItemDue:Title", bodyKey: "Notification:ActionItemDue:Body",
        requiredParameters: ["what", "due"], defaultDelivery: NotificationDelivery.InApp);

    public static readonly IReadOnlyList<NotificationTypeDefinition> All = [Invited, Moved, Cancelled, SeriesCancelled, Reminder, ActionItemDue];
}
