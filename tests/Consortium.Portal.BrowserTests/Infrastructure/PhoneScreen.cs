using Microsoft.Playwright;

namespace Consortium.Portal.BrowserTests.Infrastructure;

/// <summary>
/// The one check that a page fits a phone's screen (no sideways scrolling, every control of the app bar inside it), for
/// every journey that looks at 390 px: when it does not fit, the message names what sticks out, so a failure says where
/// to look.
/// </summary>
public static class PhoneScreen
{
    /// <summary>
    /// What makes <paramref name="page"/> scroll sideways, or which control of its app bar is past an edge of the screen,
    /// said in a line; null when it fits its window.
    /// </summary>
    public static async Task<string?> SticksOutAsync(IPage page)
    {
        // The screen's width, not the window's: a phone (IsMobile) widens its layout viewport to take in what sticks
        // out and zooms the page out, so window.innerWidth grew with the page and a few pixels too wide went unseen.
        var screen = page.ViewportSize?.Width ?? await page.EvaluateAsync<int>("() => window.innerWidth");
        // The app bar is fixed, so a control of it past either edge is cut off without widening the page: its menu
        // button sat 4 px past the left edge, which the page's width does not show.
        var cutOff = await page.EvaluateAsync<string[]>("""
            screen => [...document.querySelectorAll('.mud-appbar :is(a[href], button, input, select, [role=button], [tabindex]:not([tabindex="-1"]))')]
                .map(e => [e, e.getBoundingClientRect()])
                .filter(([, r]) => r.width > 0 && r.height > 0 && (r.left < -0.5 || r.right > screen + 0.5))
                .map(([e, r]) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}${e.getAttribute('aria-label') ? ` "${e.getAttribute('aria-label')}"` : ''} from ${Math.round(r.left)} to ${Math.round(r.right)}`)
            """, screen);
        if (cutOff.Length > 0)
        {
            return $"{PortalPages.PathOf(page)}: the app bar's controls are not all on a phone's screen ({screen} px): {string.Join("; ", cutOff)}.";
        }
        var width = await page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth");
        if (width <= screen)
        {
            return null;
        }
        // The innermost elements past the screen's right edge: the culprits, not every box that contains one.
        var past = await page.EvaluateAsync<string[]>("""
            screen => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > screen + 0.5
                    && ![...e.children].some(c => c.getBoundingClientRect().right > screen + 0.5))
                .slice(0, 8)
                .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} right ${Math.round(e.getBoundingClientRect().right)}`)
            """, screen);
        return $"{PortalPages.PathOf(page)} scrolls sideways on a phone: {width} px wide in {screen} px; past the edge: {string.Join("; ", past)}.";
    }

    /// <summary>Fails, naming what sticks out, when <paramref name="page"/> scrolls sideways.</summary>
    public static async Task AssertFitsAsync(IPage page, string? what = null)
    {
        if (await SticksOutAsync(page) is { } wide)
        {
            Assert.Fail(what is null ? wide : $"{what}: {wide}");
        }
    }
}
