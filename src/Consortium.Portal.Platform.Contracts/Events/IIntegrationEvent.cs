namespace Consortium.Portal.Platform.Events;

/// <summary>
/// A fact one module tells others about. Integration events are immutable records that live in the
/// publishing module's Contracts; they travel through the outbox, so they are serialised as JSON.
/// </summary>
public interface IIntegrationEvent;

/// <summary>
/// Handles one integration event type. Delivery is at least once: the dispatcher records which
/// handler processed which message, and a handler must also be safe to run again after a crash
/// between its own commit and that record (use <see cref="IntegrationEventContext.MessageId"/>).
/// </summary>
public interface IIntegrationEventHandler<in TEvent> where TEvent : IIntegrationEvent
{
    Task HandleAsync(TEvent integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken);
}

/// <summary>
/// A handler that can take several messages of its event at once: the dispatcher hands it every message of one pass that
/// it has not processed yet (in the outbox's order), so that their work costs one unit of work (one SaveChanges, one query
/// per set of users) instead of one per message. All or nothing: when the batch throws, the dispatcher calls
/// <see cref="IIntegrationEventHandler{TEvent}.HandleAsync"/> for each message in a scope of its own, so that one bad
/// message fails alone and the rest are still delivered. The batch must therefore leave nothing half written when it
/// throws (one SaveChanges does that).
/// </summary>
public interface IIntegrationEventBatchHandler<TEvent> : IIntegrationEventHandler<TEvent> where TEvent : IIntegrationEvent
{
    Task HandleBatchAsync(IReadOnlyList<(TEvent Event, IntegrationEventContext Context)> batch, CancellationToken cancellationToken);
}

/// <summary>What a handler knows about the message it is handling.</summary>
public sealed record IntegrationEventContext(Guid MessageId, DateTime OccurredAtUtc, int Attempt);

/// <summary>
/// Writes an integration event to the outbox of the unit of work in progress: it is committed by
/// the same SaveChanges as the change that caused it, or not at all.
/// </summary>
public interface IIntegrationEventPublisher
{
    void Publish(IIntegrationEvent integrationEvent);
}
