using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Consortium.Portal.ProductionTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Consortium.Portal.ProductionTests;

/// <summary>
/// Debian's Chromium (PORTAL_TEST_CHROMIUM, /usr/bin/chromium by default) on the public address through the proxy: the
/// published portal's pages load their fingerprinted scripts, the interactive circuit connects by WebSocket through the
/// proxy, and a document uploaded a moment before is shown. A missing Chromium fails.
/// </summary>
[Collection(ProductionCollection.Name)]
public sealed class BrowserThroughProxyTests(ProductionSite site)
{
    [Fact]
    public async Task A_signed_in_user_opens_an_uploaded_document_in_Chromium_through_the_proxy()
    {
        await site.EnsureWholeAsync();
        using var api = site.NewClient();
        await site.SignInAdministratorAsync(api);
        var created = await api.PostAsJsonAsync("/api/workspaces", new { name = "Review " + Guid.NewGuid().ToString("N")[..8] });
        var workspace = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes("Draft of the joint policy paper\n"));
        content.Headers.ContentType = new("text/plain");
        content.Headers.ContentDisposition = new("attachment") { FileNameStar = "policy-paper-draft.txt" };
        var uploaded = await api.PostAsync($"/api/workspaces/{workspace}/documents", content);
        var document = (await uploaded.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("documentId").GetGuid();

        var chromium = Environment.GetEnvironmentVariable("PORTAL_TEST_CHROMIUM") is { Length: > 0 } c ? c : "/usr/bin/chromium";
        Assert.True(File.Exists(chromium), $"Chromium was not found at {chromium} (PORTAL_TEST_CHROMIUM); build/test.sh installs Debian's chromium.");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            // As root in a container without a GPU; the public host name goes to the proxy on loopback.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic", $"--host-resolver-rules=MAP {ProductionSite.PublicHost} 127.0.0.1"],
        });
        // The proxy's certificate is made for the run; the HttpClient tests check it exactly.
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = site.Origin, IgnoreHTTPSErrors = true });
        var page = await context.NewPageAsync();
        var failures = new List<string>();
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                lock (failures) { failures.Add($"{response.Status} {response.Url}"); }
            }
        };
        // Signed in by the page's own fetch of the sign-in API (the form's two steps have browser tests of their own).
        await page.GotoAsync("/account/sign-in");
        var signedIn = await page.EvaluateAsync<int>(
            "async body => (await fetch('/api/account/sign-in', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).status",
            new { email = ProductionSite.AdminEmail, password = ProductionSite.AdminPassword, twoFactorCode = site.AdministratorCode() });
        Assert.Equal(200, signedIn);

        var circuit = page.WaitForWebSocketAsync(new PageWaitForWebSocketOptions { Predicate = socket => socket.Url.Contains("/_blazor", StringComparison.Ordinal), Timeout = 60_000 });
        await page.GotoAsync($"/documents/{document}");
        var socket = await circuit;

        await Expect(page.Locator(".mud-appbar")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 60_000 });
        await Expect(page.GetByText("policy-paper-draft.txt").First).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 60_000 });
        Assert.StartsWith($"wss://{ProductionSite.PublicHost}:", socket.Url, StringComparison.Ordinal);
        Assert.False(socket.IsClosed, "the circuit's WebSocket closed");
        lock (failures)
        {
            Assert.Empty(failures);
        }
    }
}
