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
        var widths = await page.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollWidth, window.innerWidth]");
        if (widths[0] <= widths[1])
        {
            return null;
        }
        // The innermost elements past the window's right edge: the culprits, not every box that contains one.
        var past = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5
                    && ![...e.children].some(c => c.getBoundingClientRect().right > window.innerWidth + 0.5))
                .slice(0, 8)
                .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} right ${Math.round(e.getBoundingClientRect().right)}`)
            """);
        return $"{PortalPages.PathOf(page)} scrolls sideways on a phone: {widths[0]} px wide in {widths[1]} px; past the edge: {string.Join("; ", past)}.";
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
