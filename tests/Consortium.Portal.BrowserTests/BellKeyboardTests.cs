using Consortium.Portal.BrowserTests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Consortium.Portal.BrowserTests;

/// <summary>
/// The notification bell from the keyboard: MudBlazor draws its panel at the end of the page, so Tab from the bell went
/// on through the page behind the panel's overlay and Escape left the panel open. The panel takes the focus as it opens,
/// Tab goes on into its controls, and Escape closes it with the focus back on the bell.
/// </summary>
[Collection(PortalInBrowserCollection.Name)]
public sealed class BellKeyboardTests(PortalInBrowser portal, ITestOutputHelper output)
{
    private const string Member = "member2.kcss@demo.portal";

    [Fact]
    public Task The_panel_opened_with_Enter_takes_the_focus_and_Escape_gives_it_back_to_the_bell() => portal.RunAsync(this, output, async page =>
    {
        await PortalPages.SignInAsync(page, Member);
        var bell = page.Locator("#notification-bell-button");
        await KeyboardMoves.TabToAsync(page, bell, "the bell");
        await page.Keyboard.PressAsync("Enter");

        var panel = page.Locator("#notification-panel");
        await Expect(panel).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        // The next stop is the panel's own (its link to the inbox, or a notification), not the page behind it.
        await Expect(panel.Locator(":focus")).ToHaveCountAsync(1);
        await KeyboardMoves.AssertFocusIsVisibleAsync(page, "the panel's first control");

        await page.Keyboard.PressAsync("Escape");
        await Expect(bell).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(panel).ToHaveCountAsync(0);
        await Expect(bell).ToBeFocusedAsync();
    });

    [Fact]
    public Task Tab_past_the_panels_last_control_closes_it_and_leaves_the_focus_where_Tab_put_it() => portal.RunAsync(this, output, async page =>
    {
        await PortalPages.SignInAsync(page, Member);
        var bell = page.Locator("#notification-bell-button");
        await KeyboardMoves.TabToAsync(page, bell, "the bell");
        await page.Keyboard.PressAsync("Enter");
        var panel = page.Locator("#notification-panel");
        await Expect(panel).ToBeFocusedAsync();

        // On through the panel's controls until the focus is past the last one, on the page behind it.
        const string focusInPanel = "() => !!document.activeElement?.closest('#notification-panel')";
        for (var presses = 0; presses < 40 && await page.EvaluateAsync<bool>(focusInPanel); presses++)
        {
            await page.Keyboard.PressAsync("Tab");
        }
        Assert.False(await page.EvaluateAsync<bool>(focusInPanel), "Tab never left the bell's panel.");
        var reached = await page.EvaluateAsync<string>("""
            () => { const e = document.activeElement; e.setAttribute('data-test-reached', ''); return e.outerHTML.slice(0, 120); }
            """);
        output.WriteLine($"Tab past the panel reached {reached}");

        await Expect(bell).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(panel).ToHaveCountAsync(0);
        // The panel closed without taking the focus back to the bell: it stays where Tab put it.
        await Expect(page.Locator("[data-test-reached]")).ToBeFocusedAsync();
    });
}
