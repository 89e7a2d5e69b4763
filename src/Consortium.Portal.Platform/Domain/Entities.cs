using Consortium.Portal.Platform.Events;

namespace Consortium.Portal.Platform.Domain;

public abstract class Entity<TId> where TId : notnull
{
    public TId Id { get; protected set; } = default!;
}

/// <summary>
/// A consistency boundary: it is loaded and saved whole, carries a concurrency stamp that the
/// application renews on every save (SQLite cannot generate row versions, so both providers are
/// treated the same), and collects the integration events its changes raise; SaveChanges writes
/// them to the outbox in the same transaction.
/// </summary>
public abstract class AggregateRoot<TId> : Entity<TId>, IAggregateRoot where TId : notnull
{
    private readonly List<IIntegrationEvent> _events = [];

    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    IReadOnlyList<IIntegrationEvent> IAggregateRoot.PendingEvents => _events;

    void IAggregateRoot.ClearPendingEvents() => _events.Clear();

    protected void Raise(IIntegrationEvent integrationEvent) => _events.Add(integrationEvent);
}

public interface IAggregateRoot
{
    Guid ConcurrencyStamp { get; set; }
    IReadOnlyList<IIntegrationEvent> PendingEvents { get; }
    void ClearPendingEvents();
}

/// <summary>Filled by SaveChanges: who created and last changed the entity, and when (UTC).</summary>
public interface IAuditedEntity
{
    DateTime CreatedAtUtc { get; set; }
    Guid? CreatedBy { get; set; }
    DateTime? ModifiedAtUtc { get; set; }
    Guid? ModifiedBy { get; set; }
}

/// <summary>A removal that keeps the row: SaveChanges turns a delete into these fields and queries filter it out.</summary>
public interface ISoftDelete
{
    bool IsDeleted { get; set; }
    DateTime? DeletedAtUtc { get; set; }
    Guid? DeletedBy { get; set; }
}
