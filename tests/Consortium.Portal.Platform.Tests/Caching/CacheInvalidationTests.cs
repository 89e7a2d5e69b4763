using Consortium.Portal.Platform.Caching;
using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.Platform.Tests.Caching;

/// <summary>A module declares which saves invalidate which tag; every module DbContext then invalidates after its commit.</summary>
public sealed class CacheInvalidationTests : IAsyncLifetime
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);
    private PlatformTestHost _host = default!;
    private int _reads;

    private static string TagOf(Guid meetingId) => "meetings:" + meetingId.ToString("N");

    public async Task InitializeAsync() => _host = await PlatformTestHost.StartAsync(DatabaseProvider.Sqlite,
        services => services.InvalidateCacheOnSave<ForumMeeting>(m => TagOf(m.Id)));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private PortalCache Cache => _host.Services.GetRequiredService<PortalCache>();

    private Task<string> LookAsync(Guid meetingId)
        => Cache.GetOrReadAsync(("meeting", meetingId), TagOf(meetingId), Lifetime, (_, _) => Task.FromResult($"read {++_reads}"));

    private async Task<Guid> ScheduleAsync(string town = "Novi Pazar")
    {
        await using var scope = _host.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MeetingsDbContext>();
        var meeting = ForumMeeting.Schedule("Consortium Forum, " + town, new DateTime(2026, 5, 12, 8, 0, 0, DateTimeKind.Utc));
        db.Meetings.Add(meeting);
        await db.SaveChangesAsync();
        return meeting.Id;
    }

    private async Task ChangeAsync(Guid meetingId, Func<MeetingsDbContext, ForumMeeting, Task>? around = null)
    {
        await using var scope = _host.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MeetingsDbContext>();
        var meeting = await db.Meetings.SingleAsync(m => m.Id == meetingId);
        meeting.Rename(meeting.Title + " (moved)");
        await (around?.Invoke(db, meeting) ?? db.SaveChangesAsync());
    }

    [Fact]
    public async Task A_saved_change_to_a_declared_entity_invalidates_its_tag()
    {
        var id = await ScheduleAsync();
        await LookAsync(id);

        await ChangeAsync(id);

        Assert.Equal("read 2", await LookAsync(id));
    }

    [Fact]
    public async Task A_change_to_another_entity_leaves_the_entry()
    {
        var id = await ScheduleAsync();
        var other = await ScheduleAsync("Gjilan");
        await LookAsync(id);

        await ChangeAsync(other);

        Assert.Equal("read 1", await LookAsync(id));
    }

    [Fact]
    public async Task A_deletion_invalidates_too()
    {
        var id = await ScheduleAsync();
        await LookAsync(id);

        await using (var scope = _host.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MeetingsDbContext>();
            db.Meetings.Remove(await db.Meetings.SingleAsync(m => m.Id == id));
            await db.SaveChangesAsync();
        }

        Assert.Equal("read 2", await LookAsync(id));
    }

    [Fact]
    public async Task Inside_the_callers_transaction_the_tag_is_invalidated_at_the_commit_not_before()
    {
        var id = await ScheduleAsync();
        await LookAsync(id);

        await ChangeAsync(id, async (db, _) =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.SaveChangesAsync();
            // Not committed: a read now would see the old rows, so what was kept from them still holds.
            Assert.Equal("read 1", await LookAsync(id));
            await transaction.CommitAsync();
        });

        Assert.Equal("read 2", await LookAsync(id));
    }
}
