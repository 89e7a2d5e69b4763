using System.Data.Common;
using Consortium.Portal.Workspaces.Access;
using Consortium.Portal.Workspaces.Data;
using Consortium.Portal.Workspaces.Domain;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Consortium.Portal.Platform.Caching;
using Microsoft.Extensions.Options;

namespace Consortium.Portal.Workspaces.Tests;

/// <summary>The access check's cache of members: kept between reads, never kept when a change overtook the read.</summary>
public sealed class WorkspaceSnapshotsTests : IAsyncLifetime
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly PortalCache _cache = new(TimeProvider.System, Options.Create(new PortalCacheOptions()));
    private readonly WorkspaceSnapshots _snapshots;
    private readonly ReadCounter _reads = new();

    /// <summary>Counts the workspace reads and can run something (a concurrent change) right after one.</summary>
    private sealed class ReadCounter : DbCommandInterceptor
    {
        public int Count { get; private set; }
        public Action? AfterNextRead { get; set; }

        public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            Count++;
            var after = AfterNextRead;
            AfterNextRead = null;
            after?.Invoke();
            return ValueTask.FromResult(result);
        }
    }

    public WorkspaceSnapshotsTests() => _snapshots = new WorkspaceSnapshots(_cache, Options.Create(new WorkspacesOptions()));

    public async Task InitializeAsync()
    {
        await _connection.OpenAsync();
        await using var db = NewContext();
        await db.Database.EnsureCreatedAsync();
    }

    public async Task DisposeAsync()
    {
        await _connection.DisposeAsync();
        _cache.Dispose();
    }

    private WorkspacesDbContext NewContext()
        => new(new DbContextOptionsBuilder<WorkspacesDbContext>().UseSqlite(_connection).AddInterceptors(_reads).Options);

    private async Task<Guid> SeedAsync()
    {
        await using var db = NewContext();
        var workspace = Workspace.Create(Guid.NewGuid(), "Forum preparation", null, WorkspaceKind.ResearchReport, Guid.NewGuid(), DateTime.UtcNow);
        db.Workspaces.Add(workspace);
        await db.SaveChangesAsync();
        return workspace.Id;
    }

    [Fact]
    public async Task A_second_question_within_the_lifetime_is_answered_without_reading_again()
    {
        var id = await SeedAsync();
        await using var db = NewContext();
        var before = _reads.Count;

        await _snapshots.GetAsync(db, id, CancellationToken.None);
        await _snapshots.GetAsync(db, id, CancellationToken.None);

        Assert.Equal(before + 1, _reads.Count);
    }

    [Fact]
    public async Task A_read_that_a_saved_change_overtook_is_not_kept()
    {
        var id = await SeedAsync();
        await using var db = NewContext();
        // The change commits, and its save invalidates the workspace's tag, while this read is on its way back with
        // the old members.
        _reads.AfterNextRead = () => _cache.Invalidate(WorkspaceSnapshots.Tag(id));
        await _snapshots.GetAsync(db, id, CancellationToken.None);
        var before = _reads.Count;

        await _snapshots.GetAsync(db, id, CancellationToken.None);

        Assert.Equal(before + 1, _reads.Count);
    }

    [Fact]
    public async Task A_missing_workspace_is_not_remembered()
    {
        await using var db = NewContext();
        var id = Guid.NewGuid();
        Assert.Null(await _snapshots.GetAsync(db, id, CancellationToken.None));
        var before = _reads.Count;

        await _snapshots.GetAsync(db, id, CancellationToken.None);

        Assert.Equal(before + 1, _reads.Count);
    }

    [Fact]
    public async Task A_lifetime_of_zero_reads_every_time()
    {
        var id = await SeedAsync();
        await using var db = NewContext();
        var uncached = new WorkspaceSnapshots(_cache, Options.Create(new WorkspacesOptions { MembersCacheLifetime = TimeSpan.Zero }));
        var before = _reads.Count;

        await uncached.GetAsync(db, id, CancellationToken.None);
        await uncached.GetAsync(db, id, CancellationToken.None);

        Assert.Equal(before + 2, _reads.Count);
    }
}
