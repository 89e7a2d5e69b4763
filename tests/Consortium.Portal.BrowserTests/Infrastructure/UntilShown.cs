using System.Diagnostics;
using Microsoft.Playwright;

namespace Consortium.Portal.BrowserTests.Infrastructure;

/// <summary>
/// Nudges a page until what a test needs shows, for a fixed limit of patience rather than a fixed number of tries:
/// a Blazor page answers clicks only once its circuit is connected, and on a loaded machine that takes from a moment
/// to tens of seconds (the document page took more than 20 s at a load average of 30). Each round waits for the state
/// through Playwright's own waiting, so a fast machine goes on at once.
/// </summary>
public static class UntilShown
{
    /// <summary>Generous on purpose; a journey that really is broken still fails, only later.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    /// <summary>Does <paramref name="nudge"/> (click a button, open a tab) until <paramref name="shows"/> is visible.</summary>
    /// <param name="round">How long one round waits for <paramref name="shows"/> before it nudges again.</param>
    public static async Task NudgeAsync(Func<Task> nudge, ILocator shows, string what, TimeSpan? round = null, TimeSpan? patience = null)
    {
        var limit = patience ?? Patience;
        var roundTimeout = (float)(round ?? TimeSpan.FromSeconds(2)).TotalMilliseconds;
        var waited = Stopwatch.StartNew();
        while (!await shows.IsVisibleAsync())
        {
            if (waited.Elapsed > limit)
            {
                throw new TimeoutException($"Waited {limit.TotalSeconds:0} s for {what}, in vain.");
            }
            try
            {
                await nudge();
            }
            catch (TimeoutException)
            {
                // Covered, for instance by the dialog an earlier click opened: the check below sees it.
            }
            try
            {
                await shows.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = roundTimeout });
            }
            catch (TimeoutException)
            {
                // Not interactive yet: nudge again.
            }
        }
        // What the test waited for is there: the page as a person now sees it.
        await AccessibilityAudit.CheckAsync(shows.Page);
    }

    /// <summary>Clicks <paramref name="button"/> until <paramref name="shows"/> is visible: a click before the circuit connects does nothing.</summary>
    /// <param name="what">What is awaited, for the failure message. Not the locators' own text: Playwright's
    /// <c>Locator.ToString()</c> blocks on its connection, and called from a continuation on that connection's thread
    /// (after a navigation) it never returns.</param>
    public static Task ClickAsync(ILocator button, ILocator shows, string what, TimeSpan? patience = null)
        // Short: once a dialog opens, its overlay takes the clicks, and waiting for the button would be wasted.
        => NudgeAsync(() => button.ClickAsync(new LocatorClickOptions { Timeout = 2_000 }), shows, what, patience: patience);

    /// <summary>
    /// Opens what a disclosure button (one with <c>aria-expanded</c>, which a second press closes) shows: pressed only
    /// while it says it is closed, and each press given a long round to show. <see cref="ClickAsync"/>'s short rounds
    /// pressed such a button again while the circuit, under load, had not yet drawn the first press, and the second
    /// closed what the first had opened, over and over.
    /// </summary>
    public static Task OpenAsync(ILocator disclosure, ILocator shows, string what)
        => NudgeAsync(async () =>
            {
                if (await disclosure.GetAttributeAsync("aria-expanded", new LocatorGetAttributeOptions { Timeout = 2_000 }) != "true")
                {
                    await disclosure.ClickAsync(new LocatorClickOptions { Timeout = 2_000 });
                }
            },
            shows, what, round: TimeSpan.FromSeconds(20));
}
