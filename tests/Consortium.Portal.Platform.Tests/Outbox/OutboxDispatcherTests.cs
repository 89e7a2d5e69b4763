using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Events;
using Consortium.Portal.Platform.Outbox;
using Consortium.Portal.Platform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.Platform.Tests.Outbox;

/// <summary>At-least-once delivery from the outbox to idempotent handlers, on both databases.</summary>
public abstract class OutboxDispatcherTests(DatabaseProvider provider) : IAsyncLifetime
{
    private PlatformTestHost _host = default!;
    private readonly DeliveryLog _log = new();
    private readonly CalendarOutage _outage = new();
    private readonly FailingDeliveryMark _failingMark = new();
    private readonly OutboxWrites _writes = new();

    public async Task InitializeAsync() => _host = await PlatformTestHost.StartAsync(provider, services =>
    {
        services.AddSingleton(_log);
        services.AddSingleton(_outage);
        services.ConfigureDbContext<PlatformDbContext>(options => options.AddInterceptors(_failingMark, _writes));
        services.AddIntegrationEventHandler<ForumMeetingScheduled, NotifyParticipantsHandler>();
        services.AddIntegrationEventHandler<ForumMeetingScheduled, AddToConsortiumCalendarHandler>();
        services.AddIntegrationEventHandler<ForumMeetingMoved, RescheduleRemindersHandler>();
    }, new Dictionary<string, string?> { ["Outbox:BatchSize"] = "5", ["Outbox:RetryDelay"] = "00:00:05" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private OutboxDispatcher Dispatcher => _host.Services.GetRequiredService<OutboxDispatcher>();

    private async Task<List<ForumMeeting>> ScheduleAsync(params string[] titles)
    {
        await using var scope = _host.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MeetingsDbContext>();
        var meetings = titles.Select(t => ForumMeeting.Schedule(t, new DateTime(2026, 4, 14, 8, 0, 0, DateTimeKind.Utc))).ToList();
        db.Meetings.AddRange(meetings);
        await db.SaveChangesAsync();
        return meetings;
    }

    private async Task<OutboxMessage> MessageAsync(Guid meetingId)
    {
        await using var scope = _host.Scope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var messages = await db.OutboxMessages.AsNoTracking().ToListAsync();
        return messages.Single(m => m.Payload.Contains(meetingId.ToString()));
    }

    private async Task DrainAsync()
    {
        while (await Dispatcher.DispatchPendingAsync() > 0)
        {
        }
    }

    [Fact]
    public async Task Each_handler_receives_a_message_once_and_the_message_is_marked_delivered()
    {
        var meeting = (await ScheduleAsync("Consortium Forum, Skopje")).Single();

        await DrainAsync();
        await DrainAsync();

        foreach (var handler in new[] { nameof(NotifyParticipantsHandler), nameof(AddToConsortiumCalendarHandler) })
        {
            var delivery = Assert.Single(_log.To(handler));
            var received = Assert.IsType<ForumMeetingScheduled>(delivery.Event);
            Assert.Equal(meeting.Id, received.MeetingId);
            Assert.Equal("Consortium Forum, Skopje", received.Title);
            Assert.Equal(1, delivery.Context.Attempt);
        }
        var message = await MessageAsync(meeting.Id);
        Assert.Equal(_host.Clock.GetUtcNow().UtcDateTime, message.ProcessedAtUtc);
        Assert.Null(message.LockedBy);
        Assert.Equal(message.Id, _log.Deliveries[0].Context.MessageId);
    }

    [Fact]
    public async Task A_redelivered_message_does_not_reach_the_handlers_that_processed_it()
    {
        var meeting = (await ScheduleAsync("Workshop, Kraljevo")).Single();
        await DrainAsync();

        // As after a crash between the handlers' commits and the message's: it is due again.
        await using (var scope = _host.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            await db.OutboxMessages.ExecuteUpdateAsync(s => s.SetProperty(m => m.ProcessedAtUtc, (DateTime?)null));
        }
        await DrainAsync();

        Assert.Single(_log.To(nameof(NotifyParticipantsHandler)));
        Assert.Single(_log.To(nameof(AddToConsortiumCalendarHandler)));
        Assert.NotNull((await MessageAsync(meeting.Id)).ProcessedAtUtc);
    }

    [Fact]
    public async Task A_failing_handler_is_retried_later_and_does_not_keep_the_others_from_their_delivery()
    {
        _outage.Failing = true;
        var meeting = (await ScheduleAsync("Seminar for journalists, Pristina")).Single();

        await DrainAsync();

        Assert.Single(_log.To(nameof(NotifyParticipantsHandler)));
        Assert.Single(_log.To(nameof(AddToConsortiumCalendarHandler)));
        var failed = await MessageAsync(meeting.Id);
        Assert.Null(failed.ProcessedAtUtc);
        Assert.Equal(1, failed.Attempts);
        Assert.Contains(typeof(AddToConsortiumCalendarHandler).FullName!, failed.LastError);
        Assert.Contains("The consortium calendar is not reachable.", failed.LastError);
        Assert.Equal(_host.Clock.GetUtcNow().UtcDateTime.AddSeconds(5), failed.NextAttemptAtUtc);
        Assert.Null(failed.LockedBy);

        // Not due yet: nothing is claimed.
        Assert.Equal(0, await Dispatcher.DispatchPendingAsync());

        // Still failing: the delay doubles.
        _host.Clock.Advance(TimeSpan.FromSeconds(5));
        await DrainAsync();
        var twice = await MessageAsync(meeting.Id);
        Assert.Equal(2, twice.Attempts);
        Assert.Equal(_host.Clock.GetUtcNow().UtcDateTime.AddSeconds(10), twice.NextAttemptAtUtc);

        _outage.Failing = false;
        _host.Clock.Advance(TimeSpan.FromSeconds(10));
        await DrainAsync();

        Assert.Single(_log.To(nameof(NotifyParticipantsHandler)));
        var calendar = _log.To(nameof(AddToConsortiumCalendarHandler));
        Assert.Equal([1, 2, 3], calendar.Select(d => d.Context.Attempt));
        var delivered = await MessageAsync(meeting.Id);
        Assert.Equal(3, delivered.Attempts);
        Assert.Equal(_host.Clock.GetUtcNow().UtcDateTime, delivered.ProcessedAtUtc);
    }

    [Fact]
    public async Task Dispatchers_racing_on_the_same_messages_deliver_each_message_once()
    {
        var meetingIds = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            var meetings = await ScheduleAsync(Enumerable.Range(0, 5).Select(n => $"Peer visit {i}-{n}").ToArray());
            await using var scope = _host.Scope();
            var db = scope.ServiceProvider.GetRequiredService<MeetingsDbContext>();
            foreach (var meeting in await db.Meetings.Where(m => meetings.Select(x => x.Id).Contains(m.Id)).ToListAsync())
            {
                meeting.MoveTo(new DateTime(2026, 9, 1, 8, 0, 0, DateTimeKind.Utc));
                meetingIds.Add(meeting.Id);
            }
            await db.SaveChangesAsync();
        }

        using var start = new Barrier(4);
        var racers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            start.SignalAndWait();
            await DrainAsync();
        }));
        await Task.WhenAll(racers);

        var moved = _log.To(nameof(RescheduleRemindersHandler));
        Assert.Equal(meetingIds.Count, moved.Count);
        Assert.Equal(meetingIds.Order(), moved.Select(d => ((ForumMeetingMoved)d.Event).MeetingId).Order());
        Assert.Equal(meetingIds.Count, _log.To(nameof(NotifyParticipantsHandler)).Select(d => d.Context.MessageId).Distinct().Count());
        Assert.Equal(meetingIds.Count, _log.To(nameof(NotifyParticipantsHandler)).Count);
        await using var read = _host.Scope();
        Assert.False(await read.ServiceProvider.GetRequiredService<PlatformDbContext>().OutboxMessages.AnyAsync(m => m.ProcessedAtUtc == null));
    }

    [Fact]
    public async Task A_message_claimed_by_another_instance_waits_until_that_claim_runs_out()
    {
        var meeting = (await ScheduleAsync("Roundtable, Novi Pazar")).Single();
        await using (var scope = _host.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var lockedUntil = _host.Clock.GetUtcNow().UtcDateTime.AddMinutes(5);
            await db.OutboxMessages.ExecuteUpdateAsync(s => s
                .SetProperty(m => m.LockedBy, "other-instance/1/claim")
                .SetProperty(m => m.LockedUntilUtc, lockedUntil));
        }

        Assert.Equal(0, await Dispatcher.DispatchPendingAsync());
        Assert.Empty(_log.Deliveries);

        _host.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await Dispatcher.DispatchPendingAsync());
        Assert.Single(_log.To(nameof(NotifyParticipantsHandler)));
        Assert.NotNull((await MessageAsync(meeting.Id)).ProcessedAtUtc);
    }

    [Fact]
    public async Task A_pass_writes_what_it_delivered_in_one_transaction_however_many_messages_it_carries()
    {
        await ScheduleAsync("Forum 1", "Forum 2", "Forum 3", "Forum 4", "Forum 5");
        _writes.Reset();

        Assert.Equal(5, await Dispatcher.DispatchPendingAsync());

        // The claim, then the record of ten handler deliveries and five delivered messages.
        Assert.Equal(2, _writes.Commits);
        Assert.Equal(5, _log.To(nameof(NotifyParticipantsHandler)).Count);
        await using var read = _host.Scope();
        var db = read.ServiceProvider.GetRequiredService<PlatformDbContext>();
        Assert.False(await db.OutboxMessages.AnyAsync(m => m.ProcessedAtUtc == null || m.LockedBy != null || m.Attempts != 1));
        Assert.Equal(10, await db.ProcessedMessages.CountAsync());
    }

    [Fact]
    public async Task A_pass_that_fails_after_its_claim_hands_its_messages_back_at_once()
    {
        var meeting = (await ScheduleAsync("Study visit, Tirana")).Single();
        _failingMark.FailNext = true;

        await Assert.ThrowsAsync<InvalidOperationException>(() => Dispatcher.DispatchPendingAsync());

        // Not claimed for the lock duration: the clock has not moved, and the next pass delivers it.
        var handedBack = await MessageAsync(meeting.Id);
        Assert.Null(handedBack.ProcessedAtUtc);
        Assert.Null(handedBack.LockedBy);
        Assert.Null(handedBack.LockedUntilUtc);
        Assert.Equal(0, handedBack.Attempts);
        Assert.Equal(1, await Dispatcher.DispatchPendingAsync());
        Assert.NotNull((await MessageAsync(meeting.Id)).ProcessedAtUtc);
        // The failed record went with the pass's transaction, so the handlers ran again: at least once, as promised.
        Assert.Equal(2, _log.To(nameof(NotifyParticipantsHandler)).Count);
    }

    [Fact]
    public async Task A_pass_cancelled_while_delivering_hands_its_messages_back()
    {
        await ScheduleAsync("Debate, Gračanica", "Debate, Mitrovica");
        using var stopping = new CancellationTokenSource();
        _log.OnDelivery = _ => stopping.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Dispatcher.DispatchPendingAsync(stopping.Token));

        await using var read = _host.Scope();
        var waiting = await read.ServiceProvider.GetRequiredService<PlatformDbContext>().OutboxMessages.AsNoTracking().Where(m => m.ProcessedAtUtc == null).ToListAsync();
        Assert.NotEmpty(waiting);
        Assert.All(waiting, m => Assert.Null(m.LockedBy));
    }

    [Fact]
    public async Task A_message_nobody_subscribed_to_is_marked_delivered()
    {
        await using (var scope = _host.Scope())
        {
            scope.ServiceProvider.GetRequiredService<IIntegrationEventPublisher>().Publish(new ReportPublished("Kosovo Serbs' perspectives"));
            await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().SaveChangesAsync();
        }

        Assert.Equal(1, await Dispatcher.DispatchPendingAsync());

        await using var read = _host.Scope();
        var message = await read.ServiceProvider.GetRequiredService<PlatformDbContext>().OutboxMessages.SingleAsync();
        Assert.Equal("tests.report-published", message.EventName);
        Assert.NotNull(message.ProcessedAtUtc);
        Assert.Empty(_log.Deliveries);
    }

    [Fact]
    public async Task A_message_that_cannot_be_read_is_kept_with_its_error_and_retried()
    {
        await using (var scope = _host.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            db.OutboxMessages.Add(new OutboxMessage
            {
                Id = Guid.CreateVersion7(),
                EventName = "tests.forum-meeting-scheduled",
                Payload = "{ not json",
                OccurredAtUtc = _host.Clock.GetUtcNow().UtcDateTime,
                NextAttemptAtUtc = _host.Clock.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync();
        }

        Assert.Equal(1, await Dispatcher.DispatchPendingAsync());

        await using var read = _host.Scope();
        var message = await read.ServiceProvider.GetRequiredService<PlatformDbContext>().OutboxMessages.SingleAsync();
        Assert.Null(message.ProcessedAtUtc);
        Assert.Equal(1, message.Attempts);
        Assert.StartsWith("payload:", message.LastError);
        Assert.True(message.NextAttemptAtUtc > _host.Clock.GetUtcNow().UtcDateTime);
        Assert.Empty(_log.Deliveries);
    }

    [IntegrationEventName("tests.report-published")]
    private sealed record ReportPublished(string Title) : IIntegrationEvent;
}

public sealed class OutboxDispatcherTests_Sqlite() : OutboxDispatcherTests(DatabaseProvider.Sqlite);

public sealed class OutboxDispatcherTests_PostgreSql() : OutboxDispatcherTests(DatabaseProvider.PostgreSql);
