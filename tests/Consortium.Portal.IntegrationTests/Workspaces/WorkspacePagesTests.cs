using System.Net;
using Consortium.Portal.Identity;
using Consortium.Portal.IntegrationTests.Host;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Workspaces;

namespace Consortium.Portal.IntegrationTests.Workspaces;

/// <summary>The workspace pages as the server first renders them for a signed-in user (the interactive circuit then takes over).</summary>
public abstract class WorkspacePagesTests<TPortal>(TPortal portal) : IClassFixture<TPortal> where TPortal : PortalAppFactory
{
    [Fact]
    public async Task The_list_shows_the_users_workspaces_with_their_role_and_offers_to_create_one()
    {
        var lead = await portal.NewPersonAsync(PortalRoles.PartnerLead, ConsortiumPartners.Bfpe.Id);
        await lead.Client.CreateWorkspaceAsync("Local roundtable in Gjilan", kind: "Event");

        var text = HostResponses.VisibleText(await (await lead.Client.GetAsync("/workspaces")).PageAsync(HttpStatusCode.OK));

        Assert.Contains("Local roundtable in Gjilan", text);
        Assert.Contains("Owner", text);
        Assert.Contains("New workspace", text);
        // The demo Forum has every partner in it, BFPE too.
        Assert.Contains("Consortium Forum", text);
    }

    [Fact]
    public async Task A_member_without_the_create_permission_is_not_offered_to_create()
    {
        var member = await portal.NewPersonAsync(PortalRoles.Member, ConsortiumPartners.Bfpe.Id);

        var text = HostResponses.VisibleText(await (await member.Client.GetAsync("/workspaces")).PageAsync(HttpStatusCode.OK));

        Assert.Contains("Workspaces", text);
        Assert.DoesNotContain("New workspace", text);
    }

    [Fact]
    public async Task The_workspace_page_shows_its_members_and_activity_tabs_in_the_users_language()
    {
        // BPRG's lead reads the portal in Albanian.
        var lead = await portal.DemoPersonAsync(DemoUsers.LeadOf(ConsortiumPartners.Bprg));
        var workspace = await lead.Client.CreateWorkspaceAsync("Raport i përbashkët hulumtues", description: "Kapitujt dhe rishikimet");

        var html = await (await lead.Client.GetAsync($"/workspaces/{workspace.Id}")).PageAsync(HttpStatusCode.OK);
        var text = HostResponses.VisibleText(html);

        Assert.Contains("Raport i përbashkët hulumtues", text);
        Assert.Contains("Kapitujt dhe rishikimet", text);
        Assert.Contains("Anëtarët", text);
        Assert.Contains("Aktiviteti", text);
        Assert.Contains("Roli juaj: Pronar", text);
        Assert.Contains("Driton Berisha", text);
    }

    [Fact]
    public async Task A_non_member_opening_a_workspace_address_reads_that_it_is_not_there()
    {
        var lead = await portal.NewPersonAsync(PortalRoles.PartnerLead, ConsortiumPartners.Bfpe.Id);
        var workspace = await lead.Client.CreateWorkspaceAsync("Closed preparatory meeting");
        var outsider = await portal.NewPersonAsync(PortalRoles.Member, ConsortiumPartners.Yucom.Id);

        var text = HostResponses.VisibleText(await (await outsider.Client.GetAsync($"/workspaces/{workspace.Id}")).PageAsync(HttpStatusCode.OK));

        Assert.Contains("This workspace does not exist, or you are not one of its members.", text);
        Assert.DoesNotContain("Closed preparatory meeting", text);
    }

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_sign_in()
    {
        var response = await portal.CreatePortalClient().GetAsync("/workspaces");

        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found, $"got {(int)response.StatusCode}");
        Assert.Equal("/account/sign-in", response.Headers.Location?.AbsolutePath);
        Assert.Contains("returnUrl=%2Fworkspaces", response.Headers.Location?.Query);
    }
}

public sealed class WorkspacePagesTests_Sqlite(SqlitePortal portal) : WorkspacePagesTests<SqlitePortal>(portal);

public sealed class WorkspacePagesTests_PostgreSql(PostgreSqlPortal portal) : WorkspacePagesTests<PostgreSqlPortal>(portal);
