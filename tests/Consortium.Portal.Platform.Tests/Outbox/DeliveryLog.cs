using System.Collections.Concurrent;
using Consortium.Portal.Platform.Events;
using Consortium.Portal.Platform.Tests.Infrastructure;

namespace Consortium.Portal.Platform.Tests.Outbox;

/// <summary>What the tests' handlers received, in order.</summary>
public sealed class DeliveryLog
{
    private readonly ConcurrentQueue<Delivery> _deliveries = new();

    public IReadOnlyList<Delivery> Deliveries => _deliveries.ToList();

    /// <summary>Called after each delivery is logged, for a test that acts in the middle of a pass.</summary>
    public Action<Delivery>? OnDelivery { get; set; }

    public void Add(string handler, IIntegrationEvent integrationEvent, IntegrationEventContext context)
    {
        var delivery = new Delivery(handler, integrationEvent, context);
        _deliveries.Enqueue(delivery);
        OnDelivery?.Invoke(delivery);
    }

    public IReadOnlyList<Delivery> To(string handler) => Deliveries.Where(d => d.Handler == handler).ToList();
}

public sealed record Delivery(string Handler, IIntegrationEvent Event, IntegrationEventContext Context);

/// <summary>Makes the calendar handler fail while <see cref="Failing"/> is set.</summary>
public sealed class CalendarOutage
{
    public volatile bool Failing;
}

internal sealed class NotifyParticipantsHandler(DeliveryLog log) : IIntegrationEventHandler<ForumMeetingScheduled>
{
    public Task HandleAsync(ForumMeetingScheduled integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        log.Add(nameof(NotifyParticipantsHandler), integrationEvent, context);
        return Task.CompletedTask;
    }
}

internal sealed class AddToConsortiumCalendarHandler(DeliveryLog log, CalendarOutage outage) : IIntegrationEventHandler<ForumMeetingScheduled>
{
    public Task HandleAsync(ForumMeetingScheduled integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        log.Add(nameof(AddToConsortiumCalendarHandler), integrationEvent, context);
        if (outage.Failing)
        {
            throw new InvalidOperationException("The consortium calendar is not reachable.");
        }
        return Task.CompletedTask;
    }
}

/// <summary>
/// Hands its thread back before it returns, so that dispatchers racing on one batch interleave. The race test's
/// verdict (each message once) does not hang on how long a handler takes, so no fixed time is waited here.
/// </summary>
internal sealed class RescheduleRemindersHandler(DeliveryLog log) : IIntegrationEventHandler<ForumMeetingMoved>
{
    public async Task HandleAsync(ForumMeetingMoved integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        log.Add(nameof(RescheduleRemindersHandler), integrationEvent, context);
        await Task.Yield();
    }
}

/// <summary>
/// Makes the next write that marks outbox messages delivered fail, as a lost connection would: the handlers have run,
/// the pass ends with an error that is not a cancellation.
/// </summary>
public sealed class FailingDeliveryMark : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
{
    public volatile bool FailNext;

    public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int>> NonQueryExecutingAsync(
        System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData eventData,
        Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (FailNext && command.CommandText.TrimStart().StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)
            && command.CommandText.Contains("\"ProcessedAtUtc\" =", StringComparison.Ordinal))
        {
            FailNext = false;
            throw new InvalidOperationException("The connection to the database was lost.");
        }
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }
}

/// <summary>Counts the commits of the platform's context: its transactions, and its writes made outside one.</summary>
public sealed class OutboxWrites : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor, Microsoft.EntityFrameworkCore.Diagnostics.IDbTransactionInterceptor
{
    private int _commits;

    public int Commits => Volatile.Read(ref _commits);

    public void Reset() => Interlocked.Exchange(ref _commits, 0);

    public override ValueTask<int> NonQueryExecutedAsync(System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (command.Transaction is null)
        {
            Interlocked.Increment(ref _commits);
        }
        return base.NonQueryExecutedAsync(command, eventData, result, cancellationToken);
    }

    public Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, Microsoft.EntityFrameworkCore.Diagnostics.TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _commits);
        return Task.CompletedTask;
    }
}
