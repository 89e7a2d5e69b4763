using Bunit;
using Consortium.Portal.Documents.Domain;
using Consortium.Portal.Documents.Pages;

namespace Consortium.Portal.Documents.Tests.Components;

/// <summary>
/// The document page after a comment is added on the Preview tab: it opens the Comments tab to show it only when the
/// reader has not gone on meanwhile; under the next comment typed while it was saved, the page stays on the Preview.
/// </summary>
public sealed class DocumentPageCommentTests : IAsyncLifetime
{
    private const string Text = "The roundtable in Peja agreed on three points.";

    private readonly SavingTestContext _context = new();
    private DocumentDetailsDto _details = default!;

    public async Task InitializeAsync() => _details = await _context.AddDocumentAsync(Text);

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public async Task A_comment_added_with_nothing_typed_after_it_opens_the_comments()
    {
        var page = Render();
        page.Find("textarea").Input("Which three?");

        await page.Find("[data-test=add-comment]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.StartsWith("UI:Tab:Comments", ActiveTab(page)));
        Assert.Contains("Which three?", page.Markup);
    }

    [Fact]
    public async Task A_comment_added_while_the_next_is_typed_leaves_the_page_on_the_next()
    {
        var page = Render();
        page.Find("textarea").Input("Which three?");

        // The comment's own save: a fresh-clone check under load saw the hold reached by another of the page's writes
        // first, so the next comment was typed before the first was sent, and sent in its place.
        _context.Saves.Hold(db => db.ChangeTracker.Entries<Comment>().Any(e => e.State == Microsoft.EntityFrameworkCore.EntityState.Added));
        var add = page.Find("[data-test=add-comment]").ClickAsync(new());
        await _context.Saves.Reached;
        page.Find("textarea").Input("And who agreed?");
        _context.Saves.Release();
        await add;

        // The page reloaded (the tab counts the comment) and stayed on the Preview, under the comment being written.
        page.WaitForAssertion(() => Assert.Contains("UI:Tab:Comments (1)", page.FindAll(".mud-tab").Select(t => t.TextContent.Trim())));
        Assert.Equal("UI:Tab:Preview", ActiveTab(page));
        Assert.Equal("And who agreed?", page.Find("textarea").GetAttribute("value") ?? page.Find("textarea").TextContent);
        _context.AssertNothingUnhandled();
    }

    private IRenderedComponent<DocumentPage> Render()
    {
        var page = _context.Page.Render<DocumentPage>(p => p.Add(c => c.DocumentId, _details.Document.Id));
        page.WaitForElement("[data-test=add-comment]");
        return page;
    }

    private static string ActiveTab(IRenderedComponent<DocumentPage> page) => page.Find(".mud-tab.mud-tab-active").TextContent.Trim();
}
