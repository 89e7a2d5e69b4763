using Bunit;
using Consortium.Portal.Documents.Components;
using Consortium.Portal.Documents.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.Documents.Tests.Components;

/// <summary>
/// The Preview tab's comment and suggested edit while one is being saved: what the reviewer types or quotes meanwhile
/// (people write their next comment at once) stays once the save ends; only what was sent goes.
/// </summary>
public sealed class DocumentPreviewTabSaveTests : IAsyncLifetime
{
    private const string Text = "The roundtable in Peja agreed on three points.";

    private readonly SavingTestContext _context = new();
    private readonly DocumentPreviewTab.Draft _draft = new();
    private DocumentDetailsDto _details = default!;

    public async Task InitializeAsync() => _details = await _context.AddDocumentAsync(Text);

    public async Task DisposeAsync() => await _context.DisposeAsync();

    private static TextAnchorDto Passage(string quote) => new(quote, "", "", Text.IndexOf(quote, StringComparison.Ordinal), Text.IndexOf(quote, StringComparison.Ordinal) + quote.Length);

    [Fact]
    public async Task The_next_comment_typed_while_one_is_added_stays_and_the_page_stays_on_it()
    {
        var added = new List<bool>();
        var tab = Render(added.Add);
        tab.Find("textarea").Input("Which three?");

        var add = Held(tab, "[data-test=add-comment]");
        await _context.Saves.Reached;
        tab.Find("textarea").Input("And who agreed?");
        _context.Saves.Release();
        await add;

        // The page does not open the Comments tab under the next comment.
        tab.WaitForAssertion(() => Assert.Equal([false], added));
        Assert.Equal("And who agreed?", _draft.CommentBody);
        Assert.Equal("And who agreed?", tab.Find("textarea").GetAttribute("value") ?? tab.Find("textarea").TextContent);
        Assert.Equal(["Which three?"], await CommentBodiesAsync());
    }

    [Fact]
    public async Task A_comment_sent_with_nothing_typed_after_it_empties_the_box_and_its_passage_and_the_comments_are_shown()
    {
        _draft.Anchor = Passage("three points");
        var added = new List<bool>();
        var tab = Render(added.Add);
        tab.Find("textarea").Input("Which three?");

        await tab.Find("[data-test=add-comment]").ClickAsync(new());

        tab.WaitForAssertion(() => Assert.Equal([true], added));
        Assert.Null(_draft.CommentBody);
        Assert.Null(_draft.Anchor);
        Assert.Empty(tab.FindAll("[data-test=selected-quote]"));
    }

    [Fact]
    public async Task A_comment_added_after_the_reader_left_the_tab_leaves_the_page_where_they_went()
    {
        var documentsJs = _context.Page.JSInterop.SetupModule("./_content/Consortium.Portal.Documents/documents.js");
        documentsJs.Mode = JSRuntimeMode.Loose;
        var added = new List<bool>();
        var tab = Render(added.Add);
        tab.Find("textarea").Input("Which three?");
        tab.WaitForAssertion(() => Assert.NotEmpty(documentsJs.Invocations["keepDrafts"]));

        var add = Held(tab, "[data-test=add-comment]");
        await _context.Saves.Reached;
        // Another tab opened: MudTabs renders only the open one, so this one is disposed, and its module with it.
        await _context.Page.DisposeComponentsAsync();
        Assert.Equal(1, _context.Js.Disposed);
        _context.Saves.Release();
        await add;

        // Nothing was left to the renderer, whose unhandled exception ends the circuit.
        _context.AssertNothingUnhandled();

        Assert.Equal([false], added);
        Assert.Null(_draft.CommentBody);
        // The browser no longer offers the sent comment as a draft.
        Assert.Equal(DocumentPreviewTab.CommentDraftKey(_details.Document.Id, 1), Assert.Single(documentsJs.Invocations["forgetDraft"]).Arguments[0]);
        Assert.Equal(["Which three?"], await CommentBodiesAsync());
    }

