using Consortium.Portal.Platform.Caching;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Consortium.Portal.Platform.Tests.Caching;

/// <summary>The portal's one cache: keys, tags, lifetimes, the bound, and the rule that a read a change overtook is not kept.</summary>
public sealed class PortalCacheTests : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);
    private const string Tag = "workspace:1";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly PortalCache _cache;
    private int _reads;

    public PortalCacheTests() => _cache = NewCache(new PortalCacheOptions());

    public void Dispose() => _cache.Dispose();

    private PortalCache NewCache(PortalCacheOptions options) => new(_clock, Options.Create(options));

    private Task<string> ReadAsync(PortalCacheRead entry, CancellationToken cancellationToken)
        => Task.FromResult($"read {++_reads}");

    private Task<string> GetAsync(object key, string tag = Tag, TimeSpan? lifetime = null)
        => _cache.GetOrReadAsync(key, tag, lifetime ?? Lifetime, ReadAsync);

    [Fact]
    public async Task A_second_look_within_the_lifetime_is_answered_without_a_read()
    {
        var first = await GetAsync("page");
        _clock.Advance(Lifetime - TimeSpan.FromMilliseconds(1));

        var second = await GetAsync("page");

        Assert.Same(first, second);
        Assert.Equal(1, _reads);
    }

    [Fact]
    public async Task No_entry_is_believed_beyond_its_lifetime()
    {
        await GetAsync("page");

        _clock.Advance(Lifetime);
        var after = await GetAsync("page");

        Assert.Equal("read 2", after);
    }

    [Fact]
    public async Task Other_keys_are_kept_apart_and_equal_records_name_the_same_entry()
    {
        await GetAsync(new PageKey(1, 0));
        await GetAsync(new PageKey(1, 0));
        await GetAsync(new PageKey(1, 100));
        await GetAsync(new OtherModulesKey(1, 0));

        Assert.Equal(3, _reads);
    }

    [Fact]
    public async Task Invalidating_a_tag_drops_its_entries_and_no_other()
    {
        await GetAsync("first page");
        await GetAsync("second page");
        await GetAsync("elsewhere", tag: "workspace:2");

        _cache.Invalidate(Tag);

        Assert.Equal("read 4", await GetAsync("first page"));
        Assert.Equal("read 5", await GetAsync("second page"));
        Assert.Equal("read 3", await GetAsync("elsewhere", tag: "workspace:2"));
    }

    [Fact]
    public async Task A_read_that_an_invalidation_overtook_is_answered_but_not_kept()
    {
        var reading = new TaskCompletionSource();
        var invalidated = new TaskCompletionSource();
        // The read starts, a change commits and invalidates the tag while its rows are on their way back, then it ends.
        var overtaken = _cache.GetOrReadAsync("page", Tag, Lifetime, async (_, _) =>
        {
            reading.SetResult();
            await invalidated.Task;
            return "from before the change";
        });
        await reading.Task;
        _cache.Invalidate(Tag);
        invalidated.SetResult();

        Assert.Equal("from before the change", await overtaken);
        Assert.Equal("read 1", await GetAsync("page"));
    }

    [Fact]
    public async Task An_invalidation_of_another_tag_does_not_stop_a_read_from_being_kept()
    {
        await _cache.GetOrReadAsync("page", Tag, Lifetime, (_, _) =>
        {
            _cache.Invalidate("workspace:2");
            return Task.FromResult("kept");
        });

        Assert.Equal("kept", await GetAsync("page"));
        Assert.Equal(0, _reads);
    }

    [Fact]
    public async Task A_read_may_keep_its_value_for_less_than_the_lifetime()
    {
        var lockLapses = _clock.GetUtcNow().AddSeconds(2);
        await _cache.GetOrReadAsync("page", Tag, Lifetime, (read, _) =>
        {
            read.KeepNoLongerThan(lockLapses);
            return Task.FromResult("showing a lock");
        });
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("showing a lock", await GetAsync("page"));

        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("read 1", await GetAsync("page"));
    }

    [Fact]
    public async Task A_read_may_refuse_to_be_kept()
    {
        await _cache.GetOrReadAsync<string?>("workspace", Tag, Lifetime, (read, _) =>
        {
            read.DoNotKeep();
            return Task.FromResult<string?>(null);
        });

        Assert.Equal("read 1", await GetAsync("workspace"));
    }

    [Fact]
    public async Task A_lifetime_of_zero_reads_every_time()
    {
        await GetAsync("page", lifetime: TimeSpan.Zero);
        await GetAsync("page", lifetime: TimeSpan.Zero);

        Assert.Equal(2, _reads);
        Assert.Equal(0, _cache.Count);
    }

    [Fact]
    public async Task The_cache_holds_no_more_than_its_bound()
    {
        using var small = NewCache(new PortalCacheOptions { MaxEntries = 3 });

        for (var page = 0; page < 10; page++)
        {
            await small.GetOrReadAsync(page, Tag, Lifetime, ReadAsync);
        }

        Assert.InRange(small.Count, 1, 3);
    }

    [Fact]
    public void A_bound_below_one_entry_is_refused()
        => Assert.Throws<ArgumentOutOfRangeException>(() => NewCache(new PortalCacheOptions { MaxEntries = 0 }));

    private sealed record PageKey(int Workspace, int Skip);

    private sealed record OtherModulesKey(int Workspace, int Skip);
}
