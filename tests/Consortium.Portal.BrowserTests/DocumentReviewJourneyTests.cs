using System.Text;
using Consortium.Portal.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Consortium.Portal.BrowserTests;

/// <summary>
/// The review of a document, as its author and a reviewer live it in the demo research-report workspace: upload,
/// request a review, the reviewer comments on a passage, the author uploads v2 and compares, the reviewer approves.
/// Selectors are data-test attributes: the reviewer works in Albanian.
/// </summary>
public abstract class DocumentReviewJourney(PortalInBrowser portal, ITestOutputHelper output)
{
    private const string Author = "member1.bprg@demo.portal";
    private const string Reviewer = "member1.kcss@demo.portal";
    private const string ReviewerName = "Mimoza Hyseni";
    private const string ResearchReport = "/workspaces/2f6a4d8e-3b1c-4c52-9d7e-5a0b8c1e2f31";

    [Fact]
    public Task Author_and_reviewer_take_a_document_through_review() => portal.RunAsync(this, output, async author =>
    {
        var name = $"Findings {Guid.NewGuid():N}".Substring(0, 17) + ".md";
        await PortalPages.SignInAsync(author, Author);

        // The author uploads the first draft on the workspace's Documents tab and sees it finish.
        await PortalPages.OpenAsync(author, ResearchReport);
        await author.Locator("[data-test=drop-zone][data-ready=true]").WaitForAsync();
        await author.Locator("[data-test=file-input]").SetInputFilesAsync(new FilePayload
        {
            Name = name,
            MimeType = "text/markdown",
            Buffer = Encoding.UTF8.GetBytes("# Findings\n\nRoundtables took place in Peja and Ferizaj. Participants asked for more meetings.\n"),
        });
        await Expect(author.Locator("[data-test=upload-row] .mud-progress-linear-bar").First).ToBeVisibleAsync();
        await author.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = name }).ClickAsync();
        await Expect(author.Locator("[data-test=document-name]")).ToContainTextAsync(name);
        var documentPage = author.Url;

        // The reviewer, in another browser, is signed in and looking at the portal's home page.
        await using var reviewerContext = await portal.NewContextAsync();
        var reviewer = await reviewerContext.NewPageAsync();
        await PortalPages.SignInAsync(reviewer, Reviewer);
        await Expect(reviewer.Locator("html")).ToHaveAttributeAsync("data-notifications-connected", "true", new() { Timeout = 90_000 });
        var bell = reviewer.Locator("#notification-bell");
        var unreadBefore = int.Parse(await bell.GetAttributeAsync("data-unread") ?? "0", System.Globalization.CultureInfo.InvariantCulture);

