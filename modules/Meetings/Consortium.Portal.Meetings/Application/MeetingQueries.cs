using Consortium.Portal.Platform.Paging;

namespace Consortium.Portal.Meetings.Application;

/// <summary>The query string of a workspace's meeting list: <c>past=true</c> for past meetings (latest first).</summary>
public sealed class MeetingListQuery : IPagedQuery
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public string? Page { get; init; }
    public string? PageSize { get; init; }
    public bool? Past { get; init; }

    public ResolvedPage Resolved => this.ToPage(DefaultPageSize, MaxPageSize);
}

/// <summary>The decisions register's query string: a workspace, words of the text or the code ("F-2027").</summary>
public sealed class DecisionQuery : IPagedQuery
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;
    public const int MaxSearchLength = 200;

    public string? Page { get; init; }
    public string? PageSize { get; init; }
    public Guid? WorkspaceId { get; init; }
    public string? Search { get; init; }

    public ResolvedPage Resolved => this.ToPage(DefaultPageSize, MaxPageSize);

    /// <summary>How many pages past the one read the register's total counts at most.</summary>
    public const int PagesCountedAhead = 5;

    /// <summary>The most rows the count reads for <paramref name="page"/>: one more than it reports as a number.</summary>
    public static int CountLimit(ResolvedPage page) => page.Skip + (PagesCountedAhead + 1) * page.PageSize + 1;

    /// <summary>Whether a total of the register stopped counting: there are more matches than it says.</summary>
    public static bool IsCapped(int totalCount, ResolvedPage page) => totalCount >= CountLimit(page);
}
