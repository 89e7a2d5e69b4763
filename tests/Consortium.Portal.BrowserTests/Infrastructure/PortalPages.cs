using System.Collections.Concurrent;
using Microsoft.Playwright;
using OtpNet;

namespace Consortium.Portal.BrowserTests.Infrastructure;

/// <summary>
/// The ways a test reaches a page and waits for it, shared by every test: each of them checks the page with axe once
/// it is ready (<see cref="AccessibilityAudit"/>), so a new test that uses them is audited without asking.
/// </summary>
public static class PortalPages
{
    /// <summary>The demo data set's password (README: how to sign in).</summary>
    public const string DemoPassword = "Demo-Portal-2026!";

    /// <summary>
    /// Waits until the page is ready for a person: loaded, and on interactive pages (the main layout) connected to its
    /// circuit (the layout says <c>data-interactive="true"</c>); then checks it with axe.
    /// </summary>
    public static async Task ReadyAsync(IPage page)
    {
        await page.WaitForLoadStateAsync(LoadState.Load);
        await page.WaitForFunctionAsync(
            "() => !document.querySelector('[data-interactive]') || document.querySelector('[data-interactive=true]')");
        await AccessibilityAudit.CheckAsync(page);
    }

    /// <summary>Goes to <paramref name="path"/> and waits until it is ready (and checked).</summary>
    public static async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await ReadyAsync(page);
    }

    /// <summary>
    /// From the portal's front door, through the real sign-in form (which is checked too), to
    /// <paramref name="landsOn"/> ("/" unless the account has something to do first; null: wherever it goes).
    /// </summary>
    public static async Task SignInAsync(IPage page, string email, string? landsOn = "/")
    {
        await page.GotoAsync("/");
        await page.WaitForURLAsync(IsAt("/account/sign-in"));
        await ReadyAsync(page);
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(DemoPassword);
        await page.Locator("#sign-in").ClickAsync();
        if (landsOn is not null)
        {
            await page.WaitForURLAsync(IsAt(landsOn));
            await ReadyAsync(page);
        }
    }

    // The authenticator keys set up in the test run, per portal and account: a test's own authenticator app.
    private static readonly ConcurrentDictionary<(string Portal, string Email), string> AuthenticatorKeys = new();

    /// <summary>
    /// Signs in an account whose role requires a second factor (the coordinator, an administrator) as its person would:
    /// the first time in the portal's life through the set-up page (the key it shows goes into the test's authenticator,
    /// whose code confirms it), afterwards with the authenticator's current code. Lands on the home page.
    /// </summary>
    public static async Task SignInWithAuthenticatorAsync(IPage page, string email)
    {
        await SignInAsync(page, email, landsOn: null);
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath is "/account/two-factor" or "/account/sign-in-2fa");
        await ReadyAsync(page);
        var portal = new Uri(page.Url).GetLeftPart(UriPartial.Authority);
        if (PathOf(page) == "/account/two-factor")
        {
            var key = (await page.Locator("#shared-key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
            AuthenticatorKeys[(portal, email)] = key;
            await page.Locator("#code").FillAsync(CodeOf(key));
            await page.Locator("#enable").ClickAsync();
            await page.Locator("#recovery-codes").WaitForAsync();
            await ReadyAsync(page);
            await page.Locator("#continue").ClickAsync();
        }
        else
        {
            var key = AuthenticatorKeys.TryGetValue((portal, email), out var known)
                ? known
                : throw new InvalidOperationException($"{email} has an authenticator this test run did not set up.");
            await page.Locator("#code").FillAsync(CodeOf(key));
            await page.Locator("#verify").ClickAsync();
        }
        await page.WaitForURLAsync(IsAt("/"));
        await ReadyAsync(page);
    }

    private static string CodeOf(string key) => new Totp(Base32Encoding.ToBytes(key)).ComputeTotp();

    public static Func<string, bool> IsAt(string path) => url => new Uri(url).AbsolutePath == path;

    public static string PathOf(IPage page) => new Uri(page.Url).AbsolutePath;
}
