using Consortium.Portal.Identity;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Workspaces;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.IntegrationTests.Workspaces;

/// <summary>
/// The access check as another module asks it, from a background job (nobody signed in): who the user is comes from the
/// Identity module's directory, memberships from the database.
/// </summary>
public abstract class WorkspaceAccessTests<TPortal>(TPortal portal) : IClassFixture<TPortal> where TPortal : PortalAppFactory
{
    private async Task<T> AskAsync<T>(Func<IWorkspaceAccess, Task<T>> question)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await question(scope.ServiceProvider.GetRequiredService<IWorkspaceAccess>());
    }

    [Fact]
    public async Task Partner_staff_are_members_through_their_organisation_and_a_guest_only_directly()
    {
        var lead = await portal.NewPersonAsync(PortalRoles.PartnerLead, ConsortiumPartners.Bfpe.Id);
        var workspace = await lead.Client.CreateWorkspaceAsync("Roundtable in North Mitrovica");
        await lead.Client.AddMemberAsync(workspace.Id, WorkspaceRole.Editor, partnerId: ConsortiumPartners.Aktiv.Id);
        var aktivMember = await portal.UserIdAsync(DemoUsers.MemberOf(ConsortiumPartners.Aktiv));
        var aktivGuest = await portal.CreateUserAsync($"guest.{Guid.NewGuid():N}@example.org", PortalRoles.Guest, ConsortiumPartners.Aktiv.Id, password: null);
        var yucomMember = await portal.UserIdAsync(DemoUsers.MemberOf(ConsortiumPartners.Yucom));

        Assert.True(await AskAsync(a => a.CanAsync(workspace.Id, aktivMember, WorkspaceAction.Edit)));
        Assert.Equal(WorkspaceRole.Editor, await AskAsync(a => a.GetRoleAsync(workspace.Id, aktivMember)));
        Assert.False(await AskAsync(a => a.CanAsync(workspace.Id, aktivGuest, WorkspaceAction.View)));
        Assert.False(await AskAsync(a => a.CanAsync(workspace.Id, yucomMember, WorkspaceAction.View)));
        Assert.Contains(workspace.Id, await AskAsync(a => a.GetVisibleWorkspaceIdsAsync(aktivMember)));
        Assert.DoesNotContain(workspace.Id, await AskAsync(a => a.GetVisibleWorkspaceIdsAsync(aktivGuest)));
    }

    [Fact]
    public async Task A_workspace_is_told_by_its_name_and_one_that_does_not_exist_by_none()
    {
        var lead = await portal.NewPersonAsync(PortalRoles.PartnerLead, ConsortiumPartners.Bfpe.Id);
        var workspace = await lead.Client.CreateWorkspaceAsync("Peer visit to Gjilan");

        Assert.Equal("Peer visit to Gjilan", await AskAsync(a => a.GetNameAsync(workspace.Id)));
        Assert.Null(await AskAsync(a => a.GetNameAsync(Guid.NewGuid())));
    }

    [Fact]
    public async Task Members_are_listed_person_by_person_with_the_role_each_has()
    {
        var lead = await portal.NewPersonAsync(PortalRoles.PartnerLead, ConsortiumPartners.Bfpe.Id);
        var workspace = await lead.Client.CreateWorkspaceAsync("Training for youth organisations, Novi Pazar");
        await lead.Client.AddMemberAsync(workspace.Id, WorkspaceRole.Reviewer, partnerId: ConsortiumPartners.Yucom.Id);
        var yucomLead = await portal.UserIdAsync(DemoUsers.LeadOf(ConsortiumPartners.Yucom));
        await lead.Client.AddMemberAsync(workspace.Id, WorkspaceRole.Editor, userId: yucomLead);

        var everyone = await AskAsync(a => a.GetMembersAsync(workspace.Id));
        var editors = await AskAsync(a => a.GetMembersAsync(workspace.Id, WorkspaceRole.Editor));

        Assert.Equal(WorkspaceRole.Owner, everyone.Single(m => m.UserId == lead.Id).Role);
        Assert.Equal((WorkspaceRole.Editor, (Guid?)null), everyone.Where(m => m.UserId == yucomLead).Select(m => (m.Role, m.ViaPartnerOrganisationId)).Single());
        var yucomStaff = everyone.Where(m => m.ViaPartnerOrganisationId == ConsortiumPartners.Yucom.Id).ToList();
        Assert.Equal(2, yucomStaff.Count);
        Assert.All(yucomStaff, m => Assert.Equal(WorkspaceRole.Reviewer, m.Role));
        Assert.Equal(new[] { lead.Id, yucomLead }.Order(), editors.Select(m => m.UserId).Order());
    }

    [Fact]
    public async Task A_member_demoted_or_removed_is_answered_anew_at_once_though_the_members_were_just_read()
    {
        var lead = await portal.NewPersonAsync(PortalRoles.PartnerLead, ConsortiumPartners.Bfpe.Id);
        var workspace = await lead.Client.CreateWorkspaceAsync("Op-ed series on the dialogue");
        var editor = await portal.UserIdAsync(DemoUsers.LeadOf(ConsortiumPartners.Yucom));
        var viewer = await portal.UserIdAsync(DemoUsers.MemberOf(ConsortiumPartners.Aktiv));
        await lead.Client.AddMemberAsync(workspace.Id, WorkspaceRole.Editor, userId: editor);
        var members = await lead.Client.AddMemberAsync(workspace.Id, WorkspaceRole.Viewer, userId: viewer);
        // Both answers are now remembered for a few seconds (WorkspaceSnapshots).
        Assert.True(await AskAsync(a => a.CanAsync(workspace.Id, editor, WorkspaceAction.Edit)));
        Assert.True(await AskAsync(a => a.CanAsync(workspace.Id, viewer, WorkspaceAction.View)));

        var editorMembership = members.Members.Single(m => m.UserId == editor).Id;
        var demoted = await lead.Client.PutAsJsonAsync($"/api/workspaces/{workspace.Id}/members/{editorMembership}",
            new { role = nameof(WorkspaceRole.Viewer), concurrencyStamp = members.ConcurrencyStamp }, SignIn.Json);
        Assert.Equal(HttpStatusCode.OK, demoted.StatusCode);
        Assert.False(await AskAsync(a => a.CanAsync(workspace.Id, editor, WorkspaceAction.Edit)));

        var stamp = (await lead.Client.MembersAsync(workspace.Id)).ConcurrencyStamp;
        var viewerMembership = members.Members.Single(m => m.UserId == viewer).Id;
        var removed = await lead.Client.DeleteAsync($"/api/workspaces/{workspace.Id}/members/{viewerMembership}?concurrencyStamp={stamp}");
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.False(await AskAsync(a => a.CanAsync(workspace.Id, viewer, WorkspaceAction.View)));
    }

    [Fact]
    public async Task The_coordinator_may_manage_a_workspace_they_are_not_a_member_of()
    {
        var lead = await portal.NewPersonAsync(PortalRoles.PartnerLead, ConsortiumPartners.Bfpe.Id);
        var workspace = await lead.Client.CreateWorkspaceAsync();
        var coordinator = await portal.UserIdAsync(DemoUsers.Coordinator);

        Assert.True(await AskAsync(a => a.CanAsync(workspace.Id, coordinator, WorkspaceAction.Manage)));
        Assert.Null(await AskAsync(a => a.GetRoleAsync(workspace.Id, coordinator)));
    }
}

public sealed class WorkspaceAccessTests_Sqlite(SqlitePortal portal) : WorkspaceAccessTests<SqlitePortal>(portal);

public sealed class WorkspaceAccessTests_PostgreSql(PostgreSqlPortal portal) : WorkspaceAccessTests<PostgreSqlPortal>(portal);
