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