        // She asks the reviewer for a review of v1.
        await OpenTabAsync(author, 2);
        // The picker searches by name and shows each person's partner and side.
        await author.Locator("input[data-test=reviewer-search], [data-test=reviewer-search] input").First.FillAsync(ReviewerName.Split(' ')[0]);
        var option = author.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasText = ReviewerName });
        await Expect(option).ToContainTextAsync("·");
        await option.ClickAsync();
        await Expect(author.Locator("[data-test=chosen-reviewer]")).ToContainTextAsync(ReviewerName);
        await author.Locator("[data-test=send-review-request]").ClickAsync();
        await Expect(author.Locator("[data-test=review]")).ToContainTextAsync(ReviewerName);

        // Her bell counts up without a reload; the notification, in Albanian, takes her to the document.
        await Expect(bell).ToHaveAttributeAsync("data-unread", (unreadBefore + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), new() { Timeout = 60_000 });
        await reviewer.Locator("#notification-bell-button").ClickAsync();
        var notification = reviewer.Locator("#notification-panel .notification", new PageLocatorOptions { HasText = name }).First;
        await Expect(notification).ToContainTextAsync("ju kërkon të rishikoni");
        await notification.ClickAsync();
        // It opens the document on its Reviews tab.
        await reviewer.WaitForURLAsync(url => url == documentPage + "?tab=reviews");
        await Expect(reviewer.Locator(".mud-tabs .mud-tab").Nth(2)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-tab-active"));

        // She quotes a passage and comments on it.
        await PortalPages.OpenAsync(reviewer, documentPage);
        // Selecting before the page is interactive would select text that the connected page then replaces.
        await reviewer.Locator("[data-test=preview][data-tracking=true] p").WaitForAsync();
        await SelectAsync(reviewer, "Peja and Ferizaj");
        await ClickUntilAsync(reviewer.Locator("[data-test=quote-selection]"), reviewer.Locator("[data-test=selected-quote]"), "the selected passage to be quoted");
        await reviewer.Locator("textarea[data-test=comment-body], [data-test=comment-body] textarea").First.FillAsync("Add Novi Pazar too.");
        await reviewer.Locator("[data-test=add-comment]").ClickAsync();
        await Expect(reviewer.Locator("[data-test=comment]")).ToContainTextAsync("Peja and Ferizaj");

        // The author uploads v2 and compares it with v1.
        await author.ReloadAsync();
        await author.Locator("[data-test=version-drop][data-ready=true]").WaitForAsync();
        await author.Locator("[data-test=version-input]").SetInputFilesAsync(new FilePayload
        {
            Name = name,
            MimeType = "text/markdown",
            Buffer = Encoding.UTF8.GetBytes("# Findings\n\nRoundtables took place in Peja, Ferizaj and Novi Pazar. Participants asked for more meetings.\n"),
        });
        await Expect(author.Locator("[data-test=document-name]")).ToContainTextAsync("v2");
        await OpenTabAsync(author, 5);
        await author.Locator("[data-test=compare]").ClickAsync();
        await Expect(author.Locator("[data-test=diff-counts]")).ToBeVisibleAsync();
        await Expect(author.Locator("[data-test=diff] ins", new PageLocatorOptions { HasText = "Novi" }).First).ToBeVisibleAsync();

        // The reviewer approves with the keyboard alone, from the notification's link to the Reviews tab.
        await PortalPages.OpenAsync(reviewer, documentPage + "?tab=reviews");
        var approve = reviewer.Locator("[data-test=approve]");
        await KeyboardMoves.TabToAsync(reviewer, approve, "the Approve button");
        await reviewer.Keyboard.PressAsync("Enter");
        // Approving asks first: cancelled, nothing is sent; confirmed, the answer shows.
        var dialog = reviewer.Locator(".mud-dialog");
        await KeyboardMoves.TabToAsync(reviewer, dialog.Locator(".mud-dialog-actions button").First, "the dialog's Cancel button");
        await reviewer.Keyboard.PressAsync("Enter");
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(reviewer.Locator("[data-test=review] .mud-chip-color-success")).ToHaveCountAsync(0);
        await KeyboardMoves.TabToAsync(reviewer, approve, "the Approve button, again");
        await reviewer.Keyboard.PressAsync("Enter");
        await KeyboardMoves.TabToAsync(reviewer, dialog.Locator(".mud-dialog-actions button").Last, "the dialog's Approve button");
        await reviewer.Keyboard.PressAsync("Enter");
        await Expect(reviewer.Locator("[data-test=review] .mud-chip-color-success")).ToHaveCountAsync(1);
    });

    [Fact]
    public Task Refused_files_are_explained_in_the_authors_language_and_nothing_is_listed() => portal.RunAsync(this, output, async author =>
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        await PortalPages.SignInAsync(author, Author);
        await PortalPages.OpenAsync(author, ResearchReport);
        await author.Locator("[data-test=drop-zone][data-ready=true]").WaitForAsync();

        // A program, and a picture that calls itself a PDF: each file of the drop gets its own answer.
        await author.Locator("[data-test=file-input]").SetInputFilesAsync(new[]
        {
            new FilePayload { Name = $"tool-{tag}.exe", MimeType = "application/octet-stream", Buffer = [0x4D, 0x5A, 0x90, 0x00] },
            new FilePayload { Name = $"photo-{tag}.pdf", MimeType = "application/pdf", Buffer = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0] },
        });

        var rows = author.Locator("[data-test=upload-row]");
        await Expect(rows.Filter(new() { HasText = $"tool-{tag}.exe" }).Locator(".mud-alert")).ToContainTextAsync("nuk është lloj skedari që portali e ruan");
        await Expect(rows.Filter(new() { HasText = $"photo-{tag}.pdf" }).Locator(".mud-alert")).ToContainTextAsync("Përmbajtja e skedarit nuk është skedar");
        await Expect(author.GetByRole(AriaRole.Link, new() { Name = $"photo-{tag}.pdf" })).ToHaveCountAsync(0);
        await Expect(author.GetByRole(AriaRole.Link, new() { Name = $"tool-{tag}.exe" })).ToHaveCountAsync(0);
    });


    /// <summary>Tabs answer only once the circuit is connected: click until the tab is the active one.</summary>
    private static async Task OpenTabAsync(IPage page, int index)
    {
        var tab = page.Locator(".mud-tabs .mud-tab").Nth(index);
        var active = tab.And(page.Locator(".mud-tab.mud-tab-active"));
        await UntilShown.ClickAsync(tab, active, $"tab {index} to be the active one");
        await Expect(tab).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-tab-active"));
    }

    private static async Task ClickUntilAsync(ILocator button, ILocator appears, string what)
    {
        await UntilShown.ClickAsync(button, appears, what);
        await Expect(appears).ToBeVisibleAsync();
    }

    /// <summary>Selects <paramref name="passage"/> in the preview, as a mouse drag would.</summary>
    private static Task SelectAsync(IPage page, string passage) => page.EvaluateAsync(@"passage => {
        const root = document.querySelector('[data-test=preview]');
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const at = node.textContent.indexOf(passage);
            if (at >= 0) {
                const range = document.createRange();
                range.setStart(node, at);
                range.setEnd(node, at + passage.length);
                const selection = window.getSelection();
                selection.removeAllRanges();
                selection.addRange(range);
                return;
            }
        }
        throw new Error('passage not found: ' + passage);
    }", passage);
}

/// <summary>The journey on the default set-up: SQLite and blobs in the file system.</summary>
[Collection(PortalInBrowserCollection.Name)]
public sealed class DocumentReviewJourneyTests(PortalInBrowser portal, ITestOutputHelper output) : DocumentReviewJourney(portal, output);

/// <summary>The same journey as production runs: PostgreSQL and Azure Blob Storage (Azurite).</summary>
[Collection(PortalOnPostgreSqlInBrowserCollection.Name)]
public sealed class DocumentReviewJourneyOnPostgreSqlAndAzuriteTests(PortalOnPostgreSqlInBrowser portal, ITestOutputHelper output)
    : DocumentReviewJourney(portal, output);
