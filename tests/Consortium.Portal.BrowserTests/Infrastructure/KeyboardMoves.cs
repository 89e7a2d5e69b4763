using Microsoft.Playwright;

namespace Consortium.Portal.BrowserTests.Infrastructure;

/// <summary>Moving through a page with the keyboard as a person does, and checking that the focus can be seen.</summary>
public static class KeyboardMoves
{
    // A page has a few dozen stops; more presses than this means the control cannot be reached at all.
    private const int MostTabPresses = 120;

    /// <summary>Presses Tab (or Shift+Tab) until <paramref name="target"/> holds the focus (or something inside it does).</summary>
    public static async Task TabToAsync(IPage page, ILocator target, string what, bool backwards = false)
    {
        await target.WaitForAsync();
        for (var presses = 0; presses < MostTabPresses; presses++)
        {
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement || e.contains(document.activeElement)"))
            {
                await AssertFocusIsVisibleAsync(page, what);
                return;
            }
            await page.Keyboard.PressAsync(backwards ? "Shift+Tab" : "Tab");
        }
        throw new InvalidOperationException($"{what} could not be reached with {(backwards ? "Shift+Tab" : "Tab")} ({MostTabPresses} presses).");
    }

    /// <summary>The focused element shows a ring of at least 2 px (app.css: :focus-visible), not only a faint tint.</summary>
    public static async Task AssertFocusIsVisibleAsync(IPage page, string what)
    {
        var outline = await page.EvaluateAsync<string>(
            "() => { const s = getComputedStyle(document.activeElement); return s.outlineStyle + ' ' + s.outlineWidth; }");
        var parts = outline.Split(' ');
        Assert.True(parts[0] != "none" && float.Parse(parts[1].Replace("px", ""), System.Globalization.CultureInfo.InvariantCulture) >= 2,
            $"{what} has the focus but no visible focus ring (outline: {outline}).");
    }

    /// <summary>Which option of the open list is active now, as the page shows it.</summary>
    private const string ActiveOption = "() => (document.activeElement?.getAttribute('aria-activedescendant') ?? '') + '|' + " +
        "Array.from(document.querySelectorAll('.mud-popover-open [class*=hilight], .mud-popover-open .mud-selected-item, .mud-popover-open [class*=active]'))" +
        ".map(e => e.id || e.textContent).join(',')";

    /// <summary>
    /// Presses the down arrow until <paramref name="target"/> is the active option of an open list (focused, highlighted,
    /// or the one the focused combobox names as its active descendant, as MudSelect does).
    /// </summary>
    public static async Task ArrowToAsync(IPage page, ILocator target, string what)
    {
        for (var presses = 0; presses < 30; presses++)
        {
            if (await target.EvaluateAsync<bool>("e => { const ad = document.getElementById(document.activeElement?.getAttribute('aria-activedescendant') || '-'); " +
                "return e === document.activeElement || e.contains(document.activeElement) || (!!ad && (ad === e || ad.contains(e) || e.contains(ad))) " +
                "|| e.matches('[class*=hilight], [class*=active]') || !!e.querySelector('[class*=hilight], [class*=active]'); }"))
            {
                return;
            }
            // The server moves the list (a MudSelect takes each arrow through the circuit, and stops at the last option):
            // the next press waits until this one shows, or it would run past the target.
            var shown = await page.EvaluateAsync<string>(ActiveOption);
            await page.Keyboard.PressAsync("ArrowDown");
            try
            {
                await page.WaitForFunctionAsync($"shown => ({ActiveOption})() !== shown", shown, new PageWaitForFunctionOptions { Timeout = 5_000 });
            }
            catch (TimeoutException)
            {
                // Nothing moved (the last option, or a list that shows no active option): the check above decides.
            }
        }
        var list = await page.EvaluateAsync<string>(
            "() => document.activeElement?.outerHTML.slice(0, 600) + ' / ' + (document.querySelector('.mud-popover-open [role=listbox]')?.outerHTML.slice(0, 2000) ?? '(no open list)')");
        throw new InvalidOperationException($"{what} could not be reached with the arrow keys. The list: {list}");
    }
}
