using System.Text;
using Consortium.Portal.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Consortium.Portal.BrowserTests;

/// <summary>
/// A comment or reply being written survives the loss of the page's circuit: a reload starts a new circuit, as the
/// browser does when a reconnect fails, and the text typed is there again until it is sent.
/// </summary>
[Collection(PortalInBrowserCollection.Name)]
public sealed class CommentDraftTests(PortalInBrowser portal, ITestOutputHelper output)
{
    private const string Author = "member1.bprg@demo.portal";
    private const string ResearchReport = "/workspaces/2f6a4d8e-3b1c-4c52-9d7e-5a0b8c1e2f31";

    [Fact]
    public Task A_half_written_comment_and_reply_come_back_after_the_circuit_is_lost_and_go_once_sent() => portal.RunAsync(this, output, async page =>
    {
        var name = $"Draft {Guid.NewGuid():N}".Substring(0, 14) + ".md";
        await PortalPages.SignInAsync(page, Author);
        await PortalPages.OpenAsync(page, ResearchReport);
        await page.Locator("[data-test=drop-zone][data-ready=true]").WaitForAsync();
        await page.Locator("[data-test=file-input]").SetInputFilesAsync(new FilePayload
        {
            Name = name, MimeType = "text/markdown", Buffer = Encoding.UTF8.GetBytes("# Draft\n\nThe roundtable in Peja agreed on three points.\n"),
        });
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = name }).ClickAsync();
        await Expect(page.Locator("[data-test=document-name]")).ToContainTextAsync(name);

        // Half a comment, then the circuit is gone.
        var comment = CommentBox(page);
        await page.Locator("[data-draft-key][data-drafting=true]").First.WaitForAsync();
        await comment.FillAsync("The second point needs a source");
        await LoseTheCircuitAsync(page);
        await Expect(CommentBox(page)).ToHaveValueAsync("The second point needs a source");

        // Sent, it is not offered again.
        await CommentBox(page).FillAsync("The second point needs a source.");
        await page.Locator("[data-test=add-comment]").ClickAsync();
        await Expect(page.Locator("[data-test=comment]")).ToContainTextAsync("The second point needs a source.");

        // Half a reply to it, then the circuit is gone again.
        var reply = page.Locator("[data-test=comment] [data-draft-key] input").First;
        await page.Locator("[data-drafting=true] [data-draft-key]").First.WaitForAsync();
        await reply.FillAsync("Agreed, the minutes of");
        await LoseTheCircuitAsync(page);
        await Expect(CommentBox(page)).ToHaveValueAsync("");
        await OpenTabAsync(page, 1);
        await Expect(page.Locator("[data-test=comment] [data-draft-key] input").First).ToHaveValueAsync("Agreed, the minutes of");
        Assert.Equal(1, await page.EvaluateAsync<int>("() => Object.keys(localStorage).filter(k => k.startsWith('consortium-portal:draft:')).length"));
    });

    /// <summary>
    /// Leaves the page's circuit for a new one, as a failed reconnect does. Once the bell has connected: a circuit
    /// ended while the bell is still connecting fails on its own (NotificationFeed.StartAsync).
    /// </summary>
    private static async Task LoseTheCircuitAsync(IPage page)
    {
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-notifications-connected", "true");
        await page.ReloadAsync();
    }

    private static ILocator CommentBox(IPage page) => page.Locator("textarea[data-test=comment-body], [data-test=comment-body] textarea").First;

    /// <summary>Tabs answer only once the circuit is connected: click until the tab is the active one.</summary>
    private static async Task OpenTabAsync(IPage page, int index)
    {
        var tab = page.Locator(".mud-tabs .mud-tab").Nth(index);
        await UntilShown.ClickAsync(tab, tab.And(page.Locator(".mud-tab.mud-tab-active")), $"tab {index} to be the active one");
    }

}
