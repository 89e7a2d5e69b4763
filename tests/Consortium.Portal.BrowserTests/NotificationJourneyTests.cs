using Consortium.Portal.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Consortium.Portal.BrowserTests;

/// <summary>Two people signed in on two browsers: what one does reaches the other's open page at once.</summary>
[Collection(PortalInBrowserCollection.Name)]
public sealed class NotificationJourneyTests(PortalInBrowser portal, ITestOutputHelper output)
{
    // The demo data set's accounts (README: how to sign in): a partner lead and a member of the same partner.
    private const string Lead = "lead.bprg@demo.portal";
    private const string Member = "member1.bprg@demo.portal";

    [Fact]
    public Task A_members_bell_counts_up_without_reload_when_their_partner_lead_sends_an_announcement() => portal.RunAsync(this, output, async memberPage =>
    {
        await PortalPages.SignInAsync(memberPage, Member);
        await memberPage.WaitForURLAsync(IsAt("/"));
        var bell = memberPage.Locator("#notification-bell");
        await Expect(memberPage.Locator("html")).ToHaveAttributeAsync("data-notifications-connected", "true", new() { Timeout = 90_000 });
        var before = int.Parse(await bell.GetAttributeAsync("data-unread") ?? "0");
        var memberId = await memberPage.EvaluateAsync<string>("async () => (await (await fetch('/api/account/me')).json()).userId");
        await memberPage.EvaluateAsync("() => { window.stillTheSamePage = true; }");

        await using var leadContext = await portal.NewContextAsync();
        var leadPage = await leadContext.NewPageAsync();
        await PortalPages.SignInAsync(leadPage, Lead);
        await leadPage.WaitForURLAsync(IsAt("/"));
        var status = await leadPage.EvaluateAsync<int>(
            """
            async memberId => (await fetch('/api/notifications/announcements', {
                method: 'POST',
                headers: { 'Content-Type': 'application/json' },
                body: JSON.stringify({ subject: 'Roundtable in Gjilan', message: 'Please confirm the speakers by Friday.', recipientIds: [memberId], link: '/notifications' })
            })).status
            """, memberId);

        Assert.Equal(202, status);
        await Expect(bell).ToHaveAttributeAsync("data-unread", (before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), new() { Timeout = 60_000 });
        Assert.True(await memberPage.EvaluateAsync<bool>("() => window.stillTheSamePage === true"));

        await memberPage.Locator("#notification-bell-button").ClickAsync();
        await Expect(memberPage.Locator("#notification-panel")).ToContainTextAsync("Roundtable in Gjilan");
    });


    private static Func<string, bool> IsAt(string path) => url => new Uri(url).AbsolutePath == path;
}
