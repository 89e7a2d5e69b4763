using Microsoft.Playwright;

namespace Consortium.Portal.BrowserTests.Infrastructure;

/// <summary>
/// The one check that a page fits a phone's screen (no sideways scrolling), for every journey that looks at 390 px:
/// when it does not fit, the message names what sticks out past the right edge, so a failure says where to look.
/// </summary>
public static class PhoneScreen
{
    /// <summary>What makes <paramref name="page"/> scroll sideways, said in a line; null when it fits its window.</summary>
    public static async Task<string?> SticksOutAsync(IPage page)
    {
        // The screen's width, not the window's: a phone (IsMobile) widens its layout viewport to take in what sticks
        // out and zooms the page out, so window.innerWidth grew with the page and a few pixels too wide went unseen.
        var screen = page.ViewportSize?.Width ?? await page.EvaluateAsync<int>("() => window.innerWidth");
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
