using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Consortium.Portal.Platform.Components;

/// <summary>
/// Asks the person, in the portal's dialog, whether to leave a page with unsaved changes; one question for the circuit
/// at a time. Blazor runs every guard's navigation handler at once, so a page with two guarded forms holding changes
/// would otherwise show two dialogs for one click: the second guard hears the answer to the first's question.
/// </summary>
public sealed class LeavePrompt(IDialogService dialogs, IStringLocalizer<PlatformResource> text)
{
    private Task<bool>? _asking;

    /// <summary>True when the person chose to leave; false when they chose to stay (or pressed Escape).</summary>
    /// <param name="navigationCancelled">Cancelled when another navigation overtook this one: the question closes.</param>
    public Task<bool> MayLeaveAsync(CancellationToken navigationCancelled)
    {
        if (_asking is not { IsCompleted: false })
        {
            _asking = AskAsync(navigationCancelled);
        }
        return _asking;
    }

    private async Task<bool> AskAsync(CancellationToken navigationCancelled)
    {
        var dialog = await dialogs.ShowAsync<UnsavedChangesDialog>(text["UnsavedChanges.Title"], new DialogOptions
        {
            MaxWidth = MaxWidth.ExtraSmall,
            CloseOnEscapeKey = true,
            BackdropClick = true,
            // "Stay" is focused as the dialog opens (its data-autofocus, keyboard.js): MudBlazor's own default focus
            // lands on its focus trap's sentinel, where Enter does nothing. It comes first, so Tab reaches it before "Leave".
            DefaultFocus = DefaultFocus.None,
        });
        await using var overtaken = navigationCancelled.Register(() => dialog.Close(DialogResult.Cancel()));
        var answer = await dialog.Result;
        return answer is { Canceled: false, Data: true };
    }
}
