using Consortium.Portal.Documents.Application;
using Consortium.Portal.Platform.Caching;
using Consortium.Portal.Platform.Paging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Consortium.Portal.Documents.Tests;

/// <summary>Pages of document lists in the portal's cache: kept a few seconds, dropped by a change, never kept when one overtook the read.</summary>
public sealed class DocumentListCacheTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
    private readonly PortalCache _memory;
    private readonly DocumentListCache _cache;
    private static readonly Guid Workspace = Guid.NewGuid();
    private static readonly DocumentListCache.PageKey FirstPage = new(Workspace, null, false, 0, 100);
    private int _reads;

    public DocumentListCacheTests()
    {
        _memory = new PortalCache(_clock, Options.Create(new PortalCacheOptions()));
        _cache = new DocumentListCache(_memory, Options.Create(new DocumentsOptions()));
    }

    /// <summary>What the Platform's interceptor does once a change to a document of the workspace has committed.</summary>
    private void SaveAChangeTo(Guid workspaceId) => _memory.Invalidate(DocumentListCache.Tag(workspaceId));

    public void Dispose() => _memory.Dispose();

    private Task<(PagedResult<DocumentSummaryDto>, DateTime?)> ReadAsync(DateTime? lockExpiry = null)
    {
        _reads++;
        var page = new PagedResult<DocumentSummaryDto>([Summary($"doc-{_reads}.md")], _reads, 1, 100);
        return Task.FromResult((page, lockExpiry));
    }

    private static DocumentSummaryDto Summary(string name)
        => new(Guid.NewGuid(), Workspace, null, name, DocumentFileType.Markdown, 1, 10, DateTime.UtcNow, null, null, Guid.NewGuid());

    [Fact]
    public async Task A_second_look_within_the_lifetime_is_answered_without_a_read()
    {
        var first = await _cache.GetOrReadAsync(FirstPage, () => ReadAsync());
        _clock.Advance(TimeSpan.FromSeconds(4));

        var second = await _cache.GetOrReadAsync(FirstPage, () => ReadAsync());

        Assert.Same(first, second);
        Assert.Equal(1, _reads);
    }

    [Fact]
    public async Task Pages_of_other_folders_and_offsets_are_kept_apart()
    {
        await _cache.GetOrReadAsync(FirstPage, () => ReadAsync());

        await _cache.GetOrReadAsync(FirstPage with { Skip = 100 }, () => ReadAsync());
        await _cache.GetOrReadAsync(FirstPage with { FolderId = Guid.NewGuid() }, () => ReadAsync());
        await _cache.GetOrReadAsync(FirstPage with { WorkspaceId = Guid.NewGuid() }, () => ReadAsync());

        Assert.Equal(4, _reads);
    }

    [Fact]
    public async Task Random_offsets_do_not_grow_the_cache()
    {
        await _cache.GetOrReadAsync(FirstPage, () => ReadAsync());
        var random = new Random(16);

        for (var i = 0; i < 1_000; i++)
        {
            await _cache.GetOrReadAsync(FirstPage with { Skip = random.Next(1, 100) * 100 }, () => ReadAsync());
        }

        Assert.Equal(1, _memory.Count);
        // The first page is still answered from the cache; a later page is read each time.
        await _cache.GetOrReadAsync(FirstPage, () => ReadAsync());
        Assert.Equal(1_001, _reads);
    }

    [Fact]
    public async Task A_saved_change_in_the_workspace_is_seen_by_the_next_look()
    {
        await _cache.GetOrReadAsync(FirstPage, () => ReadAsync());

        SaveAChangeTo(Workspace);
        var after = await _cache.GetOrReadAsync(FirstPage, () => ReadAsync());

        Assert.Equal("doc-2.md", after.Items.Single().Name);
    }

    [Fact]
    public async Task A_read_overtaken_by_a_change_is_not_kept()
    {
        // The change commits while the page is being read: what was read may predate it.
        var reading = new TaskCompletionSource();
        var committed = new TaskCompletionSource();
        var overtaken = _cache.GetOrReadAsync(FirstPage, async () =>
        {
            reading.SetResult();
            await committed.Task;
            return await ReadAsync();
        });
        await reading.Task;
        SaveAChangeTo(Workspace);
        committed.SetResult();
        await overtaken;

        await _cache.GetOrReadAsync(FirstPage, () => ReadAsync());

        Assert.Equal(2, _reads);
    }

    [Fact]
    public async Task A_page_showing_a_lock_is_read_again_once_the_lock_has_expired()
    {
        var lockExpiry = _clock.GetUtcNow().UtcDateTime.AddSeconds(2);
        await _cache.GetOrReadAsync(FirstPage, () => ReadAsync(lockExpiry));
        _clock.Advance(TimeSpan.FromSeconds(1));
        await _cache.GetOrReadAsync(FirstPage, () => ReadAsync());
        Assert.Equal(1, _reads);

        _clock.Advance(TimeSpan.FromSeconds(1));
        await _cache.GetOrReadAsync(FirstPage, () => ReadAsync());

        Assert.Equal(2, _reads);
    }

    [Fact]
    public async Task No_page_is_believed_beyond_the_lifetime()
    {
        await _cache.GetOrReadAsync(FirstPage, () => ReadAsync());

        _clock.Advance(new DocumentsOptions().ListCacheLifetime);
        await _cache.GetOrReadAsync(FirstPage, () => ReadAsync());

        Assert.Equal(2, _reads);
    }

    [Fact]
    public async Task A_lifetime_of_zero_reads_every_time()
    {
        var uncached = new DocumentListCache(_memory, Options.Create(new DocumentsOptions { ListCacheLifetime = TimeSpan.Zero }));

        await uncached.GetOrReadAsync(FirstPage, () => ReadAsync());
        await uncached.GetOrReadAsync(FirstPage, () => ReadAsync());

        Assert.Equal(2, _reads);
    }

    private int _counts;

    private Task<int> CountAsync() => Task.FromResult(10_000 + ++_counts);

    [Fact]
    public async Task The_pages_of_one_list_share_its_count_even_when_pages_are_not_kept()
    {
        var pagesUncached = new DocumentListCache(_memory, Options.Create(new DocumentsOptions { ListCacheLifetime = TimeSpan.Zero }));

        var first = await pagesUncached.GetOrCountAsync(FirstPage.List, CountAsync);
        var later = await pagesUncached.GetOrCountAsync((FirstPage with { Skip = 5_000 }).List, CountAsync);
        var otherFolder = await pagesUncached.GetOrCountAsync((FirstPage with { FolderId = Guid.NewGuid() }).List, CountAsync);

        Assert.Equal(10_001, first);
        Assert.Equal(first, later);
        Assert.Equal(10_002, otherFolder);
    }

    [Fact]
    public async Task A_saved_change_or_the_lifetime_makes_the_list_count_again_and_zero_counts_every_time()
    {
        await _cache.GetOrCountAsync(FirstPage.List, CountAsync);
        SaveAChangeTo(Workspace);
        var afterChange = await _cache.GetOrCountAsync(FirstPage.List, CountAsync);
        _clock.Advance(new DocumentsOptions().ListCountCacheLifetime);
        var afterLifetime = await _cache.GetOrCountAsync(FirstPage.List, CountAsync);
        var uncounted = new DocumentListCache(_memory, Options.Create(new DocumentsOptions { ListCountCacheLifetime = TimeSpan.Zero }));
        await uncounted.GetOrCountAsync(FirstPage.List, CountAsync);
        await uncounted.GetOrCountAsync(FirstPage.List, CountAsync);

        Assert.Equal(10_002, afterChange);
        Assert.Equal(10_003, afterLifetime);
        Assert.Equal(5, _counts);
    }
}
