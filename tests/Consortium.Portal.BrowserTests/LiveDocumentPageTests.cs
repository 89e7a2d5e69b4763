using System.Text;
using Consortium.Portal.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Consortium.Portal.BrowserTests;

/// <summary>
/// Two people on one document's page: what one does (lock, new version, comment, unlock) appears on the other's page
/// without a reload.
/// </summary>
[Collection(PortalInBrowserCollection.Name)]
public sealed class LiveDocumentPageTests(PortalInBrowser portal, ITestOutputHelper output)
{
    private const string DemoPassword = "Demo-Portal-2026!";
    private const string Author = "member1.bprg@demo.portal";
    private const string Colleague = "member2.bprg@demo.portal";
    private const string ResearchReport = "/workspaces/2f6a4d8e-3b1c-4c52-9d7e-5a0b8c1e2f31";

    [Fact]
    public Task A_colleague_sees_the_lock_a_new_version_and_a_comment_appear_without_reloading() => portal.RunAsync(this, output, async author =>
    {
        var name = $"Live {Guid.NewGuid():N}".Substring(0, 13) + ".md";
        await PortalPages.SignInAsync(author, Author);
        await PortalPages.OpenAsync(author, ResearchReport);
        await author.Locator("[data-test=drop-zone][data-ready=true]").WaitForAsync();
        await author.Locator("[data-test=file-input]").SetInputFilesAsync(new FilePayload
        {
            Name = name, MimeType = "text/markdown", Buffer = Encoding.UTF8.GetBytes("# Live\n\nThe forum meets in Novi Pazar.\n"),
        });
        await author.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = name }).ClickAsync();
        await Expect(author.Locator("[data-test=document-name]")).ToContainTextAsync(name);

        await using var colleagueContext = await portal.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = portal.Portal.BaseAddress.ToString(), Locale = "en-GB", TimezoneId = "Europe/Belgrade",
        });
        var colleague = await colleagueContext.NewPageAsync();
        await PortalPages.SignInAsync(colleague, Colleague);
        await PortalPages.OpenAsync(colleague, author.Url);
        await Expect(colleague.Locator("[data-test=document-name]")).ToContainTextAsync("v1");
        // The colleague's page listens to the document; a mark on the page tells whether it was ever reloaded.
        await Expect(colleague.Locator("html")).ToHaveAttributeAsync("data-live-watching", "1");
        await colleague.EvaluateAsync("() => { window.sameLivePage = true; }");

        // The author checks the document out: the colleague sees the lock.
        await UntilShown.ClickAsync(author.Locator("[data-test=lock-button]"), author.Locator("[data-test=lock]"), "the lock banner");
        await Expect(colleague.Locator("[data-test=lock]")).ToBeVisibleAsync();
        await Expect(colleague.Locator("[data-test=version-drop]")).ToHaveCountAsync(0);

        // A new version.
        await author.Locator("[data-test=version-drop][data-ready=true]").WaitForAsync();
        await author.Locator("[data-test=version-input]").SetInputFilesAsync(new FilePayload
        {
            Name = name, MimeType = "text/markdown", Buffer = Encoding.UTF8.GetBytes("# Live\n\nThe forum meets in Kraljevo.\n"),
        });
        await Expect(colleague.Locator("[data-test=document-name]")).ToContainTextAsync("v2");
        await Expect(colleague.Locator(".mud-tabs")).ToContainTextAsync("Kraljevo");

        // A comment.
        await author.Locator("[data-draft-key][data-drafting=true]").First.WaitForAsync();
        await author.Locator("textarea[data-test=comment-body], [data-test=comment-body] textarea").First.FillAsync("Kraljevo is confirmed.");
        await author.Locator("[data-test=add-comment]").ClickAsync();
        await Expect(colleague.Locator(".mud-tabs .mud-tab").Nth(1)).ToContainTextAsync("(1)");

        // The lock released: the colleague may upload again.
        await UntilShown.ClickAsync(author.Locator("[data-test=lock] button"), author.Locator("[data-test=lock-button]"), "the lock button");
        await Expect(colleague.Locator("[data-test=lock]")).ToHaveCountAsync(0);
        await Expect(colleague.Locator("[data-test=version-drop]")).ToHaveCountAsync(1);

        Assert.True(await colleague.EvaluateAsync<bool>("() => window.sameLivePage === true"));
    });
}
