using System.Net;
using System.Net.Http.Json;
using Consortium.Portal.Identity;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Platform;
using Consortium.Portal.Platform.Events;
using Consortium.Portal.Platform.Paging;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Workspaces;
using Consortium.Portal.Workspaces.Activity;
using Consortium.Portal.Workspaces.Application;
using Consortium.Portal.Workspaces.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.IntegrationTests.Workspaces;

public abstract class WorkspaceActivityTests<TPortal>(TPortal portal) : IClassFixture<TPortal> where TPortal : PortalAppFactory
{
    private const string Api = WorkspaceTestKit.Api;

    private static async Task<PagedResult<WorkspaceActivityDto>> FeedAsync(HttpClient client, Guid workspaceId, string query = "")
    {
        var response = await client.GetAsync($"{Api}/{workspaceId}/activity{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<PagedResult<WorkspaceActivityDto>>(SignIn.Json))!;
    }

    /// <summary>
    /// A workspace that went through each change the module records, made by Driton Berisha (BPRG's lead, who reads the
    /// portal in Albanian), with Milena Kostić (BCSP's lead, who reads it in Serbian) among its members.
    /// </summary>
    private async Task<(TestPerson Lead, TestPerson SerbianReader, Guid WorkspaceId)> WorkspaceWithHistoryAsync()
    {
        var lead = await portal.DemoPersonAsync(DemoUsers.LeadOf(ConsortiumPartners.Bprg));
        var reader = await portal.DemoPersonAsync(DemoUsers.LeadOf(ConsortiumPartners.Bcsp));
        var workspace = await lead.Client.CreateWorkspaceAsync("Op-ed draft");
        var renamed = await lead.Client.PutAsJsonAsync($"{Api}/{workspace.Id}", new { name = "Op-ed: the Ohrid annex", concurrencyStamp = workspace.ConcurrencyStamp }, SignIn.Json);
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        await lead.Client.AddMemberAsync(workspace.Id, WorkspaceRole.Viewer, userId: reader.Id);
        var members = await lead.Client.AddMemberAsync(workspace.Id, WorkspaceRole.Viewer, partnerId: ConsortiumPartners.Kcss.Id);
        var kcss = members.Members.Single(m => m.PartnerOrganisationId == ConsortiumPartners.Kcss.Id);
        var changed = await lead.Client.PutAsJsonAsync($"{Api}/{workspace.Id}/members/{kcss.Id}", new { role = "Editor", concurrencyStamp = members.ConcurrencyStamp }, SignIn.Json);
        var stamp = (await changed.Content.ReadFromJsonAsync<WorkspaceMembersDto>(SignIn.Json))!.ConcurrencyStamp;
        var removed = await lead.Client.DeleteAsync($"{Api}/{workspace.Id}/members/{kcss.Id}?concurrencyStamp={stamp}");
        stamp = (await removed.Content.ReadFromJsonAsync<WorkspaceMembersDto>(SignIn.Json))!.ConcurrencyStamp;
        var archived = await lead.Client.PostAsJsonAsync($"{Api}/{workspace.Id}/archive", new { concurrencyStamp = stamp }, SignIn.Json);
        Assert.Equal(HttpStatusCode.OK, archived.StatusCode);
        await portal.DeliverOutboxAsync();
        return (lead, reader, workspace.Id);
    }

    [Fact]
    public async Task The_feed_tells_what_happened_newest_first()
    {
        var (lead, _, workspaceId) = await WorkspaceWithHistoryAsync();
        var coordinator = await portal.AsAsync(DemoUsers.Coordinator);

        var feed = await FeedAsync(coordinator, workspaceId);

        Assert.Equal(
        [
            "Driton Berisha archived the workspace",
            "Driton Berisha removed KCSS from the workspace",
            "Driton Berisha changed the role of KCSS from Viewer to Editor",
            "Driton Berisha added KCSS as Viewer",
            "Driton Berisha added Milena Kostić as Viewer",
            "Driton Berisha renamed the workspace from “Op-ed draft” to “Op-ed: the Ohrid annex”",
            "Driton Berisha created the workspace “Op-ed draft”",
        ], feed.Items.Select(i => i.Text));
        Assert.All(feed.Items, i => Assert.Equal((lead.Id, "Driton Berisha"), (i.ActorUserId!.Value, i.ActorName)));
        Assert.Equal(7, feed.TotalCount);
    }

    [Fact]
    public async Task The_feed_is_rendered_in_each_readers_language()
    {
        var (lead, serbianReader, workspaceId) = await WorkspaceWithHistoryAsync();

        var albanian = await FeedAsync(lead.Client, workspaceId);
        var serbian = await FeedAsync(serbianReader.Client, workspaceId);

        Assert.Equal("Driton Berisha ndryshoi rolin e KCSS nga Shikues në Redaktor", albanian.Items[2].Text);
        Assert.Equal("Driton Berisha je promenio/la ulogu člana KCSS iz Posmatrač u Urednik", serbian.Items[2].Text);
    }

    [Fact]
    public async Task The_feed_is_paged()
    {
        var (lead, _, workspaceId) = await WorkspaceWithHistoryAsync();

        var first = await FeedAsync(lead.Client, workspaceId, "?page=1&pageSize=4");
        var second = await FeedAsync(lead.Client, workspaceId, "?page=2&pageSize=4");
        var badPage = await lead.Client.GetAsync($"{Api}/{workspaceId}/activity?page=0&pageSize=500");

        Assert.Equal((4, 7), (first.Items.Count, first.TotalCount));
        Assert.Equal(3, second.Items.Count);
        Assert.Empty(first.Items.Select(i => i.Id).Intersect(second.Items.Select(i => i.Id)));
        Assert.True(first.Items.Concat(second.Items).Select(i => i.OccurredAtUtc).SequenceEqual(first.Items.Concat(second.Items).Select(i => i.OccurredAtUtc).OrderDescending()));
        Assert.Equal(HttpStatusCode.BadRequest, badPage.StatusCode);
    }

    [Fact]
    public async Task Another_module_reports_activity_through_the_outbox_in_its_own_words()
    {
        var lead = await portal.DemoPersonAsync(DemoUsers.LeadOf(ConsortiumPartners.Bprg));
        var workspace = await lead.Client.CreateWorkspaceAsync();
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            // Identity's navigation title stands in for another module's text: it is found by the module's name.
            scope.ServiceProvider.GetRequiredService<IIntegrationEventPublisher>().Publish(new WorkspaceActivityOccurred(
                workspace.Id, lead.Id, IdentityModuleName.Value, "Nav.Partners", new Dictionary<string, string>(), "/admin/partners", DateTime.UtcNow));
            await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().SaveChangesAsync();
        }
        await portal.DeliverOutboxAsync();
        var coordinator = await portal.AsAsync(DemoUsers.Coordinator);

        var newest = (await FeedAsync(coordinator, workspace.Id)).Items[0];

        Assert.Equal(("Partners", "/admin/partners"), (newest.Text, newest.Link));
    }

