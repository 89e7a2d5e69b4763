using System.Text.RegularExpressions;
using Consortium.Portal.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Consortium.Portal.BrowserTests;

/// <summary>
/// A partner lead sets up a workspace for a joint piece of work, as they would on the demo portal. It runs on the
/// production set-up (PostgreSQL, Azurite): that portal's collection runs beside the SQLite one, and these minutes
/// balance the two.
/// </summary>
[Collection(PortalOnPostgreSqlInBrowserCollection.Name)]
public sealed partial class WorkspaceJourneyTests(PortalOnPostgreSqlInBrowser portal, ITestOutputHelper output)
{
    // Driton Berisha, BPRG's lead; he uses the portal in Albanian.
    private const string Lead = "lead.bprg@demo.portal";

    [Fact]
    public Task Partner_lead_creates_a_workspace_adds_a_partner_and_reads_it_in_the_activity() => portal.RunAsync(this, output, async page =>
    {
        await PortalPages.SignInAsync(page, Lead);
        await PortalPages.OpenAsync(page, "/workspaces");
        var name = page.Locator("input#workspace-name, #workspace-name input").First;
        await UntilVisibleAsync(page.Locator("#new-workspace"), name, "the new workspace form");

        await name.FillAsync("Roundtable in Peja: follow-up");
        await page.Locator("#save-workspace").ClickAsync();
        await page.WaitForURLAsync(WorkspaceAddress());
        await Expect(page.Locator("h1")).ToHaveTextAsync("Roundtable in Peja: follow-up");
        await OpenMembersTabAsync(page);

        var partner = page.Locator("#member-partner").First;
        await UntilVisibleAsync(page.GetByText("Një organizatë", new PageGetByTextOptions { Exact = true }), partner, "the partner choice");
        await partner.ClickAsync();
        await page.GetByText("BCSP — Belgrade Centre for Security Policy").Last.ClickAsync();
        await page.Locator("#add-member").ClickAsync();
        await Expect(page.Locator("#members")).ToContainTextAsync("Belgrade Centre for Security Policy");

        var added = page.GetByText("Driton Berisha shtoi BCSP si Redaktor");
        // The feed stores the line once the outbox delivers it; opening the tab again reads the feed again.
        await UntilShown.NudgeAsync(async () =>
        {
            await page.GetByRole(AriaRole.Tab, new PageGetByRoleOptions { Name = "Anëtarët" }).ClickAsync();
            await page.GetByRole(AriaRole.Tab, new PageGetByRoleOptions { Name = "Aktiviteti" }).ClickAsync();
        }, added, "the activity line of the member added");
        await Expect(added).ToBeVisibleAsync();
        await Expect(page.GetByText("Driton Berisha krijoi hapësirën e punës „Roundtable in Peja: follow-up”")).ToBeVisibleAsync();
    });

    [Fact]
    public Task The_last_owner_stepping_down_is_told_why_not() => portal.RunAsync(this, output, async page =>
    {
        await PortalPages.SignInAsync(page, Lead);
        await PortalPages.OpenAsync(page, "/workspaces");
        var name = page.Locator("input#workspace-name, #workspace-name input").First;
        await UntilVisibleAsync(page.Locator("#new-workspace"), name, "the new workspace form");
        await name.FillAsync("Op-ed on the energy agreement");
        await page.Locator("#save-workspace").ClickAsync();
        await page.WaitForURLAsync(WorkspaceAddress());
        await OpenMembersTabAsync(page);

        var ownRow = page.Locator("#members tr", new PageLocatorOptions { HasText = "Driton Berisha" });
        await ownRow.Locator(".mud-select").First.ClickAsync();
        await page.GetByRole(AriaRole.Option, new PageGetByRoleOptions { Name = "Redaktor" }).ClickAsync();

        await Expect(page.Locator("#members-error")).ToContainTextAsync("Një hapësirë pune duhet të ketë të paktën një pronar.");
        await page.ReloadAsync();
        await OpenMembersTabAsync(page);
        await Expect(ownRow).ToContainTextAsync("Pronar");
    });


    /// <summary>The workspace page opens on its first tab, the documents; the members are on a tab of their own.</summary>
    private static async Task OpenMembersTabAsync(IPage page)
    {
        var tab = page.GetByRole(AriaRole.Tab, new PageGetByRoleOptions { Name = "Anëtarët" });
        await UntilVisibleAsync(tab, page.Locator("#members"), "the members tab");
    }

    /// <summary>Clicks <paramref name="button"/> until <paramref name="shows"/> appears: a click before the circuit connects does nothing.</summary>
    private static Task UntilVisibleAsync(ILocator button, ILocator shows, string what) => UntilShown.ClickAsync(button, shows, what);

    private static Regex WorkspaceAddress() => WorkspaceAddressPattern();

    [GeneratedRegex(@"/workspaces/[0-9a-f-]{36}$")]
    private static partial Regex WorkspaceAddressPattern();
}
