using Consortium.Portal.Platform.Events;

namespace Consortium.Portal.Notifications.Delivery;

/// <summary>Checks a request against its type and writes it to the caller's outbox (see <see cref="INotificationSender"/>).</summary>
internal sealed class NotificationSender(NotificationTypeRegistry types, IIntegrationEventPublisher events, TimeProvider clock) : INotificationSender
{
    public void Send(NotificationRequest request)
    {
        types.Check(request);
        if (request.RecipientIds.Count == 0)
        {
            return;
        }
        events.Publish(new NotificationRequested(
            request.Type,
            request.RecipientIds.Distinct().ToList(),
            new Dictionary<string, string>(request.Parameters, StringComparer.Ordinal),
            request.Link,
            clock.GetUtcNow().UtcDateTime,
            request.Actions is { Count: > 0 } actions ? actions.ToList() : null));
    }
}