    [Fact]
    public async Task A_redelivered_report_is_stored_once()
    {
        var lead = await portal.DemoPersonAsync(DemoUsers.LeadOf(ConsortiumPartners.Bprg));
        var workspace = await lead.Client.CreateWorkspaceAsync();
        await portal.DeliverOutboxAsync();
        var messageId = Guid.CreateVersion7();
        var report = new WorkspaceActivityOccurred(workspace.Id, lead.Id, WorkspacesModuleName.Value, "Activity.DescriptionChanged",
            new Dictionary<string, string>(), null, DateTime.UtcNow);

        for (var delivery = 1; delivery <= 2; delivery++)
        {
            await using var scope = portal.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<StoreWorkspaceActivity>()
                .HandleAsync(report, new IntegrationEventContext(messageId, DateTime.UtcNow, delivery), CancellationToken.None);
        }

        await using var read = portal.Services.CreateAsyncScope();
        Assert.Equal(1, await read.ServiceProvider.GetRequiredService<WorkspacesDbContext>().Activity.CountAsync(a => a.Id == messageId));
        Assert.Equal(2, (await FeedAsync(lead.Client, workspace.Id)).TotalCount);
    }

    [Fact]
    public async Task The_feed_of_a_workspace_one_may_not_see_is_not_found()
    {
        var (_, _, workspaceId) = await WorkspaceWithHistoryAsync();
        var outsider = await portal.NewPersonAsync(PortalRoles.Member, ConsortiumPartners.Kcss.Id);

        var response = await outsider.Client.GetAsync($"{Api}/{workspaceId}/activity");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

public sealed class WorkspaceActivityTests_Sqlite(SqlitePortal portal) : WorkspaceActivityTests<SqlitePortal>(portal);

public sealed class WorkspaceActivityTests_PostgreSql(PostgreSqlPortal portal) : WorkspaceActivityTests<PostgreSqlPortal>(portal);
