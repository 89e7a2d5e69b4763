using Consortium.Portal.Identity;
using Consortium.Portal.Notifications.Hub;
using Consortium.Portal.Platform.Events;
using Consortium.Portal.Platform.Outbox;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Consortium.Portal.Notifications.Delivery;

/// <summary>Delivers what a module sent through <see cref="INotificationSender"/>.</summary>
internal sealed class NotificationRequestedHandler(InboxDelivery delivery) : IIntegrationEventHandler<NotificationRequested>
{
    public Task HandleAsync(NotificationRequested integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken)
        => delivery.DeliverAsync(
            context.MessageId,
            new NotificationRequest(integrationEvent.Type, integrationEvent.RecipientIds, integrationEvent.Parameters, integrationEvent.Link, integrationEvent.Actions),
            integrationEvent.RequestedAtUtc,
            cancellationToken);
}

/// <summary>Runs one module's <see cref="INotificationRule{TEvent}"/> on each delivered event and delivers what it names.</summary>
internal sealed class NotificationRuleHandler<TEvent, TRule>(TRule rule, InboxDelivery delivery) : IIntegrationEventHandler<TEvent>
    where TEvent : IIntegrationEvent
    where TRule : class, INotificationRule<TEvent>
{
    public async Task HandleAsync(TEvent integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        foreach (var request in await rule.NotificationsForAsync(integrationEvent, cancellationToken))
        {
            await delivery.DeliverAsync(context.MessageId, request, context.OccurredAtUtc, cancellationToken);
        }
    }
}

/// <summary>Subscribes rules to the outbox; put in the service collection by the module for <see cref="NotificationServiceCollectionExtensions.AddNotificationRule{TEvent, TRule}"/>.</summary>
internal sealed class NotificationRuleSubscriber : INotificationRuleSubscriber
{
    public void Subscribe<TEvent, TRule>(IServiceCollection services)
        where TEvent : IIntegrationEvent
        where TRule : class, INotificationRule<TEvent>
    {
        services.TryAddScoped<TRule>();
        // The rule's own name is what the outbox records as done: stable, short, and one per rule.
        services.AddIntegrationEventHandler<TEvent, NotificationRuleHandler<TEvent, TRule>>("notification-rule:" + typeof(TRule).FullName);
    }
}

/// <summary>A disabled user's open connections end: on this instance at once, elsewhere when their clients hear it.</summary>
internal sealed class EndConnectionsOfDisabledUser(ConnectedUsers connected, IHubContext<NotificationsHub> hub, ILogger<EndConnectionsOfDisabledUser> logger)
    : IIntegrationEventHandler<UserDisabled>
{
    public async Task HandleAsync(UserDisabled integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        await hub.Clients.Group(NotificationsHub.GroupOf(integrationEvent.UserId)).SendAsync(NotificationsHubProtocol.SignedOut, cancellationToken);
        var closed = connected.Abort(integrationEvent.UserId);
        logger.LogInformation("User {UserId} was disabled: closed {Count} notification connection(s) on this instance", integrationEvent.UserId, closed);
    }
}
