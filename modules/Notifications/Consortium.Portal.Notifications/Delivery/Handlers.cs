using Consortium.Portal.Identity;
using Consortium.Portal.Notifications.Hub;
using Consortium.Portal.Platform.Events;
using Consortium.Portal.Platform.Outbox;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Consortium.Portal.Notifications.Delivery;

/// <summary>Delivers what a module sent through <see cref="INotificationSender"/>; a pass's requests at once (<see cref="InboxDelivery.DeliverBatchAsync"/>).</summary>
internal sealed class NotificationRequestedHandler(InboxDelivery delivery) : IIntegrationEventBatchHandler<NotificationRequested>
{
    public Task HandleAsync(NotificationRequested integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken)
        => delivery.DeliverAsync(context.MessageId, RequestOf(integrationEvent), integrationEvent.RequestedAtUtc, cancellationToken);

    public Task HandleBatchAsync(IReadOnlyList<(NotificationRequested Event, IntegrationEventContext Context)> batch, CancellationToken cancellationToken)
        => delivery.DeliverBatchAsync(batch.Select(b => (b.Context.MessageId, RequestOf(b.Event), b.Event.RequestedAtUtc)).ToList(), cancellationToken);

    private static NotificationRequest RequestOf(NotificationRequested e) => new(e.Type, e.RecipientIds, e.Parameters, e.Link, e.Actions);
}

/// <summary>Runs one module's <see cref="INotificationRule{TEvent}"/> on each delivered event and delivers what it names.</summary>
internal sealed class NotificationRuleHandler<TEvent, TRule>(TRule rule, InboxDelivery delivery) : IIntegrationEventBatchHandler<TEvent>
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

    public async Task HandleBatchAsync(IReadOnlyList<(TEvent Event, IntegrationEventContext Context)> batch, CancellationToken cancellationToken)
    {
        var requests = new List<(Guid, NotificationRequest, DateTime)>();
        foreach (var (integrationEvent, context) in batch)
        {
            requests.AddRange((await rule.NotificationsForAsync(integrationEvent, cancellationToken)).Select(r => (context.MessageId, r, context.OccurredAtUtc)));
        }
        await delivery.DeliverBatchAsync(requests, cancellationToken);
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
