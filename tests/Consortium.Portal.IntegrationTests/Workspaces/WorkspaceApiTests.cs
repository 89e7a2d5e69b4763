using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Consortium.Portal.Identity;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Platform;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Workspaces;
using Consortium.Portal.Workspaces.Application;
using Consortium.Portal.Workspaces.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.IntegrationTests.Workspaces;

public abstract class WorkspaceApiTests<TPortal>(TPortal portal) : IClassFixture<TPortal> where TPortal : PortalAppFactory
{
    private const string Api = WorkspaceTestKit.Api;

    private Task<TestPerson> LeadAsync() => portal.NewPersonAsync(PortalRoles.PartnerLead, ConsortiumPartners.Bfpe.Id);

    [Fact]
    public async Task A_partner_lead_creates_a_workspace_and_becomes_its_owner()
    {
        var lead = await LeadAsync();

        var response = await lead.Client.PostAsJsonAsync(Api,
            new { name = "  Local roundtable in Peja ", description = "Agenda and invitations", kind = "Event" }, SignIn.Json);
        var created = (await response.Content.ReadFromJsonAsync<WorkspaceDetailsDto>(SignIn.Json))!;
        var members = await lead.Client.MembersAsync(created.Id);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"{Api}/{created.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(("Local roundtable in Peja", WorkspaceKind.Event, WorkspaceRole.Owner), (created.Name, created.Kind, created.MyRole));
        Assert.Equal(Enum.GetValues<WorkspaceAction>(), created.AllowedActions);
        var owner = Assert.Single(members.Members);
        Assert.Equal((lead.Id, WorkspaceRole.Owner, "Test PartnerLead"), (owner.UserId!.Value, owner.Role, owner.Name));
    }

    [Fact]
    public async Task A_member_without_the_create_permission_is_refused_with_403()
    {
        var member = await portal.NewPersonAsync(PortalRoles.Member, ConsortiumPartners.D4D.Id);

        var response = await member.Client.PostAsJsonAsync(Api, new { name = "Unofficial workspace" }, SignIn.Json);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Bad_input_is_a_400_with_an_error_per_field_and_nothing_is_created()
    {
        var lead = await LeadAsync();

        var response = await lead.Client.PostAsJsonAsync(Api,
            new { name = new string('x', WorkspaceConsts.MaxNameLength + 1), description = new string('d', WorkspaceConsts.MaxDescriptionLength + 1), kind = "Picnic" }, SignIn.Json);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(SignIn.Json);
        var mine = await lead.Client.GetFromJsonAsync<List<WorkspaceSummaryDto>>($"{Api}?mine=true&archived=all", SignIn.Json);
        await using var scope = portal.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<WorkspacesDbContext>().Workspaces.CountAsync(w => w.CreatedBy == lead.Id);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = problem.GetProperty("errors");
        Assert.Equal(["description", "kind", "name"], errors.EnumerateObject().Select(e => e.Name).Order());
        Assert.Contains("200", errors.GetProperty("name")[0].GetString());
        Assert.DoesNotContain(mine!, w => w.Name.StartsWith("xxx", StringComparison.Ordinal));
        Assert.Equal(0, created);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Line one\nline two")]
    public async Task A_rename_to_an_empty_or_control_character_name_is_refused_and_the_name_stays(string name)
    {
        var lead = await LeadAsync();
        var workspace = await lead.Client.CreateWorkspaceAsync("Op-ed: EU facilitation after 2025");

        var response = await lead.Client.PutAsJsonAsync($"{Api}/{workspace.Id}", new { name, concurrencyStamp = workspace.ConcurrencyStamp }, SignIn.Json);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(SignIn.Json)).GetProperty("errors");
        var after = await lead.Client.GetWorkspaceAsync(workspace.Id);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.Equal(("Op-ed: EU facilitation after 2025", workspace.ConcurrencyStamp), (after.Name, after.ConcurrencyStamp));
    }

    [Fact]
    public async Task A_write_without_the_concurrency_stamp_is_a_field_error()
    {
        var lead = await LeadAsync();
        var workspace = await lead.Client.CreateWorkspaceAsync();

        var response = await lead.Client.PostAsJsonAsync($"{Api}/{workspace.Id}/archive", new { }, SignIn.Json);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(SignIn.Json)).GetProperty("errors");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("The concurrency stamp of the version you read is missing: send it with the change.",
            errors.GetProperty("concurrencyStamp")[0].GetString());
        Assert.False((await lead.Client.GetWorkspaceAsync(workspace.Id)).IsArchived);
    }

