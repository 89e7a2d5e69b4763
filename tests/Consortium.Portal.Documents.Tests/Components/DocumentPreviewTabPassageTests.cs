using Bunit;
using Consortium.Portal.Documents.Components;

namespace Consortium.Portal.Documents.Tests.Components;

/// <summary>Commented passages in the preview: found again in the version shown, or listed as changed.</summary>
public sealed class DocumentPreviewTabPassageTests : IAsyncLifetime
{
    private const string Text = "The roundtable in Peja agreed on three points.\nThe minutes follow.";

    private readonly ComponentTestContext _context = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();

    private static CommentDto Comment(string body, TextAnchorDto? anchor, int version = 1, bool resolved = false, Guid? parent = null)
        => new(Guid.NewGuid(), Guid.NewGuid(), version, parent, Guid.NewGuid(), "Mimoza Hyseni", body, $"<p>{body}</p>", anchor, resolved,
            DateTime.UtcNow, null, false, Guid.NewGuid());

    private static TextAnchorDto Anchor(string quote) => new(quote, "", "", Text.IndexOf(quote, StringComparison.Ordinal), Text.IndexOf(quote, StringComparison.Ordinal) + quote.Length);

    [Fact]
    public void Open_anchored_comments_are_found_again_and_those_whose_quote_is_gone_are_changed()
    {
        var found = Comment("Which points?", Anchor("three points"));
        var moved = Comment("Where?", new TextAnchorDto("in Peja", "", "", 0, 7));
        var gone = Comment("Say when.", new TextAnchorDto("last Tuesday", "", "", 3, 15));
        var comments = new[]
        {
            found, moved, gone,
            Comment("No passage", null),
            Comment("Resolved", Anchor("minutes"), resolved: true),
            Comment("A reply", Anchor("minutes"), parent: found.Id),
            Comment("On a later version", new TextAnchorDto("not here yet", "", "", 0, 12), version: 2),
        };

        var passages = DocumentPreviewTab.Locate(Text, 1, comments);

        Assert.Equal([(moved.Id, 15, 22), (found.Id, 33, 45)], passages.Found.Select(f => (f.Comment.Id, f.Start, f.End)));
        Assert.Equal([gone.Id], passages.Changed.Select(c => c.Id));
    }

    [Fact]
    public void Each_highlighted_passage_is_described_by_its_comment_and_a_changed_one_is_listed()
    {
        var details = DocumentSamples.Details(name: "findings.txt");
        var tab = _context.Page.Render<DocumentPreviewTab>(p => p
            .Add(c => c.State, new DocumentPreviewTab.Draft())
            .Add(c => c.DocumentId, details.Document.Id)
            .Add(c => c.Details, details)
            .Add(c => c.Preview, new VersionPreviewDto(1, "text", null, Text, null, VersionTextState.None))
            .Add(c => c.Version, 1)
            .Add(c => c.Comments, [Comment("Which points?", Anchor("three points")), Comment("Say when.", new TextAnchorDto("last <b>Tuesday</b>", "", "", 3, 15))]));

        Assert.Contains("UI:CommentedBy(Mimoza Hyseni,Which points?)", tab.Find("[hidden] span").TextContent);
        var changed = tab.Find("[data-test=passages-changed]");
        Assert.Contains("UI:PassageChanged", changed.TextContent);
        Assert.Contains("last <b>Tuesday</b>", changed.TextContent);
        Assert.Empty(changed.QuerySelectorAll("b"));
        // The text is markup made here: a pre whose text is the version's text, nothing of it taken as markup.
        Assert.Equal(Text, tab.Find("pre.documents-text").TextContent);
    }
}
