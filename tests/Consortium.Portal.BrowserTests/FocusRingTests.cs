using Consortium.Portal.BrowserTests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Consortium.Portal.BrowserTests;

/// <summary>
/// The focus after a navigation inside the portal: FocusOnNavigate puts it on the page's heading, so a screen reader
/// reads the new page from its title; the heading is no control and shows no ring, while the controls after it do.
/// </summary>
[Collection(PortalInBrowserCollection.Name)]
public sealed class FocusRingTests(PortalInBrowser portal, ITestOutputHelper output)
{
    private const string Member = "member2.bprg@demo.portal";

    private const string FocusedOutline =
        "() => { const e = document.activeElement; const s = getComputedStyle(e); return [e.tagName, s.outlineStyle, s.outlineWidth]; }";

    [Fact]
    public Task After_a_navigation_by_keyboard_the_heading_has_the_focus_without_a_ring_and_the_next_control_shows_its_ring()
        => portal.RunAsync(this, output, async page =>
    {
        await PortalPages.SignInAsync(page, Member);

        // The menu's link to the workspaces, reached and followed with the keyboard: the browser then counts the focus
        // the script moves to the heading as keyboard focus (:focus-visible), where the ring was drawn.
        var workspaces = page.Locator("nav.mud-navmenu a[href='/workspaces']");
        await KeyboardMoves.TabToAsync(page, workspaces, "the menu's link to the workspaces");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(PortalPages.IsAt("/workspaces"));
        await PortalPages.ReadyAsync(page);
        await page.WaitForFunctionAsync("() => document.activeElement?.tagName === 'H1'");
        var heading = await page.EvaluateAsync<string[]>(FocusedOutline);
        Assert.True(heading[1] == "none" || heading[2] == "0px", $"The page's heading shows a focus ring after the navigation (outline: {heading[1]} {heading[2]}).");

        // The next Tab stop is a control, and its ring shows.
        await page.Keyboard.PressAsync("Tab");
        var next = await page.EvaluateAsync<string[]>(FocusedOutline);
        Assert.Contains(next[0], new[] { "A", "BUTTON", "INPUT" });
        await KeyboardMoves.AssertFocusIsVisibleAsync(page, $"the control after the heading ({next[0]})");
        await Expect(page.Locator("h1").First).Not.ToBeFocusedAsync();
    });
}
