using Consortium.Portal.Platform.Components;
using Microsoft.JSInterop;

namespace Consortium.Portal.Documents.Components;

/// <summary>
/// The drafts of comments and replies the browser keeps until they are sent (documents.js keepDrafts), forgotten once
/// one is saved: also when the reader left the tab during the save, whose module went with it.
/// </summary>
internal static class BrowserDrafts
{
    public const string ModulePath = "./_content/Consortium.Portal.Documents/documents.js";

    /// <summary>
    /// The draft under <paramref name="key"/> was sent: the browser no longer offers it. <paramref name="module"/> is the
    /// tab's, or null once the tab is gone (a disposed module refuses every call, which would end the circuit): a module
    /// of its own then forgets it (the browser has the script already). A circuit gone by now leaves the draft there,
    /// offered again beside the saved comment: harmless.
    /// </summary>
    public static async Task ForgetAsync(IJSRuntime js, IJSObjectReference? module, string key)
    {
        try
        {
            if (module is not null)
            {
                await module.InvokeVoidAsync("forgetDraft", key);
                return;
            }
            await using var own = await js.InvokeAsync<IJSObjectReference>("import", ModulePath);
            await own.InvokeVoidAsync("forgetDraft", key);
        }
        catch (Exception e) when (CircuitTeardown.IsCircuitGone(e) || e is JSException)
        {
            // The circuit went, or the browser could not load the script: the comment is saved; only its draft stays.
        }
    }
}
