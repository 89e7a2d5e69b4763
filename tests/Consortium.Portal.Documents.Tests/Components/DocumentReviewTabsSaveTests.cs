using Bunit;
using Consortium.Portal.Documents.Application;
using Consortium.Portal.Documents.Components;
using Consortium.Portal.Documents.Data;
using Consortium.Portal.Documents.Domain;
using Consortium.Portal.Platform.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Consortium.Portal.Documents.Tests.Components;

/// <summary>
/// The Reviews, Comments and Suggestions tabs while an answer, a reply or a decision is being saved: what the reader
/// types or ticks meanwhile stays once the save ends, and an answer refused after another was sent is told apart
/// rather than under the other review.
/// </summary>
public sealed class DocumentReviewTabsSaveTests : IAsyncLifetime
{
    private const string Text = "The roundtable in Peja agreed on three points.";

    private readonly SavingTestContext _context = new();
    private DocumentDetailsDto _details = default!;

    public async Task InitializeAsync() => _details = await _context.AddDocumentAsync(Text);

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public async Task A_comment_typed_again_while_an_answer_is_saved_stays()
    {
        var dialogs = _context.Page.Render<MudDialogProvider>();
        var draft = new DocumentReviewsTab.Draft();
        var tab = RenderReviews(draft, await AskMeToReviewAsync(1));
        tab.Find("[data-test=answer-comment] input, input[data-test=answer-comment]").Change("Fine by me.");

        _context.Saves.Hold();
        var answer = await ConfirmAsync(tab, dialogs, 0);
        await _context.Saves.Reached;
        tab.Find("[data-test=answer-comment] input, input[data-test=answer-comment]").Change("Fine by me; one more thought.");
        _context.Saves.Release();
        await answer;

        Assert.Equal("Fine by me; one more thought.", draft.Answers.GetValueOrDefault(tab.Instance.Reviews[0].Id));
        Assert.Equal("Fine by me.", await _context.WithAsync(s => s.GetRequiredService<DocumentsDbContext>().ReviewerAnswers.Select(a => a.Comment).SingleAsync()));
    }

    [Fact]
    public async Task An_answer_refused_after_another_was_sent_is_told_above_the_reviews_not_under_the_other()
    {
        var dialogs = _context.Page.Render<MudDialogProvider>();
        var draft = new DocumentReviewsTab.Draft();
        var tab = RenderReviews(draft, await AskMeToReviewAsync(2));
        var comments = tab.FindAll("[data-test=answer-comment] input, input[data-test=answer-comment]");
        comments[0].Change("Fine by me.");

        _context.Saves.Hold();
        var first = await ConfirmAsync(tab, dialogs, 0);
        await _context.Saves.Reached;
        // The second answer is sent while the first is on its way, and refused at once (its comment is too long).
        tab.FindAll("[data-test=answer-comment] input, input[data-test=answer-comment]")[1].Change(new string('x', DocumentConsts.MaxMessageLength + 1));
        await await ConfirmAsync(tab, dialogs, 1);
        _context.Saves.Refuse(RequestValidationException.For("comment", "Not this comment."));
        await first;

        tab.WaitForAssertion(() => Assert.Equal("UI:AnswerNotSent(1,Not this comment.)", tab.Find("[data-test=answer-refused-elsewhere]").TextContent.Trim()));
        var reviews = tab.FindAll("[data-test=review]");
        Assert.DoesNotContain("Not this comment.", reviews[0].TextContent);
        Assert.DoesNotContain("Not this comment.", reviews[1].TextContent);
        // The second's own refusal stays under it.
        Assert.Contains("Validation:TooLong", reviews[1].TextContent);
    }

    [Fact]
    public async Task A_reply_typed_again_while_one_is_sent_stays()
    {
        var comment = await _context.WithAsync(s => s.GetRequiredService<DocumentComments>().AddAsync(_details.Document.Id, new WriteCommentRequest(1, "Which three?", null, null, null), default));
        var draft = new DocumentCommentsTab.Draft();
        var changed = 0;
        var tab = _context.Page.Render<DocumentCommentsTab>(p => p
            .Add(c => c.State, draft)
            .Add(c => c.DocumentId, _details.Document.Id)
            .Add(c => c.Comments, [comment])
            .Add(c => c.CanReview, true)
            .Add(c => c.Changed, () => changed++));
        ReplyField(tab).Change("The ones in the annex.");

        _context.Saves.Hold();
        var reply = tab.FindAll("button").First(b => b.TextContent.Trim() == "UI:Reply").ClickAsync(new());
        await _context.Saves.Reached;
        ReplyField(tab).Change("The ones in the annex, and a fourth.");
        _context.Saves.Release();
        await reply;

        tab.WaitForAssertion(() => Assert.Equal(1, changed));
        Assert.Equal("The ones in the annex, and a fourth.", draft.Replies.GetValueOrDefault(comment.Id));
        Assert.Equal("The ones in the annex, and a fourth.", ReplyField(tab).GetAttribute("value"));
    }

