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
}
