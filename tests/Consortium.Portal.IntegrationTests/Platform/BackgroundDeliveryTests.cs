using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Platform;
using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Events;
using Consortium.Portal.Platform.Outbox;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.IntegrationTests.Platform;

[IntegrationEventName("tests.peer-visit-arranged")]
public sealed record PeerVisitArranged(string From, string To) : IIntegrationEvent;

/// <summary>Hands each delivery to the waiting test.</summary>
public sealed class PeerVisitDeliveries
{
    public TaskCompletionSource<(PeerVisitArranged Event, IntegrationEventContext Context)> Next { get; private set; } =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Reset() => Next = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

internal sealed class BookPeerVisitTravelHandler(PeerVisitDeliveries deliveries) : IIntegrationEventHandler<PeerVisitArranged>
{
    public Task HandleAsync(PeerVisitArranged integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        deliveries.Next.TrySetResult((integrationEvent, context));
        return Task.CompletedTask;
    }
}

/// <summary>The portal with its outbox dispatcher and job server running, as in production.</summary>
public abstract class DeliveringPortal<TPortal> : PlatformPortal<TPortal> where TPortal : PortalAppFactory, new()
{
    public PeerVisitDeliveries Deliveries { get; } = new();

    protected override bool RunsBackgroundWork => true;

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton(Deliveries);
        services.AddIntegrationEventHandler<PeerVisitArranged, BookPeerVisitTravelHandler>();
    }
}

public sealed class DeliveringSqlitePortal : DeliveringPortal<SqlitePortal>;

public sealed class DeliveringPostgreSqlPortal : DeliveringPortal<PostgreSqlPortal>;

public abstract class BackgroundDeliveryTests<TPortal, TDatabase>(TPortal portal) : IClassFixture<TPortal>
    where TPortal : DeliveringPortal<TDatabase>
    where TDatabase : PortalAppFactory, new()
{
    [Fact]
    public async Task A_committed_event_is_delivered_by_the_running_dispatcher()
    {
        portal.Deliveries.Reset();
        Guid messageId;
        await using (var scope = portal.Scope())
        {
            scope.ServiceProvider.GetRequiredService<IIntegrationEventPublisher>().Publish(new PeerVisitArranged("BFPE", "KCSS"));
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            await db.SaveChangesAsync();
            messageId = (await db.OutboxMessages.SingleAsync(m => m.EventName == "tests.peer-visit-arranged")).Id;
        }

        var (delivered, context) = await portal.Deliveries.Next.Task.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(new PeerVisitArranged("BFPE", "KCSS"), delivered);
        Assert.Equal(messageId, context.MessageId);
        await using var read = portal.Scope();
        var db2 = read.ServiceProvider.GetRequiredService<PlatformDbContext>();
        // The handler ran; the dispatcher marks the message processed just after, in its own transaction.
        await Eventually.TrueAsync(async () => (await db2.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == messageId)).ProcessedAtUtc is not null,
            "the delivered message to be marked processed");
        Assert.NotNull((await db2.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == messageId)).ProcessedAtUtc);
        Assert.True(await db2.ProcessedMessages.AnyAsync(p => p.MessageId == messageId && p.Handler == typeof(BookPeerVisitTravelHandler).FullName));
    }

    [Fact]
    public async Task The_outbox_purge_runs_as_a_job_on_the_job_server()
    {
        var old = Guid.CreateVersion7();
        await using (var scope = portal.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var longAgo = DateTime.UtcNow.AddDays(-30);
            db.OutboxMessages.Add(new OutboxMessage
            {
                Id = old, EventName = "tests.peer-visit-arranged", Payload = "{}", OccurredAtUtc = longAgo, NextAttemptAtUtc = longAgo, ProcessedAtUtc = longAgo,
            });
            await db.SaveChangesAsync();
        }

        portal.App.Services.GetRequiredService<IRecurringJobManager>().Trigger("platform.outbox-purge");

        await using var read = portal.Scope();
        var outbox = read.ServiceProvider.GetRequiredService<PlatformDbContext>().OutboxMessages;
        await Eventually.TrueAsync(async () => !await outbox.AnyAsync(m => m.Id == old), "the purge job to remove the old message");
        Assert.False(await outbox.AnyAsync(m => m.Id == old));
    }
}

public sealed class BackgroundDeliveryTests_Sqlite(DeliveringSqlitePortal portal) : BackgroundDeliveryTests<DeliveringSqlitePortal, SqlitePortal>(portal);

public sealed class BackgroundDeliveryTests_PostgreSql(DeliveringPostgreSqlPortal portal) : BackgroundDeliveryTests<DeliveringPostgreSqlPortal, PostgreSqlPortal>(portal);
