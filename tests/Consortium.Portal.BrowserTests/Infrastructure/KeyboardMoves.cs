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

    // The open list's options, and the one active now as the page shows it: the option the focused combobox names as its
    // active descendant, else the focused or highlighted one (MudSelect and MudAutocomplete mark it mud-selected-item,
    // whatever the value chosen before).
    // Returns [active index or -1, its text]; with an element argument, that element's index as a third entry.
    private const string Positions = """
        target => {
            const options = Array.from(document.querySelectorAll('.mud-popover-open .mud-list-item'));
            const ad = document.getElementById(document.activeElement?.getAttribute('aria-activedescendant') || '-');
            const rules = [
                o => !!ad && (ad === o || ad.contains(o) || o.contains(ad)),
                o => o === document.activeElement || o.contains(document.activeElement),
                o => o.matches('[class*=hilight], .mud-selected-item, [class*=active]') || !!o.querySelector('[class*=hilight], .mud-selected-item, [class*=active]'),
            ];
            let active = -1;
            for (const rule of rules) { active = options.findIndex(rule); if (active >= 0) break; }
            const wanted = target ? options.findIndex(o => o === target || o.contains(target) || target.contains(o)) : -1;
            return [active, active >= 0 ? options[active].textContent.trim() : '', wanted];
        }
        """;

    /// <summary>
    /// Moves the active option of the open list to <paramref name="target"/> with the arrow keys, one press at a time and
    /// each time in the direction the page shows it must go, as a person watching the list does.
    /// </summary>
    /// <remarks>
    /// The server moves the list (a MudSelect takes each arrow through the circuit): on a loaded machine a press may show
    /// only seconds later, so the next press waits until it shows. A press that never shows (it went to a list drawn
    /// anew) is pressed again after a round; should both then land, the highlight runs past the target, and the next
    /// round brings it back with the up arrow, rather than pressing down blindly to the end of the list.
    /// </remarks>
    public static async Task ArrowToAsync(IPage page, ILocator target, string what)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < UntilShown.Patience)
        {
            var positions = await target.EvaluateAsync<System.Text.Json.JsonElement>($"e => ({Positions})(e)");
            var (active, wanted) = (positions[0].GetInt32(), positions[2].GetInt32());
            if (wanted < 0)
            {
                throw new InvalidOperationException($"{what} is not among the open list's options.");
            }
            if (active == wanted)
            {
                return;
            }
            await page.Keyboard.PressAsync(active < wanted ? "ArrowDown" : "ArrowUp");
            try
            {
                await page.WaitForFunctionAsync($"was => ({Positions})(null)[0] !== was", active, new PageWaitForFunctionOptions { Timeout = 15_000 });
            }
            catch (TimeoutException)
            {
                // Not shown yet (or the press was lost): the next round looks where the highlight is and presses again.
            }
        }
        var list = await page.EvaluateAsync<string>(
            "() => document.activeElement?.outerHTML.slice(0, 600) + ' / ' + (document.querySelector('.mud-popover-open [role=listbox]')?.outerHTML.slice(0, 2000) ?? '(no open list)')");
        throw new InvalidOperationException($"{what} could not be reached with the arrow keys in {UntilShown.Patience.TotalSeconds:0} s. The list: {list}");
    }
}
