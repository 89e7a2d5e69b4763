using Consortium.Portal.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Consortium.Portal.BrowserTests;

/// <summary>
/// The audit every browser test relies on, checked on its own: on a real portal page, under the portal's
/// Content-Security-Policy, it passes a clean page and fails one that has serious and page-level violations.
/// </summary>
[Collection(PortalInBrowserCollection.Name)]
public sealed class AccessibilityAuditTests(PortalInBrowser portal)
{
    [Fact]
    public async Task A_clean_page_passes_and_the_same_page_with_a_nameless_button_and_no_main_landmark_fails_with_both()
    {
        await using var context = await portal.NewContextAsync();
        var audit = new AccessibilityAudit();
        audit.Watch(context);
        var page = await context.NewPageAsync();

        await PortalPages.OpenAsync(page, "/account/sign-in");
        await audit.FinishAsync();
        Assert.True(audit.Checks >= 1, "axe did not run on the sign-in page");

        // A button with no name (critical) and the page's main landmark taken away (a page-level rule, which axe runs only
        // when it checks the whole document). axe is already in the document: the check reuses it.
        await page.EvaluateAsync("""
            () => {
              document.body.insertAdjacentHTML('beforeend', '<button id="nameless-button" type="button"></button>');
              const main = document.querySelector('main');
              main.replaceWith(...main.childNodes);
            }
            """);
        await AccessibilityAudit.CheckAsync(page);

        var failure = await Assert.ThrowsAsync<AccessibilityViolationsException>(audit.FinishAsync);
        Assert.Contains("critical button-name on /account/sign-in: #nameless-button", failure.Message);
        Assert.Contains("landmark-one-main on /account/sign-in", failure.Message);
    }
}
