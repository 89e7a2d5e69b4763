namespace Consortium.Portal.Platform.Paging;

/// <summary>
/// The one paging contract of every list in the portal: 1-based <see cref="Page"/> and <see cref="PageSize"/> as the
/// client asked (query <c>?page=&amp;pageSize=</c>); the list's own caps apply through <see cref="Resolve"/>, and
/// values out of range are refused by the validator (<c>PageRequestValidator</c>), never silently clamped.
/// </summary>
public sealed record PageRequest(int? Page = null, int? PageSize = null)
{
    /// <summary>The largest page size any list accepts; a list may cap lower.</summary>
    public const int MaxPageSize = 200;

    /// <summary>The page and size to read, with the list's default size when none was asked.</summary>
    public ResolvedPage Resolve(int defaultPageSize, int maxPageSize = MaxPageSize)
    {
        var size = Math.Clamp(PageSize ?? defaultPageSize, 1, maxPageSize);
        // Past the last row any list can hold: the skip would overflow an int, so it is the last page that exists.
        var page = Math.Clamp(Page ?? 1, 1, int.MaxValue / size);
        return new ResolvedPage(page, size);
    }
}

/// <summary>A page to read: <see cref="Skip"/> rows then <see cref="Take"/>.</summary>
public readonly record struct ResolvedPage(int Page, int PageSize)
{
    public int Skip => (Page - 1) * PageSize;
    public int Take => PageSize;
}

/// <summary>
/// One page of a list and the total the list holds, so a client can show "21–40 of 312". A list that pages by key
/// (<c>IKeysetPagedQuery</c>) also says where the next page starts: <see cref="Next"/>, sent back as <c>?after=</c>,
/// reads the next page from an index at the same cost on page 2 and page 500 (an offset reads and drops every row before
/// it); null on the last page. The total of a page read by key is the one counted for the list's first page, carried in
/// the cursor, so no page after the first counts the list again.
/// </summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int TotalCount, int Page, int PageSize, string? Next = null)
{
    public int PageCount => TotalCount == 0 ? 0 : (TotalCount + PageSize - 1) / PageSize;
}
