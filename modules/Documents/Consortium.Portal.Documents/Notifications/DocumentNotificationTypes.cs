using Consortium.Portal.Notifications;

namespace Consortium.Portal.Documents.Notifications;

/// <summary>
/// What the Documents module tells people. Texts are keys of <see cref="DocumentsResource"/>, rendered in the reader's
/// language when read; parameters fill the placeholders in the order listed.
/// </summary>
internal static class DocumentNotificationTypes
{
    /// <summary>A review is asked of the reader: they should hear at once, by e-mail too.</summary>
    public static readonly NotificationTypeDefinition ReviewRequested = new(
        "documents.review-requested",
        typeof(DocumentsResource),
        titleKey: "Notification:ReviewRequested:Title",
        bodyKey: "Notification:ReviewRequested:Body",
        requiredParameters: ["document", "requester", "version", "dueDate"],
        defaultDelivery: NotificationDelivery.EmailImmediately,
        optionalParameters: ["message"],
        dateParameters: ["dueDate"]);

    /// <summary>A review the reader asked for was answered with an approval.</summary>
    public static readonly NotificationTypeDefinition ReviewApproved = new(
        "documents.review-approved",
        typeof(DocumentsResource),
        titleKey: "Notification:ReviewApproved:Title",
        bodyKey: "Notification:ReviewApproved:Body",
        requiredParameters: ["document", "reviewer"],
        defaultDelivery: NotificationDelivery.InApp);

    /// <summary>A review the reader asked for came back with changes requested: work waits on them, so by e-mail too.</summary>
    public static readonly NotificationTypeDefinition ChangesRequested = new(
        "documents.changes-requested",
        typeof(DocumentsResource),
        titleKey: "Notification:ChangesRequested:Title",
        bodyKey: "Notification:ChangesRequested:Body",
        requiredParameters: ["document", "reviewer"],
        defaultDelivery: NotificationDelivery.EmailImmediately);

    /// <summary>The day before a review the reader has not answered is due.</summary>
    public static readonly NotificationTypeDefinition ReviewDue = new(
        "documents.review-due",
        typeof(DocumentsResource),
        titleKey: "Notification:ReviewDue:Title",
        bodyKey: "Notification:ReviewDue:Body",
        requiredParameters: ["document", "dueDate"],
        defaultDelivery: NotificationDelivery.EmailImmediately,
        dateParameters: ["dueDate"]);

    /// <summary>A comment on a document the reader follows, or an answer to their comment: many a day, so in the portal.</summary>
    public static readonly NotificationTypeDefinition CommentAdded = new(
        "documents.comment-added",
        typeof(DocumentsResource),
        titleKey: "Notification:CommentAdded:Title",
        bodyKey: "Notification:CommentAdded:Body",
        requiredParameters: ["document", "author"],
        defaultDelivery: NotificationDelivery.InApp,
        addressesReader: true);

    /// <summary>Someone answered the reader's own comment: a conversation they are in, so in the portal and on the home page.</summary>
    public static readonly NotificationTypeDefinition Replied = new(
        "documents.comment-replied",
        typeof(DocumentsResource),
        titleKey: "Notification:Replied:Title",
        bodyKey: "Notification:Replied:Body",
        requiredParameters: ["document", "author"],
        defaultDelivery: NotificationDelivery.InApp,
        addressesReader: true);

    /// <summary>Someone @mentioned the reader: addressed to them by name, so by e-mail too.</summary>
    public static readonly NotificationTypeDefinition Mentioned = new(
        "documents.mentioned",
        typeof(DocumentsResource),
        titleKey: "Notification:Mentioned:Title",
        bodyKey: "Notification:Mentioned:Body",
        requiredParameters: ["document", "author"],
        defaultDelivery: NotificationDelivery.EmailImmediately,
        addressesReader: true);

    /// <summary>A new version of a document the reader follows (or created).</summary>
    public static readonly NotificationTypeDefinition NewVersion = new(
        "documents.new-version",
        typeof(DocumentsResource),
        titleKey: "Notification:NewVersion:Title",
        bodyKey: "Notification:NewVersion:Body",
        requiredParameters: ["document", "version", "author"],
        defaultDelivery: NotificationDelivery.InApp);

    public static IReadOnlyList<NotificationTypeDefinition> All =>
        [ReviewRequested, ReviewApproved, ChangesRequested, ReviewDue, CommentAdded, Replied, Mentioned, NewVersion];
}
