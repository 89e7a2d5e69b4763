using System.Text.Json;
using Consortium.Portal.Platform.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Consortium.Portal.Platform.Outbox;

/// <summary>That <see cref="HandlerType"/> receives every <see cref="EventType"/> delivered from the outbox.</summary>
public sealed class IntegrationEventSubscription
{
    private readonly Func<IServiceProvider, IIntegrationEvent, IntegrationEventContext, CancellationToken, Task> _invoke;
    private readonly Func<IServiceProvider, IReadOnlyList<(IIntegrationEvent, IntegrationEventContext)>, CancellationToken, Task>? _invokeBatch;

    internal IntegrationEventSubscription(
        Type eventType,
        Type handlerType,
        Func<IServiceProvider, IIntegrationEvent, IntegrationEventContext, CancellationToken, Task> invoke,
        string? handlerName = null,
        Func<IServiceProvider, IReadOnlyList<(IIntegrationEvent, IntegrationEventContext)>, CancellationToken, Task>? invokeBatch = null)
    {
        _invokeBatch = invokeBatch;
        EventType = eventType;
        EventName = IntegrationEventNames.NameOf(eventType);
        HandlerType = handlerType;
        HandlerName = handlerName ?? handlerType.FullName ?? handlerType.Name;
        _invoke = invoke;
    }

    public Type EventType { get; }

    public string EventName { get; }

    public Type HandlerType { get; }

    /// <summary>What <see cref="Data.ProcessedMessage.Handler"/> records: renaming the handler class makes undelivered work run again, never twice under one name.</summary>
    public string HandlerName { get; }

    /// <summary>The handler is an <see cref="IIntegrationEventBatchHandler{TEvent}"/>: it can take a pass's messages at once.</summary>
    public bool HandlesBatches => _invokeBatch is not null;

    internal Task InvokeAsync(IServiceProvider services, IIntegrationEvent integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken)
        => _invoke(services, integrationEvent, context, cancellationToken);

    internal Task InvokeBatchAsync(IServiceProvider services, IReadOnlyList<(IIntegrationEvent, IntegrationEventContext)> batch, CancellationToken cancellationToken)
        => (_invokeBatch ?? throw new InvalidOperationException($"{HandlerName} does not handle batches."))(services, batch, cancellationToken);
}

public static class IntegrationEventServiceCollectionExtensions
{
    /// <summary>
    /// Subscribes <typeparamref name="THandler"/> (typically <c>internal sealed</c> in the subscribing module) to
    /// <typeparamref name="TEvent"/>; the event's name becomes known to the dispatcher, which can then read its messages.
    /// The handler is resolved in a DI scope of its own for every delivery; an <see cref="IIntegrationEventBatchHandler{TEvent}"/>
    /// gets a pass's messages in one scope and one call.
    /// </summary>
    /// <param name="handlerName">What the outbox records as done; the handler's full name by default. A generic handler
    /// names itself, since its full name carries its type arguments' assembly versions.</param>
    public static IServiceCollection AddIntegrationEventHandler<TEvent, THandler>(this IServiceCollection services, string? handlerName = null)
        where TEvent : IIntegrationEvent
        where THandler : class, IIntegrationEventHandler<TEvent>
    {
        var alreadySubscribed = services.Any(d => d.ServiceType == typeof(IntegrationEventSubscription)
            && d.ImplementationInstance is IntegrationEventSubscription s
            && s.EventType == typeof(TEvent) && s.HandlerType == typeof(THandler));
        if (alreadySubscribed)
        {
            return services;
        }
        services.TryAddScoped<THandler>();
        services.AddSingleton(new IntegrationEventSubscription(
            typeof(TEvent),
            typeof(THandler),
            (provider, integrationEvent, context, cancellationToken) =>
                provider.GetRequiredService<THandler>().HandleAsync((TEvent)integrationEvent, context, cancellationToken),
            handlerName,
            typeof(IIntegrationEventBatchHandler<TEvent>).IsAssignableFrom(typeof(THandler))
                ? (provider, batch, cancellationToken) =>
                    ((IIntegrationEventBatchHandler<TEvent>)provider.GetRequiredService<THandler>())
                        .HandleBatchAsync(batch.Select(b => ((TEvent)b.Item1, b.Item2)).ToList(), cancellationToken)
                : null));
        return services;
    }
}

/// <summary>Every subscription of the loaded modules, by event name; turns a stored payload back into its event.</summary>
public sealed class IntegrationEventSubscriptions
{
    private readonly Dictionary<string, Type> _eventTypes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<IntegrationEventSubscription>> _byEventName = new(StringComparer.Ordinal);

    public IntegrationEventSubscriptions(IEnumerable<IntegrationEventSubscription> subscriptions)
    {
        foreach (var subscription in subscriptions)
        {
            if (_eventTypes.TryGetValue(subscription.EventName, out var known) && known != subscription.EventType)
            {
                throw new InvalidOperationException(
                    $"Integration events {known.FullName} and {subscription.EventType.FullName} are both named '{subscription.EventName}'.");
            }
            _eventTypes[subscription.EventName] = subscription.EventType;
            if (!_byEventName.TryGetValue(subscription.EventName, out var list))
            {
                _byEventName[subscription.EventName] = list = [];
            }
            list.Add(subscription);
        }
    }

    public IReadOnlyList<IntegrationEventSubscription> Of(string eventName)
        => _byEventName.TryGetValue(eventName, out var list) ? list : [];

    /// <exception cref="JsonException">the payload does not fit the event type.</exception>
    internal IIntegrationEvent Deserialize(string eventName, string payload)
    {
        var type = _eventTypes[eventName];
        return JsonSerializer.Deserialize(payload, type, IntegrationEventNames.JsonOptions) as IIntegrationEvent
               ?? throw new JsonException($"The payload of '{eventName}' is null.");
    }
}
