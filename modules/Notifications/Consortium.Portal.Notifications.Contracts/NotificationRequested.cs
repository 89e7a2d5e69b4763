using Consortium.Portal.Platform.Events;

namespace Consortium.Portal.Notifications;

/// <summary>
/// Someone is to be notified: written by <see cref="INotificationSender"/> in the sender's transaction and delivered by
/// the Notifications module (inbox, push, e-mail). <see cref="RequestedAtUtc"/> is when the sender asked, so clients can
/// measure how long delivery took. <see cref="Actions"/> is missing from messages written before actions existed.
/// </summary>
[IntegrationEventName("notifications.requested")]
public sealed record NotificationRequested(
    string Type,
    IReadOnlyList<Guid> RecipientIds,
    IReadOnlyDictionary<string, string> Parameters,
    string? Link,
    DateTime RequestedAtUtc,
    IReadOnlyList<NotificationAction>? Actions = null) : IIntegrationEvent;
