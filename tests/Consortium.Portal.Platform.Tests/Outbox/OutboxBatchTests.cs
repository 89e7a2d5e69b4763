using System.Collections.Concurrent;
using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Events;
using Consortium.Portal.Platform.Outbox;
using Consortium.Portal.Platform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.Platform.Tests.Outbox;

/// <summary>
/// A handler that takes batches (<see cref="IIntegrationEventBatchHandler{TEvent}"/>) gets a pass's consecutive messages of
/// its event in one call; a failed batch is delivered message by message. The dispatcher's logic, not the database's:
/// SQLite only.
/// </summary>
public sealed class OutboxBatchTests : IAsyncLifetime
{
    private PlatformTestHost _host = default!;
    private readonly AgendaLog _agenda = new();
    private readonly DeliveryLog _log = new();

    public async Task InitializeAsync() => _host = await PlatformTestHost.StartAsync(DatabaseProvider.Sqlite, services =>
    {
        services.AddSingleton(_agenda);
        services.AddSingleton(_log);
        services.AddIntegrationEventHandler<ForumMeetingScheduled, PlanAgendasHandler>();
        services.AddIntegrationEventHandler<ForumMeetingMoved, RescheduleRemindersHandler>();
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private OutboxDispatcher Dispatcher => _host.Services.GetRequiredService<OutboxDispatcher>();

    private async Task<List<ForumMeeting>> ScheduleAsync(params string[] titles)
    {
        await using var scope = _host.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MeetingsDbContext>();
        var meetings = new List<ForumMeeting>();
        foreach (var title in titles)
        {
            // One save each: the outbox orders by the time of the save, and the clock moves between them.
            var meeting = ForumMeeting.Schedule(title, new DateTime(2026, 6, 2, 9, 0, 0, DateTimeKind.Utc));
            db.Meetings.Add(meeting);
            await db.SaveChangesAsync();
            meetings.Add(meeting);
            _host.Clock.Advance(TimeSpan.FromMilliseconds(1));
        }
        return meetings;
    }

    private async Task<List<OutboxMessage>> MessagesAsync()
    {
        await using var scope = _host.Scope();
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().OutboxMessages.AsNoTracking().ToListAsync();
    }

    [Fact]
    public async Task A_batch_handler_gets_the_pass_s_messages_of_its_event_in_one_call_in_the_outbox_s_order()
    {
        await ScheduleAsync("Forum, Prizren", "Forum, Peja", "Forum, Gjakova", "Forum, Vranje");

        Assert.Equal(4, await Dispatcher.DispatchPendingAsync());

        var batch = Assert.Single(_agenda.Batches);
        Assert.Equal(["Forum, Prizren", "Forum, Peja", "Forum, Gjakova", "Forum, Vranje"], batch.Select(b => b.Title));
        Assert.Empty(_agenda.Singles);
        var messages = await MessagesAsync();
        Assert.All(messages, m => Assert.NotNull(m.ProcessedAtUtc));
        Assert.Equal(messages.Select(m => m.Id).Order(), batch.Select(b => b.MessageId).Order());
        await using var read = _host.Scope();
        Assert.Equal(4, await read.ServiceProvider.GetRequiredService<PlatformDbContext>().ProcessedMessages.CountAsync());
    }

    [Fact]
    public async Task Messages_of_another_event_between_them_are_delivered_in_between()
    {
        _log.OnDelivery = _ => _agenda.Moved();
        var first = await ScheduleAsync("Roundtable, Gračanica", "Roundtable, Štrpce");
        await using (var scope = _host.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MeetingsDbContext>();
            (await db.Meetings.SingleAsync(m => m.Id == first[0].Id)).MoveTo(new DateTime(2026, 6, 9, 9, 0, 0, DateTimeKind.Utc));
            await db.SaveChangesAsync();
        }
        _host.Clock.Advance(TimeSpan.FromMilliseconds(1));
        await ScheduleAsync("Roundtable, Ranilug");

        Assert.Equal(4, await Dispatcher.DispatchPendingAsync());

        // Two scheduled, the move, one scheduled: the lone message of the last run goes through the single call.
        Assert.Equal(["Roundtable, Gračanica", "Roundtable, Štrpce"], Assert.Single(_agenda.Batches).Select(b => b.Title));
        Assert.Equal(["Roundtable, Ranilug"], _agenda.Singles.Select(s => s.Title));
        Assert.Single(_log.To(nameof(RescheduleRemindersHandler)));
        Assert.True(_agenda.MovedSeenBefore("Roundtable, Ranilug"));
    }

    [Fact]
    public async Task A_failed_batch_is_delivered_one_by_one_and_only_its_bad_message_fails()
    {
        _agenda.Refuse = "Forum, Bujanovac";
        await ScheduleAsync("Forum, Preševo", "Forum, Bujanovac", "Forum, Medveđa");

        Assert.Equal(3, await Dispatcher.DispatchPendingAsync());

        Assert.Empty(_agenda.Batches);
        Assert.Equal(["Forum, Preševo", "Forum, Medveđa"], _agenda.Singles.Select(s => s.Title));
        var messages = await MessagesAsync();
        var failed = Assert.Single(messages, m => m.ProcessedAtUtc is null);
        Assert.Contains("Forum, Bujanovac", failed.Payload);
        Assert.Equal(1, failed.Attempts);
        Assert.Contains("No agenda for Forum, Bujanovac", failed.LastError);
        Assert.Null(failed.LockedBy);
    }

    /// <summary>What the batch handler received; a refused title fails its batch and its own delivery.</summary>
    public sealed class AgendaLog
    {
        private readonly ConcurrentQueue<List<(string Title, Guid MessageId)>> _batches = new();
        private readonly ConcurrentQueue<(string Title, Guid MessageId)> _singles = new();
        private readonly ConcurrentQueue<string> _order = new();

        public string? Refuse { get; set; }

        public IReadOnlyList<List<(string Title, Guid MessageId)>> Batches => _batches.ToList();

        public IReadOnlyList<(string Title, Guid MessageId)> Singles => _singles.ToList();

        public void Batch(IReadOnlyList<(ForumMeetingScheduled Event, IntegrationEventContext Context)> batch)
        {
            if (batch.Any(b => b.Event.Title == Refuse))
            {
                throw new InvalidOperationException($"No agenda for {Refuse}.");
            }
            _batches.Enqueue(batch.Select(b => (b.Event.Title, b.Context.MessageId)).ToList());
            foreach (var (e, _) in batch)
            {
                _order.Enqueue(e.Title);
            }
        }

        public void Single(ForumMeetingScheduled e, IntegrationEventContext context)
        {
            if (e.Title == Refuse)
            {
                throw new InvalidOperationException($"No agenda for {Refuse}.");
            }
            _singles.Enqueue((e.Title, context.MessageId));
            _order.Enqueue(e.Title);
        }

        public void Moved() => _order.Enqueue("moved");

        public bool MovedSeenBefore(string title)
        {
            var order = _order.ToList();
            return order.IndexOf("moved") is >= 0 and var moved && moved < order.IndexOf(title);
        }
    }

    private sealed class PlanAgendasHandler(AgendaLog agenda) : IIntegrationEventBatchHandler<ForumMeetingScheduled>
    {
        public Task HandleAsync(ForumMeetingScheduled integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken)
        {
            agenda.Single(integrationEvent, context);
            return Task.CompletedTask;
        }

        public Task HandleBatchAsync(IReadOnlyList<(ForumMeetingScheduled Event, IntegrationEventContext Context)> batch, CancellationToken cancellationToken)
        {
            agenda.Batch(batch);
            return Task.CompletedTask;
        }
    }
}
