using Bunit;
using Consortium.Portal.Documents.Components;

namespace Consortium.Portal.Documents.Tests.Components;

public sealed class DocumentCompareTabTests : IAsyncLifetime
{
    private readonly ComponentTestContext _context = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public void The_inline_diff_strikes_through_what_went_underlines_what_came_and_keeps_every_space()
    {
        var tab = Render("Citizens may travel with ID cards without further checks.", "Citizens may travel with diplomas and cards without checks.", sideBySide: false);

        var diff = tab.Find("[data-test=diff]");
        Assert.Equal(["ID", " further"], diff.QuerySelectorAll("del").Select(VisibleText));
        Assert.Equal(["diplomas and"], diff.QuerySelectorAll("ins").Select(VisibleText));
        // A screen reader is told which is which, not left to colours.
        Assert.All(diff.QuerySelectorAll("del .documents-sr-only"), label => Assert.Equal("UI:DiffRemoved ", label.TextContent));
        Assert.All(diff.QuerySelectorAll("ins .documents-sr-only"), label => Assert.Equal("UI:DiffAdded ", label.TextContent));
        // "ID" and the "diplomas and" that replaced it are apart, not "IDdiplomas and".
        Assert.Equal("Citizens may travel with ID diplomas and cards without further checks.", VisibleText(diff));
    }

    [Fact]
    public void Side_by_side_a_changed_line_marks_its_changed_words_on_each_side()
    {
        var tab = Render("keep\nRoundtables in Peja and Ferizaj.", "keep\nRoundtables in Peja, Ferizaj and Novi Pazar.", sideBySide: true);

        var lines = tab.FindAll(".documents-diff-line");
        Assert.Equal(["keep", "Roundtables in Peja and Ferizaj.", "keep", "Roundtables in Peja, Ferizaj and Novi Pazar."], lines.Select(VisibleText));
        Assert.NotEmpty(lines[1].QuerySelectorAll("del"));
        Assert.Empty(lines[1].QuerySelectorAll("ins"));
        Assert.Empty(lines[3].QuerySelectorAll("del"));
        Assert.Contains(lines[3].QuerySelectorAll("ins"), ins => VisibleText(ins).Contains("Novi Pazar", StringComparison.Ordinal));
    }

    private IRenderedComponent<DocumentCompareTab> Render(string before, string after, bool sideBySide)
    {
        var state = new DocumentCompareTab.Draft { Comparison = VersionDiff.Compare(1, before, 2, after), SideBySide = sideBySide, LatestSeen = 2, From = 1, To = 2 };
        var details = DocumentSamples.Details(versions: 2);
        return _context.Page.Render<DocumentCompareTab>(p => p
            .Add(c => c.State, state)
            .Add(c => c.DocumentId, details.Document.Id)
            .Add(c => c.Details, details));
    }

    /// <summary>The text a sighted reader sees: without the labels for screen readers.</summary>
    private static string VisibleText(AngleSharp.Dom.IElement element)
    {
        var copy = (AngleSharp.Dom.IElement)element.Clone(deep: true);
        foreach (var label in copy.QuerySelectorAll(".documents-sr-only").ToList())
        {
            label.Remove();
        }
        return copy.TextContent;
    }
}
