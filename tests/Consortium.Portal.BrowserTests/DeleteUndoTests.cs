using System.Text;
using Consortium.Portal.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Consortium.Portal.BrowserTests;

/// <summary>Deleting a document says where it went and offers to take it back at once.</summary>
[Collection(PortalInBrowserCollection.Name)]
public sealed class DeleteUndoTests(PortalInBrowser portal, ITestOutputHelper output)
{
    private const string DemoPassword = "Demo-Portal-2026!";
    private const string Author = "member1.bprg@demo.portal";
    private const string ResearchReport = "/workspaces/2f6a4d8e-3b1c-4c52-9d7e-5a0b8c1e2f31";

    [Fact]
    public Task A_deleted_document_comes_back_with_the_snackbars_undo() => portal.RunAsync(this, output, async page =>
    {
        var name = $"Undo {Guid.NewGuid():N}".Substring(0, 13) + ".md";
        await PortalPages.SignInAsync(page, Author);
        await PortalPages.OpenAsync(page, ResearchReport);
        await page.Locator("[data-test=drop-zone][data-ready=true]").WaitForAsync();
        await page.Locator("[data-test=file-input]").SetInputFilesAsync(new FilePayload { Name = name, MimeType = "text/markdown", Buffer = Encoding.UTF8.GetBytes("Deleted by mistake.\n") });
        var link = page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = name });
        await Expect(link).ToBeVisibleAsync();

        await page.Locator("[data-test=documents] tr", new PageLocatorOptions { HasText = name }).Locator("[data-test=delete-document]").ClickAsync();
        await Expect(link).ToHaveCountAsync(0);
        // The first of the snackbar's buttons is its action; the last closes it.
        await page.Locator(".mud-snackbar").GetByRole(AriaRole.Button).First.ClickAsync();

        await Expect(link).ToBeVisibleAsync();
    });
}
