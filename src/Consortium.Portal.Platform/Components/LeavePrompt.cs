using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Consortium.Portal.Platform.Components;

/// <summary>
/// Asks the person, in the portal's dialog, whether to give up unsaved changes: to leave the page
/// (<see cref="MayLeaveAsync"/>, the guard's question) or, within a page, to open another form in place of the one
/// holding them (<see cref="MayDiscardAsync"/>), or one whose save is still on its way (<see cref="MayLeaveWhileSavingAsync"/>).
/// One question for the circuit at a time: Blazor runs every guard's
/// navigation handler at once, so a page with two guarded forms holding changes would otherwise show two dialogs for
/// one click; the second caller hears the answer to the first's question.
/// </summary>
public sealed class LeavePrompt(IDialogService dialogs, IStringLocalizer<PlatformResource> text)
{
    private Task<bool>? _asking;

    /// <summary>True when the person chose to leave the page; false when they chose to stay (or pressed Escape).</summary>
    /// <param name="navigationCancelled">Cancelled when another navigation overtook this one: the question closes.</param>
    public Task<bool> MayLeaveAsync(CancellationToken navigationCancelled) => Ask(LeaveQuestion.LeavePage, navigationCancelled);

    /// <summary>
    /// True when the person chose to discard a form's changes so that another form of the same page opens in its
    /// place; false when they kept editing (or pressed Escape). The page stays either way, so the question speaks of
    /// the form, not of leaving.
    /// </summary>
    /// <param name="cancelled">Cancelled when the question no longer stands: it closes as "keep editing".</param>
    public Task<bool> MayDiscardAsync(CancellationToken cancelled) => Ask(LeaveQuestion.DiscardForm, cancelled);

    /// <summary>
    /// True when the person chose to leave a form that holds nothing beyond its save on its way, so that another form of
    /// the same page opens in its place; false when they stayed (or pressed Escape). Nothing is lost either way (the
    /// save goes on and the page tells how it ended), so the question says that rather than "discard your changes".
    /// </summary>
    /// <param name="cancelled">Cancelled when the question no longer stands: it closes as "stay".</param>
    public Task<bool> MayLeaveWhileSavingAsync(CancellationToken cancelled) => Ask(LeaveQuestion.LeaveFormWhileSaving, cancelled);

    private Task<bool> Ask(LeaveQuestion asked, CancellationToken cancelled)
    {
        if (_asking is not { IsCompleted: false })
        {
            _asking = AskAsync(asked, cancelled);
        }
        return _asking;
    }

    private async Task<bool> AskAsync(LeaveQuestion asked, CancellationToken cancelled)
    {
        var title = text[asked switch
        {
            LeaveQuestion.DiscardForm => "UnsavedChanges.Discard.Title",
            LeaveQuestion.LeaveFormWhileSaving => "UnsavedChanges.SaveUnderway.Title",
            _ => "UnsavedChanges.Title",
        }];
        var question = new DialogParameters<UnsavedChangesDialog> { { d => d.Question, asked } };
        var dialog = await dialogs.ShowAsync<UnsavedChangesDialog>(title, question, new DialogOptions
        {
            MaxWidth = MaxWidth.ExtraSmall,
            CloseOnEscapeKey = true,
            BackdropClick = true,
            // The safe answer ("Stay", "Keep editing") is focused as the dialog opens (its data-autofocus, keyboard.js):
            // MudBlazor's own default focus lands on its focus trap's sentinel, where Enter does nothing. It comes
            // first, so Tab reaches it before the answer that loses the changes.
            DefaultFocus = DefaultFocus.None,
        });
        await using var overtaken = cancelled.Register(() => dialog.Close(DialogResult.Cancel()));
        var answer = await dialog.Result;
        return answer is { Canceled: false, Data: true };
    }
}

/// <summary>Which question <see cref="UnsavedChangesDialog"/> asks (see <see cref="LeavePrompt"/>).</summary>
public enum LeaveQuestion
{
    /// <summary>Leave the page and lose its unsaved changes?</summary>
    LeavePage,

    /// <summary>The page stays: discard a form's changes so that another form opens in its place?</summary>
    DiscardForm,

    /// <summary>The page stays: leave a form whose save is on its way (and goes on) so that another form opens?</summary>
    LeaveFormWhileSaving,
}