    [Fact]
    public async Task A_reply_sent_after_the_reader_left_the_tab_is_saved_and_its_draft_forgotten()
    {
        var documentsJs = _context.Page.JSInterop.SetupModule("./_content/Consortium.Portal.Documents/documents.js");
        documentsJs.Mode = JSRuntimeMode.Loose;
        var comment = await _context.WithAsync(s => s.GetRequiredService<DocumentComments>().AddAsync(_details.Document.Id, new WriteCommentRequest(1, "Which three?", null, null, null), default));
        var draft = new DocumentCommentsTab.Draft();
        var tab = _context.Page.Render<DocumentCommentsTab>(p => p
            .Add(c => c.State, draft)
            .Add(c => c.DocumentId, _details.Document.Id)
            .Add(c => c.Comments, [comment])
            .Add(c => c.CanReview, true));
        tab.WaitForAssertion(() => Assert.NotEmpty(documentsJs.Invocations["keepDrafts"]));
        ReplyField(tab).Change("The ones in the annex.");

        _context.Saves.Hold();
        var reply = tab.FindAll("button").First(b => b.TextContent.Trim() == "UI:Reply").ClickAsync(new());
        await _context.Saves.Reached;
        // Another tab opened: MudTabs renders only the open one, so this one is disposed, and its module with it.
        await _context.Page.DisposeComponentsAsync();
        Assert.Equal(1, _context.Js.Disposed);
        _context.Saves.Release();
        await reply;

        // Nothing was left to the renderer, whose unhandled exception ends the circuit.
        _context.AssertNothingUnhandled();

        Assert.Empty(draft.Replies);
        Assert.Equal(DocumentCommentsTab.ReplyDraftKey(_details.Document.Id, comment.Id), Assert.Single(documentsJs.Invocations["forgetDraft"]).Arguments[0]);
        Assert.Equal(["The ones in the annex."], await _context.WithAsync(s => s.GetRequiredService<DocumentsDbContext>().Comments.Where(c => c.ParentId == comment.Id).Select(c => c.Body).ToListAsync()));
    }

    [Fact]
    public async Task A_suggestion_ticked_while_others_are_decided_stays_ticked()
    {
        var suggestions = new List<SuggestionDto>();
        foreach (var (quote, replacement) in new[] { ("three", "four"), ("Peja", "Prizren") })
        {
            var start = Text.IndexOf(quote, StringComparison.Ordinal);
            suggestions.Add(await _context.WithAsync(s => s.GetRequiredService<DocumentSuggestions>().AddAsync(_details.Document.Id,
                new SuggestEditRequest(1, new TextAnchorDto(quote, "", "", start, start + quote.Length), replacement, null), default)));
        }
        var draft = new DocumentSuggestionsTab.Draft();
        var changed = 0;
        var tab = _context.Page.Render<DocumentSuggestionsTab>(p => p
            .Add(c => c.State, draft)
            .Add(c => c.DocumentId, _details.Document.Id)
            .Add(c => c.Suggestions, suggestions)
            .Add(c => c.CanEdit, true)
            .Add(c => c.VersionsChanged, () => changed++));
        tab.FindAll("input[type=checkbox]")[0].Change(true);

        _context.Saves.Hold();
        var reject = tab.FindAll("button").First(b => b.TextContent.Trim() == "UI:RejectSelected").ClickAsync(new());
        await _context.Saves.Reached;
        tab.FindAll("input[type=checkbox]")[1].Change(true);
        _context.Saves.Release();
        await reject;

        tab.WaitForAssertion(() => Assert.Equal(1, changed));
        Assert.Equal([suggestions[1].Id], draft.Chosen);
        Assert.Equal([SuggestionState.Rejected, SuggestionState.Open],
            await _context.WithAsync(s => s.GetRequiredService<DocumentsDbContext>().Suggestions.OrderByDescending(x => x.AnchorStart).Select(x => x.State).ToListAsync()));
    }

    /// <summary>Reviews of version 1 that the signed-in user is asked for, by a colleague.</summary>
    private Task<IReadOnlyList<ReviewRequestDto>> AskMeToReviewAsync(int count) => _context.WithAsync(async services =>
    {
        var db = services.GetRequiredService<DocumentsDbContext>();
        var document = await db.Documents.SingleAsync(d => d.Id == _details.Document.Id);
        var version = await db.Versions.SingleAsync(v => v.DocumentId == document.Id);
        for (var i = 0; i < count; i++)
        {
            db.ReviewRequests.Add(new ReviewRequest(document, version, SavingTestContext.Colleague.UserId, [SavingTestContext.Me.UserId], DateOnly.FromDateTime(DateTime.UtcNow.AddDays(7 + i)), null));
            await db.SaveChangesAsync();
        }
        return await services.GetRequiredService<DocumentReviews>().ListAsync(document.Id, default);
    });

    private IRenderedComponent<DocumentReviewsTab> RenderReviews(DocumentReviewsTab.Draft draft, IReadOnlyList<ReviewRequestDto> reviews)
        => _context.Page.Render<DocumentReviewsTab>(p => p
            .Add(c => c.State, draft)
            .Add(c => c.DocumentId, _details.Document.Id)
            .Add(c => c.Details, _details)
            .Add(c => c.Reviews, reviews)
            .Add(c => c.Members, [SavingTestContext.Me, SavingTestContext.Colleague]));

    /// <summary>Approves the <paramref name="index"/>th review and confirms: answers the click, which ends with the answer's save.</summary>
    private static async Task<Task> ConfirmAsync(IRenderedComponent<DocumentReviewsTab> tab, IRenderedComponent<MudDialogProvider> dialogs, int index)
    {
        var click = tab.FindAll("[data-test=approve]")[index].ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("UI:ConfirmApprove", dialogs.Markup));
        await dialogs.InvokeAsync(() => dialogs.FindAll(".mud-dialog-actions button").Last().Click());
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        return click;
    }

    private static AngleSharp.Dom.IElement ReplyField(IRenderedComponent<DocumentCommentsTab> tab)
        => tab.Find("[data-test=reply-body] input, input[data-test=reply-body]");
}
