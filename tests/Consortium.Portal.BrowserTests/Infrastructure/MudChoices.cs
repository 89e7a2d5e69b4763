using System.Diagnostics;
using Microsoft.Playwright;

namespace Consortium.Portal.BrowserTests.Infrastructure;

/// <summary>
/// Picks an option of a MudSelect and waits until the select shows it. A click that opens the list can take seconds on a
/// loaded machine; a second click in that time closes the list again, and an option clicked while the list closes is
/// lost, so the form is sent without it. Checking what the select shows, and picking again when it does not, ends that.
/// </summary>
public static class MudChoices
{
    /// <param name="exact">Whether the option's whole text is <paramref name="option"/> (an option that contains it, such as
    /// "The leads of the authors' partners" for "The authors", is not the one meant).</param>
    public static async Task PickAsync(IPage page, ILocator select, string option, string what, TimeSpan? patience = null, bool exact = false)
    {
        var limit = patience ?? UntilShown.Patience;
        var choice = page.Locator(".mud-popover-open .mud-list-item", exact
            ? new PageLocatorOptions { HasTextRegex = new System.Text.RegularExpressions.Regex($@"^\s*{System.Text.RegularExpressions.Regex.Escape(option)}\s*$") }
            : new PageLocatorOptions { HasText = option });
        var waited = Stopwatch.StartNew();
        while (!await ShowsAsync(select, option))
        {
            if (waited.Elapsed > limit)
            {
                throw new TimeoutException($"Waited {limit.TotalSeconds:0} s for {what} to show \"{option}\", in vain.");
            }
            try
            {
                if (!await choice.IsVisibleAsync())
                {
                    await select.ClickAsync(new LocatorClickOptions { Timeout = 2_000 });
                    await choice.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = 5_000 });
                }
                await choice.ClickAsync(new LocatorClickOptions { Timeout = 2_000 });
                // The list closes once the circuit has taken the choice.
                await page.Locator(".mud-popover-open .mud-list-item").First.WaitForAsync(
                    new LocatorWaitForOptions { State = WaitForSelectorState.Hidden, Timeout = 5_000 });
            }
            catch (TimeoutException)
            {
                // Not interactive yet, or the list closed under the click: look again.
            }
        }
    }

    /// <summary>What the select shows, as text or as its input's value (MudSelect renders either, by version).</summary>
    private static Task<bool> ShowsAsync(ILocator select, string option)
        => select.EvaluateAsync<bool>(
            "(el, option) => (el.innerText + ' ' + [...el.querySelectorAll('input')].map(i => i.value).join(' ')).includes(option)",
            option);
}