    [Fact]
    public async Task A_quoted_comment_once_added_leaves_nothing_unsent_and_a_changed_replacement_is_unsent()
    {
        // As Quote the selection does: the passage, and its text as the suggestion's first replacement.
        (_draft.Anchor, _draft.Replacement) = (Passage("three points"), "three points");
        var tab = Render(_ => { });
        Assert.False(_draft.HoldsUnsent);
        Field(tab, "replacement").Change("four points");
        Assert.True(_draft.HoldsUnsent);
        Field(tab, "replacement").Change("three points");
        tab.Find("textarea").Input("Which three?");
        Assert.True(_draft.HoldsUnsent);

        await tab.Find("[data-test=add-comment]").ClickAsync(new());

        tab.WaitForAssertion(() => Assert.Null(_draft.Anchor));
        // The page asked before leaving after every quoted comment: the quote stayed behind as an unsent replacement.
        Assert.False(_draft.HoldsUnsent);
    }

    [Fact]
    public async Task A_passage_quoted_while_a_comment_is_added_stays_for_the_next()
    {
        _draft.Anchor = Passage("three points");
        var tab = Render(_ => { });
        tab.Find("textarea").Input("Which three?");

        var add = Held(tab, "[data-test=add-comment]");
        await _context.Saves.Reached;
        // As Quote the selection sets it (documents.js answers with the passage selected in the preview).
        var next = Passage("The roundtable in Peja");
        await tab.InvokeAsync(() => _draft.Anchor = next);
        _context.Saves.Release();
        await add;

        tab.WaitForAssertion(() => Assert.Null(_draft.CommentBody));
        Assert.Same(next, _draft.Anchor);
        Assert.Contains("The roundtable in Peja", tab.Find("[data-test=selected-quote]").TextContent);
    }

    [Fact]
    public async Task A_replacement_typed_while_a_suggestion_is_saved_stays_with_its_passage()
    {
        _draft.Anchor = Passage("three points");
        var changed = 0;
        var tab = Render(_ => { }, () => changed++);
        Field(tab, "replacement").Change("four points");
        Field(tab, "reason").Change("They agreed on four.");

        var suggest = Held(tab, "[data-test=suggest]");
        await _context.Saves.Reached;
        Field(tab, "replacement").Change("four points, in writing");
        _context.Saves.Release();
        await suggest;

        tab.WaitForAssertion(() => Assert.Equal(1, changed));
        Assert.Equal("four points, in writing", _draft.Replacement);
        Assert.NotNull(_draft.Anchor);
        Assert.Equal("four points, in writing", Field(tab, "replacement").GetAttribute("value") ?? Field(tab, "replacement").TextContent);
        // The reason went with the suggestion it was sent with.
        Assert.Null(_draft.Reason);
    }

    private IRenderedComponent<DocumentPreviewTab> Render(Action<bool> commentAdded, Action? changed = null)
        => _context.Page.Render<DocumentPreviewTab>(p => p
            .Add(c => c.State, _draft)
            .Add(c => c.DocumentId, _details.Document.Id)
            .Add(c => c.Details, _details)
            .Add(c => c.Preview, new VersionPreviewDto(1, "text", null, Text, null, VersionTextState.Extracted))
            .Add(c => c.Version, 1)
            .Add(c => c.Members, [SavingTestContext.Me, SavingTestContext.Colleague])
            .Add(c => c.CanReview, true)
            .Add(c => c.OwnText, true)
            .Add(c => c.CommentAdded, commentAdded)
            .Add(c => c.Changed, changed ?? (() => { })));

    /// <summary>Presses <paramref name="button"/> with the module's saves held: answers the click, which ends once the test releases the save.</summary>
    private Task Held(IRenderedComponent<DocumentPreviewTab> tab, string button)
    {
        _context.Saves.Hold();
        var click = tab.Find(button).ClickAsync(new());
        Assert.False(click.IsCompleted);
        return click;
    }

    /// <summary>The input or text area of the field marked <paramref name="name"/>.</summary>
    private static AngleSharp.Dom.IElement Field(IRenderedComponent<DocumentPreviewTab> tab, string name)
        => tab.Find($"input[data-test={name}], textarea[data-test={name}], [data-test={name}] input, [data-test={name}] textarea");

    private Task<List<string>> CommentBodiesAsync()
        => _context.WithAsync(services => services.GetRequiredService<DocumentsDbContext>().Comments.Select(c => c.Body).ToListAsync());
}
