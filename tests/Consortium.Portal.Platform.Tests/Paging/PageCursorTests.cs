using Consortium.Portal.Platform.Paging;

namespace Consortium.Portal.Platform.Tests.Paging;

/// <summary>The cursor of a list paged by key: what the portal made comes back whole; anything else is not a cursor.</summary>
public sealed class PageCursorTests
{
    private sealed record DocumentsQuery(string? Page = null, string? PageSize = null, string? After = null) : IKeysetPagedQuery;

    [Fact]
    public void A_cursor_comes_back_as_it_was_made()
    {
        var made = new PageCursor(["Izveštaj o radu, 2026.docx", "0193a1b2-0000-7000-8000-000000000001"], 51, 10_000);

        var read = PageCursor.TryDecode(made.Encode(), keyCount: 2);

        Assert.NotNull(read);
        Assert.Equal(made.Keys, read.Keys);
        Assert.Equal((51, 10_000), (read.Page, read.TotalCount));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a cursor")]
    [InlineData("eyJLZXlzIjpbXX0")] // {"Keys":[]}: no page, no keys
    public void Text_the_portal_did_not_make_is_no_cursor(string text)
        => Assert.Null(PageCursor.TryDecode(text, keyCount: 2));

    [Fact]
    public void A_cursor_of_another_list_shape_or_too_long_is_no_cursor()
    {
        Assert.Null(PageCursor.TryDecode(new PageCursor(["a"], 2, 10).Encode(), keyCount: 2));
        Assert.Null(PageCursor.TryDecode(new PageCursor([new string('a', PageCursor.MaxLength), "b"], 2, 10).Encode(), keyCount: 2));
    }

    [Fact]
    public void A_query_with_a_cursor_reads_the_page_it_names_at_the_size_asked()
    {
        var after = new PageCursor(["b.txt", Guid.Empty.ToString()], 3, 5).Encode();

        var byKey = new DocumentsQuery(PageSize: "2", After: after).ToKeysetPage(2, 100, 500);
        var byNumber = new DocumentsQuery(Page: "3", PageSize: "2").ToKeysetPage(2, 100, 500);

        Assert.Equal((3, 2, 4), (byKey.Page.Page, byKey.Page.PageSize, byKey.Page.Skip));
        Assert.Equal(5, byKey.After!.TotalCount);
        Assert.Null(byNumber.After);
        Assert.Equal(4, byNumber.Page.Skip);
    }
}
