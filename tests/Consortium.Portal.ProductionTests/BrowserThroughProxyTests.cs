using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Consortium.Portal.ProductionTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Consortium.Portal.ProductionTests;

/// <summary>
/// Debian's Chromium (PORTAL_TEST_CHROMIUM, /usr/bin/chromium by default) on the public address through the proxy: the
/// published portal's pages load their fingerprinted scripts, the interactive circuits connect by WebSocket through the
/// proxy, and the review of a document goes from its author to a reviewer in another browser and back, each seeing the
/// other's step without a reload. A missing Chromium fails.
/// </summary>
[Collection(ProductionCollection.Name)]
public sealed partial class BrowserThroughProxyTests(ProductionSite site)
{
    private const string ReviewerPassword = "Reviewer-Shape-2026!";

    [Fact]
    public async Task An_author_and_a_reviewer_take_a_document_through_review_in_Chromium_through_the_proxy()
    {
        await site.EnsureWholeAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var reviewerName = $"Mimoza Hyseni {tag}";
        var reviewerEmail = $"reviewer-{tag}@consortium.test";

        // The administrator (the author) makes a workspace with a draft in it, and invites the reviewer by e-mail.
        using var api = site.NewClient();
        await site.SignInAdministratorAsync(api);
        var created = await api.PostAsJsonAsync("/api/workspaces", new { name = "Review " + tag });
        var workspaceJson = await created.Content.ReadFromJsonAsync<JsonElement>();
        var workspace = workspaceJson.GetProperty("id").GetGuid();
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes("Draft of the joint policy paper\n"));
        content.Headers.ContentType = new("text/plain");
        content.Headers.ContentDisposition = new("attachment") { FileNameStar = "policy-paper-draft.txt" };
        var uploaded = await api.PostAsync($"/api/workspaces/{workspace}/documents", content);
        var document = (await uploaded.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("documentId").GetGuid();
        // Members belong to a partner organisation: a partner of the run's own.
        var partnerMade = await api.PostAsJsonAsync("/api/identity/partners", new { shortName = "KCSS" + tag, name = "Kosovar Centre " + tag, side = "Kosovo" });
        Assert.True(partnerMade.StatusCode == HttpStatusCode.Created, $"creating a partner: {(int)partnerMade.StatusCode} {await partnerMade.Content.ReadAsStringAsync()}");
        var partner = (await partnerMade.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var invited = await api.PostAsJsonAsync("/api/identity/invitations",
            new { email = reviewerEmail, displayName = reviewerName, role = "Member", partnerOrganisationId = partner });
        Assert.True(invited.StatusCode == HttpStatusCode.Created, $"inviting: {(int)invited.StatusCode} {await invited.Content.ReadAsStringAsync()}");
        var link = await Eventually.GetAsync(() => Task.FromResult(InvitationLink(reviewerEmail)), l => l is not null, "the invitation e-mail");

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
        var failures = new List<string>();
        // The two browsers on different instances, so that each sees the other's step through the Redis backplane.
        var (authorContext, author, authorInstance) = await ContextOnAsync(browser, failures, notOn: null);
        await using var _ = authorContext;
        var (reviewerContext, reviewer, reviewerInstance) = await ContextOnAsync(browser, failures, notOn: authorInstance);
        await using var __ = reviewerContext;
        Assert.NotEqual(authorInstance, reviewerInstance);

        // The reviewer accepts the invitation, choosing her password, and signs in.
        await reviewer.GotoAsync(link!);
        await reviewer.Locator("#password").FillAsync(ReviewerPassword);
        await reviewer.Locator("#confirm-password").FillAsync(ReviewerPassword);
        await reviewer.Locator("#accept").ClickAsync();
        await Expect(reviewer.Locator("#invitation-accepted")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 60_000 });
        Assert.Equal(200, await SignInAsync(reviewer, new { email = reviewerEmail, password = ReviewerPassword }));
        var reviewerId = await reviewer.EvaluateAsync<string>("async () => (await (await fetch('/api/account/me')).json()).userId");
        var added = await api.PostAsJsonAsync($"/api/workspaces/{workspace}/members",
            new { userId = Guid.Parse(reviewerId), role = "Reviewer", concurrencyStamp = workspaceJson.GetProperty("concurrencyStamp").GetGuid() });
        Assert.True(added.IsSuccessStatusCode, $"adding the reviewer: {(int)added.StatusCode} {await added.Content.ReadAsStringAsync()}");

        // The reviewer looks at the document's page; the author opens it too, its circuit a WebSocket through the proxy.
        await reviewer.GotoAsync($"/documents/{document}?tab=reviews");
        await Expect(reviewer.Locator("html")).ToHaveAttributeAsync("data-notifications-connected", "true", new() { Timeout = 90_000 });
        Assert.Equal(200, await SignInAsync(author, new { email = ProductionSite.AdminEmail, password = ProductionSite.AdminPassword, twoFactorCode = site.AdministratorCode() }));
        var circuit = author.WaitForWebSocketAsync(new PageWaitForWebSocketOptions { Predicate = socket => socket.Url.Contains("/_blazor", StringComparison.Ordinal), Timeout = 60_000 });
        await author.GotoAsync($"/documents/{document}");
        var socket = await circuit;
        await Expect(author.Locator(".mud-appbar")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 60_000 });
        await Expect(author.GetByText("policy-paper-draft.txt").First).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 60_000 });

        // The author asks her for a review: the picker searches by name.
        await OpenTabAsync(author, 2);
        await author.Locator("input[data-test=reviewer-search], [data-test=reviewer-search] input").First.FillAsync(tag);
        var option = author.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasText = reviewerName });
        await option.ClickAsync();
        await Expect(author.Locator("[data-test=chosen-reviewer]")).ToContainTextAsync(reviewerName);
        await author.Locator("[data-test=send-review-request]").ClickAsync();
        await Expect(author.Locator("[data-test=review]")).ToContainTextAsync(reviewerName);

        // The reviewer's bell counts the request without a reload (the push comes from the other instance), and
        // her open page shows the request to answer: she approves, confirming.
        await Expect(reviewer.Locator("#notification-bell")).ToHaveAttributeAsync("data-unread", "1", new() { Timeout = 60_000 });
        await Expect(reviewer.Locator("[data-test=approve]")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 60_000 });
        await reviewer.Locator("[data-test=approve]").ClickAsync();
        await reviewer.Locator(".mud-dialog .mud-dialog-actions button").Last.ClickAsync();
        await Expect(reviewer.Locator("[data-test=review] .mud-chip-color-success")).ToHaveCountAsync(1);

        // The author's page shows the approval without a reload.
        await Expect(author.Locator("[data-test=review] .mud-chip-color-success")).ToHaveCountAsync(1, new() { Timeout = 60_000 });
        Assert.StartsWith($"wss://{ProductionSite.PublicHost}:", socket.Url, StringComparison.Ordinal);
        Assert.False(socket.IsClosed, "the author's circuit WebSocket closed");
        lock (failures)
        {
            Assert.Empty(failures);
        }
    }

    /// <summary>A new browser context whose affinity cookie keeps it off <paramref name="notOn"/> (new ones take the instances in turn).</summary>
    private async Task<(IBrowserContext Context, IPage Page, string Instance)> ContextOnAsync(IBrowser browser, List<string> failures, string? notOn)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            // The proxy's certificate is made for the run; the HttpClient tests check it exactly.
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = site.Origin, IgnoreHTTPSErrors = true });
            var page = await NewPageAsync(context, failures);
            var answer = await page.GotoAsync("/health/live");
            var instance = answer?.Headers.GetValueOrDefault(ProductionProxy.InstanceHeader.ToLowerInvariant());
            if (instance is not null && instance != notOn)
            {
                return (context, page, instance);
            }
            await context.DisposeAsync();
        }
        throw new InvalidOperationException($"No new browser context was placed off instance {notOn} in 10 tries.");
    }

    private static async Task<IPage> NewPageAsync(IBrowserContext context, List<string> failures)
    {
        var page = await context.NewPageAsync();
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                lock (failures) { failures.Add($"{response.Status} {response.Url}"); }
            }
        };
        return page;
    }

    /// <summary>Signs in by the page's own fetch of the sign-in API (the form's two steps have browser tests of their own).</summary>
    private static async Task<int> SignInAsync(IPage page, object body)
    {
        if (!page.Url.Contains("/account/", StringComparison.Ordinal))
        {
            await page.GotoAsync("/account/sign-in");
        }
        return await page.EvaluateAsync<int>(
            "async body => (await fetch('/api/account/sign-in', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).status",
            body);
    }

    /// <summary>The accept link of the invitation the site's SMTP server received for <paramref name="email"/>.</summary>
    private string? InvitationLink(string email)
    {
        foreach (var message in site.Smtp.Messages)
        {
            if (message.To.Mailboxes.Any(m => string.Equals(m.Address, email, StringComparison.OrdinalIgnoreCase))
                && AcceptLink().Match(message.TextBody ?? message.HtmlBody ?? "") is { Success: true } found)
            {
                return WebUtility.HtmlDecode(found.Value);
            }
        }
        return null;
    }

    /// <summary>Tabs answer only once the circuit is connected: click until the tab is the active one.</summary>
    private static async Task OpenTabAsync(IPage page, int index)
    {
        var tab = page.Locator(".mud-tabs .mud-tab").Nth(index);
        await Eventually.TrueAsync(async () =>
        {
            if (await tab.GetAttributeAsync("class") is { } classes && classes.Contains("mud-tab-active", StringComparison.Ordinal))
            {
                return true;
            }
            await tab.ClickAsync();
            return false;
        }, $"tab {index} to be the active one");
    }

    [GeneratedRegex(@"https://[^\s""'<>]+/account/accept-invitation\?token=[^\s""'<>]+")]
    private static partial Regex AcceptLink();
}
