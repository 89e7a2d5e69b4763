using Consortium.Portal.Platform.Events;

namespace Consortium.Portal.Notifications;

/// <summary>
/// Turns an integration event into notifications: who hears about it, of which type, with which parameters and link.
/// Write it <c>internal sealed</c> in the module that owns the event and register it with
/// <see cref="NotificationServiceCollectionExtensions.AddNotificationRule{TEvent, TRule}"/>; it runs once per delivered
/// event, in a DI scope of its own, and what it returns is checked like a direct send.
/// </summary>
public interface INotificationRule<in TEvent> where TEvent : IIntegrationEvent
{
    Task<IReadOnlyList<NotificationRequest>> NotificationsForAsync(TEvent integrationEvent, CancellationToken cancellationToken);
}

/// <summary>
/// Subscribes notification rules to the outbox. The Notifications module puts its implementation in the service
/// collection when it is configured; the subscription itself lives in the platform kernel, which Contracts cannot reach.
/// </summary>
public interface INotificationRuleSubscriber
{
    void Subscribe<TEvent, TRule>(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
        where TEvent : IIntegrationEvent
        where TRule : class, INotificationRule<TEvent>;
}
