using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Consortium.Portal.Documents.Application;

/// <summary>
/// Pages of document lists, kept for a few seconds. Everyone who opens a workspace's Documents tab reads the same
/// page of the same folder, and a folder of thousands of documents made that read the most frequent and the most
/// expensive of the module (with 50 people at once, half the time of each went to reading and materializing the rows).
/// <para>
/// A page is only ever served after the caller's access check, which is not cached here. Any change saved through the
/// Documents module to a document of the workspace (the only writer of documents) moves the workspace to a new
/// generation, so on this instance the next read sees it; another instance is believed for at most
/// <see cref="DocumentsOptions.ListCacheLifetime"/> (5 seconds by default; zero turns the cache off). A page showing a
/// check-out lock is kept no longer than the lock lasts.
/// </para>
/// </summary>
internal sealed class DocumentListCache(IMemoryCache cache, TimeProvider clock, IOptions<DocumentsOptions> options)
{
    private TimeSpan Lifetime => options.Value.ListCacheLifetime;

    private readonly ConcurrentDictionary<Guid, long> _generations = new();
    // Counts saved changes: a read that a change overtook (read before the commit, stored after it) must not be kept.
    private long _changes;

    public readonly record struct PageKey(Guid WorkspaceId, Guid? FolderId, bool AllFolders, int Skip, int Take);

    private sealed record Entry(IReadOnlyList<DocumentSummaryDto> Page, DateTimeOffset ValidUntil);

    private sealed record CacheKey(PageKey Page, long Generation);

    /// <summary>
    /// The cached page, or the one <paramref name="read"/> makes, which also says until when it holds (the earliest
    /// expiry of a lock it shows; null when it shows none).
    /// </summary>
    public async Task<IReadOnlyList<DocumentSummaryDto>> GetOrReadAsync(
        PageKey page, Func<Task<(IReadOnlyList<DocumentSummaryDto> Page, DateTime? LockExpiresAtUtc)>> read)
    {
        if (Lifetime <= TimeSpan.Zero)
        {
            return (await read()).Page;
        }
        var key = new CacheKey(page, _generations.GetValueOrDefault(page.WorkspaceId));
        var now = clock.GetUtcNow();
        if (cache.TryGetValue(key, out Entry? known) && known!.ValidUntil > now)
        {
            return known.Page;
        }
        var changesBefore = Interlocked.Read(ref _changes);
        var (rows, lockExpiresAtUtc) = await read();
        var validUntil = now + Lifetime;
        if (lockExpiresAtUtc is { } expiry && new DateTimeOffset(expiry, TimeSpan.Zero) < validUntil)
        {
            validUntil = new DateTimeOffset(expiry, TimeSpan.Zero);
        }
        if (Interlocked.Read(ref _changes) == changesBefore)
        {
            cache.Set(key, new Entry(rows, validUntil), Lifetime);
        }
        return rows;
    }

    /// <summary>Called when a change to documents of the workspace has been saved (or has failed to be).</summary>
    public void Forget(Guid workspaceId)
    {
        Interlocked.Increment(ref _changes);
        _generations.AddOrUpdate(workspaceId, 1, (_, generation) => generation + 1);
    }
}
