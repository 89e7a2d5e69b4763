using Consortium.Portal.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Consortium.Portal.BrowserTests;

/// <summary>
/// A form with text not saved asks before it is left: a link within the portal gets the portal's dialog (Stay keeps the
/// text), a reload the browser's own "leave site?" prompt (dismissed, the page and its text stay).
/// </summary>
[Collection(PortalInBrowserCollection.Name)]
public sealed class UnsavedChangesTests(PortalInBrowser portal, ITestOutputHelper output)
{
    private const string Author = "member1.bprg@demo.portal";
    private const string Workspace = "2f6a4d8e-3b1c-4c52-9d7e-5a0b8c1e2f31";

    [Fact]
    public Task A_publication_draft_not_saved_asks_before_a_link_or_a_reload_takes_it_away() => portal.RunAsync(this, output, async page =>
    {
        const string Title = "Town by town: the roundtables";
        var newPublication = $"/publications/new/{Workspace}";
        await PortalPages.SignInAsync(page, Author);
        await PortalPages.OpenAsync(page, newPublication);
        var form = page.Locator("form[aria-label]");
        var title = form.GetByLabel("Titulli", new() { Exact = true });
        await title.FillAsync(Title);

        // Typed, still in the field: the text is only in the browser, and a reload asks all the same.
        await DismissedReloadPromptAsync(page);
        await Expect(title).ToHaveValueAsync(Title);

        // The form's Cancel link is a link within the portal: the dialog asks with the focus on Stay, and Enter (Stay)
        // keeps the page and the text.
        var stay = page.Locator("#unsaved-stay");
        await UntilShown.ClickAsync(form.Locator("a[href]"), stay, "the unsaved-changes dialog");
        await Expect(stay).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(stay).ToBeHiddenAsync();
        Assert.Equal(newPublication, PortalPages.PathOf(page));
        await Expect(title).ToHaveValueAsync(Title);

        // The text on the server now (the field was left): a reload gets the browser's prompt from the page's guard.
        await DismissedReloadPromptAsync(page);
        await Expect(title).ToHaveValueAsync(Title);
    });

    /// <summary>
    /// Reloads the page and dismisses the browser's "leave site?" prompt, which must come; the page is then still the same
    /// one. Started from the page, not with ReloadAsync, which waits for a load that a dismissed prompt never gives.
    /// </summary>
    private static async Task DismissedReloadPromptAsync(IPage page)
    {
        var prompt = new TaskCompletionSource<IDialog>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Heard(object? sender, IDialog dialog) => prompt.TrySetResult(dialog);
        page.Dialog += Heard;
        await page.EvaluateAsync("() => { window.portalPageBeforeReload = true; setTimeout(() => location.reload()); }");
        var asked = await prompt.Task.WaitAsync(UntilShown.Patience);
        page.Dialog -= Heard;
        Assert.Equal("beforeunload", asked.Type);
        await asked.DismissAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => window.portalPageBeforeReload === true"));
    }
}
