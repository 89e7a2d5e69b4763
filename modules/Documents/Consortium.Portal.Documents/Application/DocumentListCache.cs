using Consortium.Portal.Platform.Caching;
using Consortium.Portal.Platform.Paging;
using Microsoft.Extensions.Options;

namespace Consortium.Portal.Documents.Application;

/// <summary>
/// Pages of document lists, kept in the <see cref="PortalCache"/> for a few seconds. Everyone who opens a workspace's
/// Documents tab reads the same page of the same folder, and a folder of thousands of documents made that read the most
/// frequent and the most expensive of the module (with 50 people at once, half the time of each went to reading and
/// materializing the rows).
/// <para>
/// A page is only ever served after the caller's access check, which is not cached here. Any change to a document of
/// the workspace saved on this instance invalidates <see cref="Tag"/> (declared in <see cref="DocumentsModule"/>), so
/// the next read sees it, even when the change overtook a read under way; another instance is believed for at most
/// <see cref="DocumentsOptions.ListCacheLifetime"/> (5 seconds by default; zero turns the cache off). A page showing a
/// check-out lock is kept no longer than the lock lasts.
/// </para>
/// </summary>
internal sealed class DocumentListCache(PortalCache cache, IOptions<DocumentsOptions> options)
{
    public readonly record struct PageKey(Guid WorkspaceId, Guid? FolderId, bool AllFolders, int Skip, int Take)
    {
        public CountKey List => new(WorkspaceId, FolderId, AllFolders);
    }

    /// <summary>One list (a folder, the top level or the whole workspace), whatever its page.</summary>
    public readonly record struct CountKey(Guid WorkspaceId, Guid? FolderId, bool AllFolders);

    /// <summary>The tag of every list page of one workspace.</summary>
    public static string Tag(Guid workspaceId) => "documents:lists:" + workspaceId.ToString("N");

    /// <summary>
    /// The first page of a list is kept; a later one is read every time. Everyone opens a folder on its first page, so
    /// that is what the cache is for; later pages come from the list's index at the cost of the first (by key), and a
    /// viewer asking for random offsets would otherwise fill the cache with pages nobody reads again (the bound of the
    /// portal cache counts entries, and a page of 500 rows is a large one).
    /// </summary>
    public static bool Keeps(PageKey page) => page.Skip == 0;

    /// <summary>
    /// The cached page with its total (kept together, so a page never shows another moment's total), or the one <paramref name="read"/> makes, which also says until when it holds (the earliest
    /// expiry of a lock it shows; null when it shows none).
    /// </summary>
    public Task<PagedResult<DocumentSummaryDto>> GetOrReadAsync(
        PageKey page, Func<Task<(PagedResult<DocumentSummaryDto> Page, DateTime? LockExpiresAtUtc)>> read)
        => cache.GetOrReadAsync(page, Tag(page.WorkspaceId), Keeps(page) ? options.Value.ListCacheLifetime : TimeSpan.Zero, async (entry, _) =>
        {
            var (rows, lockExpiresAtUtc) = await read();
            if (lockExpiresAtUtc is { } expiry)
            {
                entry.KeepNoLongerThan(new DateTimeOffset(expiry, TimeSpan.Zero));
            }
            return rows;
        });

    /// <summary>
    /// How many documents the list holds, kept under the same tag as its pages but for
    /// <see cref="DocumentsOptions.ListCountCacheLifetime"/>, so that the pages of a folder share one count.
    /// </summary>
    public Task<int> GetOrCountAsync(CountKey list, Func<Task<int>> count)
        => cache.GetOrReadAsync(list, Tag(list.WorkspaceId), options.Value.ListCountCacheLifetime, (_, _) => count());
}
