using Bunit;
using Consortium.Portal.Documents.Components;
using Consortium.Portal.Workspaces;
using MudBlazor;

namespace Consortium.Portal.Documents.Tests.Components;

/// <summary>The Reviews tab: a decision is a filled button that asks first; the picker shows partner and side, and empties once a reviewer is chosen.</summary>
public sealed class DocumentReviewsTabTests : IAsyncLifetime
{
    private static readonly WorkspaceMemberDto Mimoza = new(Guid.NewGuid(), "Mimoza Hyseni", WorkspaceRole.Reviewer, null);
    private static readonly WorkspaceMemberDto Me = new(ComponentTestContext.UserId, "Blerta Gashi", WorkspaceRole.Editor, null);

    private readonly ComponentTestContext _context = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public void Approve_and_request_changes_are_filled_and_a_cancelled_confirmation_sends_nothing()
    {
        var dialogs = _context.Page.Render<MudDialogProvider>();
        var changed = 0;
        var details = DocumentSamples.Details();
        var review = new ReviewRequestDto(Guid.NewGuid(), details.Document.Id, 1, Mimoza.UserId, Mimoza.DisplayName, DateTime.UtcNow, new DateOnly(2026, 12, 9), null,
            [new ReviewerAnswerDto(ComponentTestContext.UserId, Me.DisplayName, ReviewDecision.Pending, null, null)]);
        var tab = _context.Page.Render<DocumentReviewsTab>(p => p
            .Add(c => c.State, new DocumentReviewsTab.Draft())
            .Add(c => c.DocumentId, details.Document.Id)
            .Add(c => c.Details, details)
            .Add(c => c.Reviews, [review])
            .Add(c => c.Members, [Mimoza, Me])
            .Add(c => c.Changed, () => changed++));

        Assert.Contains("mud-button-filled", tab.Find("[data-test=approve]").ClassList);
        Assert.Contains("mud-button-filled", tab.Find("[data-test=request-changes]").ClassList);

        tab.Find("[data-test=approve]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("UI:ConfirmApprove", dialogs.Markup));
        dialogs.FindAll(".mud-dialog-actions button").First().Click();

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        Assert.Equal(0, changed);
    }

    [Fact]
    public async Task A_chosen_reviewer_becomes_a_chip_and_the_search_empties_for_the_next()
    {
        var details = DocumentSamples.Details();
        var tab = _context.Page.Render<DocumentReviewsTab>(p => p
            .Add(c => c.State, new DocumentReviewsTab.Draft())
            .Add(c => c.DocumentId, details.Document.Id)
            .Add(c => c.Details, details)
            .Add(c => c.Reviews, [])
            .Add(c => c.Members, [Mimoza, Me])
            .Add(c => c.CanEdit, true));
        var search = tab.FindComponent<MudAutocomplete<WorkspaceMemberDto>>();

        await search.InvokeAsync(() => search.Instance.SelectOptionAsync(Mimoza));

        // The name stayed in the search box, and after the request was sent (the chips gone) it still read as chosen.
        tab.WaitForAssertion(() => Assert.Contains("Mimoza Hyseni", tab.Find("[data-test=chosen-reviewer]").TextContent));
        tab.WaitForAssertion(() =>
        {
            var typed = tab.Find("input[data-test=reviewer-search], [data-test=reviewer-search] input").GetAttribute("value");
            Assert.True(string.IsNullOrEmpty(typed), $"The search still reads \"{typed}\".");
        });
    }
}
