using System.Collections.Concurrent;
using Consortium.Portal.Platform.Events;
using Consortium.Portal.Platform.Tests.Infrastructure;

namespace Consortium.Portal.Platform.Tests.Outbox;

/// <summary>What the tests' handlers received, in order.</summary>
public sealed class DeliveryLog
{
    private readonly ConcurrentQueue<Delivery> _deliveries = new();

    public IReadOnlyList<Delivery> Deliveries => _deliveries.ToList();

    public void Add(string handler, IIntegrationEvent integrationEvent, IntegrationEventContext context)
        => _deliveries.Enqueue(new Delivery(handler, integrationEvent, context));

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
