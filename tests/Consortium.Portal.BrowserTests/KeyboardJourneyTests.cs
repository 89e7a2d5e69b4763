using System.Text;
using Consortium.Portal.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Consortium.Portal.BrowserTests;

/// <summary>
/// The review journey with the keyboard alone, as someone who cannot use a mouse does it: no click, no focus set by the
/// test, only Tab, Shift+Tab, Enter, Space, the arrows and typing. The author signs in, uploads a file through the
/// Upload button's file chooser, opens it, comments on a paragraph of its preview and asks a colleague for a review.
/// </summary>
[Collection(PortalInBrowserCollection.Name)]
public sealed class KeyboardJourneyTests(PortalInBrowser portal, ITestOutputHelper output)
{
    private const string Author = "member1.bprg@demo.portal";
    private const string ReviewerName = "Mimoza Hyseni";
    private const string ResearchReport = "/workspaces/2f6a4d8e-3b1c-4c52-9d7e-5a0b8c1e2f31";

    [Fact]
    public Task The_author_uploads_comments_on_a_paragraph_and_requests_a_review_with_the_keyboard_alone() => portal.RunAsync(this, output, async page =>
    {
        var name = $"Keys {Guid.NewGuid():N}".Substring(0, 13) + ".md";

        // Signing in: Tab to each field, type, Enter.
        await page.GotoAsync("/");
        await page.WaitForURLAsync(PortalPages.IsAt("/account/sign-in"));
        await PortalPages.ReadyAsync(page);
        await KeyboardMoves.TabToAsync(page, page.Locator("#email"), "the e-mail field");
        await page.Keyboard.TypeAsync(Author);
        await KeyboardMoves.TabToAsync(page, page.Locator("#password"), "the password field");
        await page.Keyboard.TypeAsync(PortalPages.DemoPassword);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(PortalPages.IsAt("/"));
        await PortalPages.ReadyAsync(page);

        // Uploading: the Upload button opens the file chooser.
        await PortalPages.OpenAsync(page, ResearchReport);
        await page.Locator("[data-test=drop-zone][data-ready=true]").WaitForAsync();
        var chooser = await PressForFileChooserAsync(page, page.Locator("[data-test=upload-button]"));
        await chooser.SetFilesAsync(new FilePayload
        {
            Name = name,
            MimeType = "text/markdown",
            Buffer = Encoding.UTF8.GetBytes("# Findings\n\nRoundtables took place in Peja and Ferizaj.\n\nParticipants asked for more meetings.\n"),
        });
        var link = page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = name });
        await Expect(link).ToBeVisibleAsync();
        await KeyboardMoves.TabToAsync(page, link, "the uploaded document's link");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("[data-test=document-name]")).ToContainTextAsync(name);

        // Commenting on a paragraph: Tab to it, Enter quotes it and moves to the comment box.
        var paragraph = page.Locator("[data-test=preview][data-tracking=true] p", new PageLocatorOptions { HasText = "Peja and Ferizaj" });
        await paragraph.WaitForAsync();
        await PortalPages.ReadyAsync(page);
        await KeyboardMoves.TabToAsync(page, paragraph, "the paragraph about the roundtables");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("[data-test=selected-quote]")).ToContainTextAsync("Roundtables took place in Peja and Ferizaj.");
        await Expect(page.Locator("[data-test=comment-body] textarea, textarea[data-test=comment-body]").First).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Add Novi Pazar too.");
        await KeyboardMoves.TabToAsync(page, page.Locator("[data-test=add-comment]"), "the Add comment button");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("[data-test=comment]")).ToContainTextAsync("Peja and Ferizaj");
        await AccessibilityAudit.CheckAsync(page);

        // Requesting a review: the Reviews tab, the reviewer found by typing part of her name and chosen with the arrows, Send.
        var reviewsTab = page.Locator(".mud-tabs .mud-tab").Nth(2);
        await KeyboardMoves.TabToAsync(page, reviewsTab, "the Reviews tab", backwards: true);
        await page.Keyboard.PressAsync("Enter");
        await Expect(reviewsTab).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-tab-active"));
        var search = page.Locator("input[data-test=reviewer-search], [data-test=reviewer-search] input").First;
        await KeyboardMoves.TabToAsync(page, search, "the reviewer search");
        await page.Keyboard.TypeAsync(ReviewerName.Split(' ')[0]);
        var reviewer = page.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasText = ReviewerName });
        await Expect(reviewer).ToBeVisibleAsync();
        await KeyboardMoves.ArrowToAsync(page, reviewer, "the reviewer in the list");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("[data-test=chosen-reviewer]")).ToContainTextAsync(ReviewerName);
        // Checked once the list has closed: while it is open it covers the fields below it, as any open list does.
        await AccessibilityAudit.CheckAsync(page);
        await KeyboardMoves.TabToAsync(page, page.Locator("[data-test=send-review-request]"), "the Send button");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("[data-test=review]")).ToContainTextAsync(ReviewerName);
    });

    /// <summary>
    /// Tabs to the Upload button and presses Enter until the file chooser opens: on a loaded machine the circuit may
    /// render the button anew just after it took the focus, and a press then goes nowhere; a person presses again.
    /// </summary>
    private static async Task<IFileChooser> PressForFileChooserAsync(IPage page, ILocator button)
    {
        for (var attempt = 1; ; attempt++)
        {
            await KeyboardMoves.TabToAsync(page, button, "the Upload button");
            try
            {
                return await page.RunAndWaitForFileChooserAsync(() => page.Keyboard.PressAsync("Enter"), new PageRunAndWaitForFileChooserOptions { Timeout = 10_000 });
            }
            catch (TimeoutException) when (attempt < 4)
            {
                // Press again.
            }
        }
    }
}
