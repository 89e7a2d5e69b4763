using System.Reflection;
using System.Text.Json;
using Consortium.Portal.Platform.Events;

namespace Consortium.Portal.Platform.Outbox;

/// <summary>Collects events published during a unit of work; SaveChanges drains them into the outbox.</summary>
internal sealed class IntegrationEventPublisher : IIntegrationEventPublisher
{
    private readonly List<IIntegrationEvent> _pending = [];

    public void Publish(IIntegrationEvent integrationEvent)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        _pending.Add(integrationEvent);
    }

    internal IReadOnlyList<IIntegrationEvent> Drain()
    {
        var drained = _pending.ToList();
        _pending.Clear();
        return drained;
    }
}

/// <summary>Wakes the outbox dispatcher after a commit so delivery does not wait for the next poll.</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        if (_signal.CurrentCount == 0)
        {
            try { _signal.Release(); } catch (SemaphoreFullException) { /* already signalled */ }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}

public static class IntegrationEventNames
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static string NameOf(Type eventType)
        => eventType.GetCustomAttribute<IntegrationEventNameAttribute>()?.Name
           ?? throw new InvalidOperationException(
               $"Integration event {eventType.FullName} has no [IntegrationEventName]; give it a stable name.");
}
