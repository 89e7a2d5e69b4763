using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Outbox;
using Consortium.Portal.Platform.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.Platform.Tests.Outbox;

/// <summary>The dispatcher is woken when a message can be delivered: after the save, or after the commit of the caller's transaction.</summary>
public abstract class OutboxWakeTests(DatabaseProvider provider) : IAsyncLifetime
{
    private PlatformTestHost _host = default!;

    public async Task InitializeAsync() => _host = await PlatformTestHost.StartAsync(provider);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private OutboxSignal Signal => _host.Services.GetRequiredService<OutboxSignal>();

    private Task<bool> WokenAsync() => Signal.WaitAsync(TimeSpan.Zero, CancellationToken.None);

    private static ForumMeeting Meeting(string title) => ForumMeeting.Schedule(title, new DateTime(2026, 5, 20, 8, 0, 0, DateTimeKind.Utc));

    [Fact]
    public async Task A_save_that_wrote_to_the_outbox_wakes_the_dispatcher()
    {
        await WokenAsync();
        await using var scope = _host.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MeetingsDbContext>();
        db.Meetings.Add(Meeting("Consortium Forum, Belgrade"));

        await db.SaveChangesAsync();

        Assert.True(await WokenAsync());
    }

    [Fact]
    public async Task A_save_inside_a_transaction_wakes_the_dispatcher_at_the_commit_not_before()
    {
        await WokenAsync();
        await using var scope = _host.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MeetingsDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Meetings.Add(Meeting("Peer visit, Prizren"));
        await db.SaveChangesAsync();

        Assert.False(await WokenAsync());

        await transaction.CommitAsync();

        Assert.True(await WokenAsync());
    }

    [Fact]
    public async Task A_rolled_back_transaction_does_not_wake_the_dispatcher()
    {
        await WokenAsync();
        await using var scope = _host.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MeetingsDbContext>();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            db.Meetings.Add(Meeting("Workshop, Niš"));
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }
        db.ChangeTracker.Clear();

        await db.SaveChangesAsync(); // a later save that writes no message of its own

        Assert.False(await WokenAsync());
    }
}

public sealed class OutboxWakeTests_Sqlite() : OutboxWakeTests(DatabaseProvider.Sqlite);

public sealed class OutboxWakeTests_PostgreSql() : OutboxWakeTests(DatabaseProvider.PostgreSql);