    [Fact]
    public async Task A_rename_with_the_stamp_read_is_saved_and_renews_the_stamp()
    {
        var lead = await LeadAsync();
        var workspace = await lead.Client.CreateWorkspaceAsync("Research report draft");

        var response = await lead.Client.PutAsJsonAsync($"{Api}/{workspace.Id}",
            new { name = "Research report: Kosovo Serbs' perspective", kind = "ResearchReport", concurrencyStamp = workspace.ConcurrencyStamp }, SignIn.Json);
        var saved = (await response.Content.ReadFromJsonAsync<WorkspaceDetailsDto>(SignIn.Json))!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("Research report: Kosovo Serbs' perspective", WorkspaceKind.ResearchReport), (saved.Name, saved.Kind));
        Assert.NotEqual(workspace.ConcurrencyStamp, saved.ConcurrencyStamp);
    }

    [Fact]
    public async Task A_stale_rename_is_a_409_and_the_first_writer_wins()
    {
        var lead = await LeadAsync();
        var coordinator = await portal.AsAsync(DemoUsers.Coordinator);
        var workspace = await lead.Client.CreateWorkspaceAsync("Forum meeting, March");

        var first = await coordinator.PutAsJsonAsync($"{Api}/{workspace.Id}", new { name = "Forum meeting, April", concurrencyStamp = workspace.ConcurrencyStamp }, SignIn.Json);
        var stale = await lead.Client.PutAsJsonAsync($"{Api}/{workspace.Id}", new { name = "Forum meeting, May", concurrencyStamp = workspace.ConcurrencyStamp }, SignIn.Json);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("Workspace.Stale", await stale.ProblemCodeAsync());
        Assert.Equal("Forum meeting, April", (await lead.Client.GetWorkspaceAsync(workspace.Id)).Name);
    }

    [Fact]
    public async Task A_member_change_on_a_stale_stamp_is_a_409_and_adds_no_one()
    {
        var lead = await LeadAsync();
        var workspace = await lead.Client.CreateWorkspaceAsync();
        await lead.Client.AddMemberAsync(workspace.Id, WorkspaceRole.Editor, partnerId: ConsortiumPartners.Bcsp.Id);
        var latecomer = await portal.CreateUserAsync($"late.{Guid.NewGuid():N}@example.org", PortalRoles.Member, ConsortiumPartners.Kcss.Id, password: null);

        var response = await lead.Client.PostAsJsonAsync($"{Api}/{workspace.Id}/members",
            new { userId = latecomer, role = "Viewer", concurrencyStamp = workspace.ConcurrencyStamp }, SignIn.Json);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.DoesNotContain((await lead.Client.MembersAsync(workspace.Id)).Members, m => m.UserId == latecomer);
    }

    [Fact]
    public async Task A_non_member_guessing_an_id_gets_404_like_for_a_missing_one_and_the_attempt_is_audited()
    {
        var lead = await LeadAsync();
        var workspace = await lead.Client.CreateWorkspaceAsync("Joint statement on the Brussels agreement");
        var outsider = await portal.NewPersonAsync(PortalRoles.Member, ConsortiumPartners.Yucom.Id);

        var guessed = await outsider.Client.GetAsync($"{Api}/{workspace.Id}");
        var missing = await outsider.Client.GetAsync($"{Api}/{Guid.NewGuid()}");
        var rename = await outsider.Client.PutAsJsonAsync($"{Api}/{workspace.Id}", new { name = "Mine now", concurrencyStamp = workspace.ConcurrencyStamp }, SignIn.Json);

        Assert.Equal(HttpStatusCode.NotFound, guessed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, rename.StatusCode);
        Assert.Equal(await WithoutRequestDetailsAsync(missing), await WithoutRequestDetailsAsync(guessed));
        Assert.Equal("Joint statement on the Brussels agreement", (await lead.Client.GetWorkspaceAsync(workspace.Id)).Name);
        var refusals = await RefusalsAsync(outsider.Id, workspace.Id);
        Assert.Equal(["update: not-a-member", "view: not-a-member"], refusals.Order());
    }

    [Fact]
    public async Task A_viewer_who_tries_to_rename_gets_403_and_the_attempt_is_audited()
    {
        var lead = await LeadAsync();
        var workspace = await lead.Client.CreateWorkspaceAsync("Workshop for women's organisations, Ferizaj");
        var viewer = await portal.NewPersonAsync(PortalRoles.Member, ConsortiumPartners.D4D.Id);
        var members = await lead.Client.AddMemberAsync(workspace.Id, WorkspaceRole.Viewer, userId: viewer.Id);

        var response = await viewer.Client.PutAsJsonAsync($"{Api}/{workspace.Id}", new { name = "Viewer's title", concurrencyStamp = members.ConcurrencyStamp }, SignIn.Json);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(["update: role-below-Owner"], await RefusalsAsync(viewer.Id, workspace.Id));
    }

    [Fact]
    public async Task The_last_owner_can_neither_leave_nor_step_down()
    {
        var lead = await LeadAsync();
        var workspace = await lead.Client.CreateWorkspaceAsync();
        var members = await lead.Client.MembersAsync(workspace.Id);
        var owner = Assert.Single(members.Members);

        var remove = await lead.Client.DeleteAsync($"{Api}/{workspace.Id}/members/{owner.Id}?concurrencyStamp={members.ConcurrencyStamp}");
        var demote = await lead.Client.PutAsJsonAsync($"{Api}/{workspace.Id}/members/{owner.Id}",
            new { role = "Editor", concurrencyStamp = members.ConcurrencyStamp }, SignIn.Json);
        var problem = await remove.Content.ReadFromJsonAsync<JsonElement>(SignIn.Json);

        Assert.Equal(HttpStatusCode.BadRequest, remove.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, demote.StatusCode);
        Assert.Equal("Error.LastOwner", problem.GetProperty("code").GetString());
        Assert.Equal("Error.LastOwner", await demote.ProblemCodeAsync());
        Assert.Equal("A workspace must keep at least one owner. Make another person an owner first.", problem.GetProperty("detail").GetString());
        Assert.Equal(WorkspaceRole.Owner, Assert.Single((await lead.Client.MembersAsync(workspace.Id)).Members).Role);
    }

    [Fact]
    public async Task The_refusal_is_told_in_the_language_the_caller_chose()
    {
        // Driton Berisha, BPRG's lead, uses the portal in Albanian.
        var lead = await portal.DemoPersonAsync(DemoUsers.LeadOf(ConsortiumPartners.Bprg));
        var workspace = await lead.Client.CreateWorkspaceAsync();
        var members = await lead.Client.MembersAsync(workspace.Id);

        var response = await lead.Client.DeleteAsync($"{Api}/{workspace.Id}/members/{members.Members[0].Id}?concurrencyStamp={members.ConcurrencyStamp}");
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>(SignIn.Json)).GetProperty("detail").GetString();

        Assert.Equal("Një hapësirë pune duhet të ketë të paktën një pronar. Së pari bëni pronar një person tjetër.", detail);
    }

    [Fact]
    public async Task Removing_a_member_without_the_stamp_is_a_field_error_in_the_callers_language_and_removes_nobody()
    {
        var lead = await portal.DemoPersonAsync(DemoUsers.LeadOf(ConsortiumPartners.Bprg));
        var workspace = await lead.Client.CreateWorkspaceAsync();
        var members = await lead.Client.AddMemberAsync(workspace.Id, WorkspaceRole.Viewer, partnerId: ConsortiumPartners.Kcss.Id);
        var kcss = members.Members.Single(m => m.PartnerOrganisationId == ConsortiumPartners.Kcss.Id);

        var response = await lead.Client.DeleteAsync($"{Api}/{workspace.Id}/members/{kcss.Id}");
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(SignIn.Json)).GetProperty("errors");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Mungon vula e versionit që lexuat: dërgojeni bashkë me ndryshimin.", errors.GetProperty("concurrencyStamp")[0].GetString());
        Assert.Equal(2, (await lead.Client.MembersAsync(workspace.Id)).Members.Count);
    }

    [Fact]
    public async Task An_owner_hands_over_to_another_owner_and_leaves()
    {
        var lead = await LeadAsync();
        var successor = await portal.NewPersonAsync(PortalRoles.Member, ConsortiumPartners.Bfpe.Id);
        var workspace = await lead.Client.CreateWorkspaceAsync();
        var members = await lead.Client.AddMemberAsync(workspace.Id, WorkspaceRole.Owner, userId: successor.Id);
        var leaving = members.Members.Single(m => m.UserId == lead.Id);

        var response = await lead.Client.DeleteAsync($"{Api}/{workspace.Id}/members/{leaving.Id}?concurrencyStamp={members.ConcurrencyStamp}");
        var mine = await lead.Client.GetAsync($"{Api}/{workspace.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(successor.Id, Assert.Single((await successor.Client.MembersAsync(workspace.Id)).Members).UserId);
        Assert.Equal(HttpStatusCode.NotFound, mine.StatusCode);
    }

    [Fact]
    public async Task Adding_the_same_partner_twice_is_a_409_and_an_unknown_user_a_field_error()
    {
        var lead = await LeadAsync();
        var workspace = await lead.Client.CreateWorkspaceAsync();
        var members = await lead.Client.AddMemberAsync(workspace.Id, WorkspaceRole.Viewer, partnerId: ConsortiumPartners.Kcss.Id);

        var twice = await lead.Client.PostAsJsonAsync($"{Api}/{workspace.Id}/members",
            new { partnerOrganisationId = ConsortiumPartners.Kcss.Id, role = "Editor", concurrencyStamp = members.ConcurrencyStamp }, SignIn.Json);
        var unknown = await lead.Client.PostAsJsonAsync($"{Api}/{workspace.Id}/members",
            new { userId = Guid.NewGuid(), role = "Boss", concurrencyStamp = members.ConcurrencyStamp }, SignIn.Json);
        var neither = await lead.Client.PostAsJsonAsync($"{Api}/{workspace.Id}/members",
            new { role = "Viewer", concurrencyStamp = members.ConcurrencyStamp }, SignIn.Json);
        var unknownErrors = (await unknown.Content.ReadFromJsonAsync<JsonElement>(SignIn.Json)).GetProperty("errors");

        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal("Error.AlreadyMember", await twice.ProblemCodeAsync());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(["role", "userId"], unknownErrors.EnumerateObject().Select(e => e.Name).Order());
        Assert.Equal(HttpStatusCode.BadRequest, neither.StatusCode);
        Assert.Equal(2, (await lead.Client.MembersAsync(workspace.Id)).Members.Count);
    }

    [Fact]
    public async Task Staff_of_a_member_partner_see_the_workspace_and_a_guest_of_that_partner_does_not()
    {
        var lead = await LeadAsync();
        var workspace = await lead.Client.CreateWorkspaceAsync("Seminar for journalists: reading list");
        await lead.Client.AddMemberAsync(workspace.Id, WorkspaceRole.Reviewer, partnerId: ConsortiumPartners.Bcsp.Id);
        var staff = await portal.DemoPersonAsync(DemoUsers.MemberOf(ConsortiumPartners.Bcsp, 2));
        var guest = await portal.NewPersonAsync(PortalRoles.Guest, ConsortiumPartners.Bcsp.Id);

        var staffList = await staff.Client.GetFromJsonAsync<List<WorkspaceSummaryDto>>(Api, SignIn.Json);
        var staffView = await staff.Client.GetWorkspaceAsync(workspace.Id);
        var guestList = await guest.Client.GetFromJsonAsync<List<WorkspaceSummaryDto>>(Api, SignIn.Json);
        var guestView = await guest.Client.GetAsync($"{Api}/{workspace.Id}");

        Assert.Contains(staffList!, w => w.Id == workspace.Id && w.MyRole == WorkspaceRole.Reviewer);
        Assert.Equal([WorkspaceAction.View, WorkspaceAction.Review], staffView.AllowedActions);
        Assert.DoesNotContain(guestList!, w => w.Id == workspace.Id);
        Assert.Equal(HttpStatusCode.NotFound, guestView.StatusCode);
    }

    [Fact]
    public async Task An_archived_workspace_is_read_only_until_its_owner_unarchives_it()
    {
        var lead = await LeadAsync();
        var workspace = await lead.Client.CreateWorkspaceAsync("Conference 2025 (closed)");

        var archive = await lead.Client.PostAsJsonAsync($"{Api}/{workspace.Id}/archive", new { concurrencyStamp = workspace.ConcurrencyStamp }, SignIn.Json);
        var archived = (await archive.Content.ReadFromJsonAsync<WorkspaceDetailsDto>(SignIn.Json))!;
        var rename = await lead.Client.PutAsJsonAsync($"{Api}/{workspace.Id}", new { name = "Conference 2026", concurrencyStamp = archived.ConcurrencyStamp }, SignIn.Json);
        bool canEdit;
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            canEdit = await scope.ServiceProvider.GetRequiredService<IWorkspaceAccess>().CanAsync(workspace.Id, lead.Id, WorkspaceAction.Edit);
        }
        var unarchive = await lead.Client.PostAsJsonAsync($"{Api}/{workspace.Id}/unarchive", new { concurrencyStamp = archived.ConcurrencyStamp }, SignIn.Json);

        Assert.Equal(HttpStatusCode.OK, archive.StatusCode);
        Assert.True(archived.IsArchived);
        Assert.Equal([WorkspaceAction.View], archived.AllowedActions);
        Assert.True(archived.CanManage);
        Assert.Equal(HttpStatusCode.Conflict, rename.StatusCode);
        Assert.Equal("Error.Archived", await rename.ProblemCodeAsync());
        Assert.False(canEdit);
        Assert.Equal(HttpStatusCode.OK, unarchive.StatusCode);
        Assert.False((await lead.Client.GetWorkspaceAsync(workspace.Id)).IsArchived);
    }

    [Fact]
    public async Task The_list_filters_by_archived_and_refuses_an_unknown_filter()
    {
        var lead = await LeadAsync();
        var active = await lead.Client.CreateWorkspaceAsync("Active workspace");
        var old = await lead.Client.CreateWorkspaceAsync("Old workspace");
        await lead.Client.PostAsJsonAsync($"{Api}/{old.Id}/archive", new { concurrencyStamp = old.ConcurrencyStamp }, SignIn.Json);

        // The demo Forum has every partner in it, so the lead sees more than these two: only they are compared.
        async Task<List<Guid>> ListAsync(string query)
            => (await lead.Client.GetFromJsonAsync<List<WorkspaceSummaryDto>>($"{Api}{query}", SignIn.Json))!
                .Select(w => w.Id).Where(id => id == active.Id || id == old.Id).ToList();

        Assert.Equal([active.Id], await ListAsync(""));
        Assert.Equal([old.Id], await ListAsync("?archived=archived"));
        Assert.Equal([active.Id, old.Id], await ListAsync("?archived=all"));
        Assert.Equal(HttpStatusCode.BadRequest, (await lead.Client.GetAsync($"{Api}?archived=maybe")).StatusCode);
    }

    [Fact]
    public async Task The_coordinator_lists_every_workspace_and_only_theirs_on_request()
    {
        var lead = await LeadAsync();
        var workspace = await lead.Client.CreateWorkspaceAsync();
        var coordinator = await portal.AsAsync(DemoUsers.Coordinator);

        var all = await coordinator.GetFromJsonAsync<List<WorkspaceSummaryDto>>(Api, SignIn.Json);
        var mine = await coordinator.GetFromJsonAsync<List<WorkspaceSummaryDto>>($"{Api}?mine=true", SignIn.Json);

        Assert.Contains(all!, w => w.Id == workspace.Id && w.MyRole is null);
        Assert.DoesNotContain(mine!, w => w.Id == workspace.Id);
    }

    private async Task<List<string?>> RefusalsAsync(Guid userId, Guid workspaceId)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        return await db.AuditLog.AsNoTracking()
            .Where(a => a.UserId == userId && a.Action == "workspaces.access-refused" && a.EntityId == workspaceId.ToString())
            .Select(a => a.Details).ToListAsync();
    }

    /// <summary>
    /// The problem without what names the request (its trace id, its path, the id the caller asked for), which differ
    /// between any two requests.
    /// </summary>
    private static async Task<string> WithoutRequestDetailsAsync(HttpResponseMessage response)
    {
        var problem = (await response.Content.ReadFromJsonAsync<Dictionary<string, JsonElement>>(SignIn.Json))!;
        problem.Remove("traceId");
        problem.Remove("instance");
        problem.Remove("id");
        return JsonSerializer.Serialize(problem);
    }
}

public sealed class WorkspaceApiTests_Sqlite(SqlitePortal portal) : WorkspaceApiTests<SqlitePortal>(portal);

public sealed class WorkspaceApiTests_PostgreSql(PostgreSqlPortal portal) : WorkspaceApiTests<PostgreSqlPortal>(portal);
