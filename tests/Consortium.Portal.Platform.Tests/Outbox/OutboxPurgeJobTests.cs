using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Outbox;
using Consortium.Portal.Platform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.Platform.Tests.Outbox;

public abstract class OutboxPurgeJobTests(DatabaseProvider provider) : IAsyncLifetime
{
    private PlatformTestHost _host = default!;

    public async Task InitializeAsync()
        => _host = await PlatformTestHost.StartAsync(provider, settings: new Dictionary<string, string?> { ["Outbox:RetentionDays"] = "7" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<Guid> AddMessageAsync(DateTime? processedAtUtc, params DateTime[] handlerRecords)
    {
        await using var scope = _host.Scope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var id = Guid.CreateVersion7();
        db.OutboxMessages.Add(new OutboxMessage
        {
            Id = id,
            EventName = "tests.forum-meeting-scheduled",
            Payload = "{}",
            OccurredAtUtc = _host.Clock.GetUtcNow().UtcDateTime.AddDays(-30),
            NextAttemptAtUtc = _host.Clock.GetUtcNow().UtcDateTime,
            ProcessedAtUtc = processedAtUtc,
        });
        var n = 0;
        foreach (var at in handlerRecords)
        {
            db.ProcessedMessages.Add(new ProcessedMessage { MessageId = id, Handler = $"Handler{n++}", ProcessedAtUtc = at });
        }
        await db.SaveChangesAsync();
        return id;
    }

    [Fact]
    public async Task Purging_removes_delivered_messages_past_the_retention_and_keeps_the_rest()
    {
        var now = _host.Clock.GetUtcNow().UtcDateTime;
        var old = await AddMessageAsync(now.AddDays(-8), now.AddDays(-8));
        var recent = await AddMessageAsync(now.AddDays(-6), now.AddDays(-6));
        var stillRetried = await AddMessageAsync(null, now.AddDays(-20));

        await using (var scope = _host.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<OutboxPurgeJob>().RunAsync(CancellationToken.None);
        }

        await using var read = _host.Scope();
        var db = read.ServiceProvider.GetRequiredService<PlatformDbContext>();
        Assert.Equal([recent, stillRetried], (await db.OutboxMessages.Select(m => m.Id).ToListAsync()).Order());
        Assert.Equal([recent, stillRetried], (await db.ProcessedMessages.Select(p => p.MessageId).ToListAsync()).Order());
        Assert.DoesNotContain(old, await db.ProcessedMessages.Select(p => p.MessageId).ToListAsync());
    }
}

public sealed class OutboxPurgeJobTests_Sqlite() : OutboxPurgeJobTests(DatabaseProvider.Sqlite);

public sealed class OutboxPurgeJobTests_PostgreSql() : OutboxPurgeJobTests(DatabaseProvider.PostgreSql);
