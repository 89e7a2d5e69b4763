using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Consortium.Portal.Tests;

/// <summary>
/// What a page's <c>UnsavedChangesGuard</c> does when the person leaves, for the component tests of the guarded pages
/// (linked into the projects that render them): whether a link within the portal asks first, and whether the browser's
/// own "leave site?" prompt is on. The dialog's answer is "Stay", so the page keeps what it holds and the test goes on.
/// </summary>
internal static class LeaveChecks
{
    private const string EnableBrowserPrompt = "Blazor._internal.NavigationLock.enableNavigationPrompt";
    private const string DisableBrowserPrompt = "Blazor._internal.NavigationLock.disableNavigationPrompt";

    /// <summary>
    /// Follows a link to another page of the portal and tells whether the portal asked first (its dialog, in
    /// <paramref name="dialogs"/>); if it asked, stays. A page rendered on its own stays rendered either way.
    /// </summary>
    public static async Task<bool> AsksBeforeLeavingAsync(this BunitContext context, IRenderedComponent<MudDialogProvider> dialogs)
    {
        var navigation = context.Services.GetRequiredService<BunitNavigationManager>();
        var start = navigation.Uri;
        var elsewhere = navigation.ToAbsoluteUri("/elsewhere/" + Guid.NewGuid().ToString("N")).ToString();
        await dialogs.InvokeAsync(() => navigation.NavigateTo(elsewhere));

        await Eventually.TrueAsync(() => navigation.Uri == elsewhere || dialogs.FindAll("#unsaved-stay").Count > 0,
            "the navigation to end, or the portal to ask first");
        if (navigation.Uri == elsewhere)
        {
            return false;
        }
        await dialogs.InvokeAsync(() => dialogs.Find("#unsaved-stay").Click());
        await Eventually.TrueAsync(() => navigation.History.FirstOrDefault()?.State == NavigationState.Prevented, "the navigation to be stopped");
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        Assert.Equal(start, navigation.Uri);
        return true;
    }

    /// <summary>
    /// Whether the browser's "leave site?" prompt (a reload, a closed tab) is on, as the page's last renders left it:
    /// on while any of the page's guards has it on, as Blazor's script keeps a set of the locks that want it. bUnit
    /// lists invocations grouped by identifier, not in the order they came, so the last one says nothing; but each
    /// lock calls only when its answer changes, starting from off, so a lock wants the prompt when it enabled it more
    /// often than it disabled it.
    /// </summary>
    public static bool BrowserAsksBeforeLeaving(this BunitContext context)
    {
        var invocations = context.JSInterop.Invocations;
        var enabled = invocations[EnableBrowserPrompt].GroupBy(i => i.Arguments[0]).ToDictionary(g => g.Key!, g => g.Count());
        var disabled = invocations[DisableBrowserPrompt].GroupBy(i => i.Arguments[0]).ToDictionary(g => g.Key!, g => g.Count());
        return enabled.Any(lockOn => lockOn.Value > disabled.GetValueOrDefault(lockOn.Key));
    }
}
