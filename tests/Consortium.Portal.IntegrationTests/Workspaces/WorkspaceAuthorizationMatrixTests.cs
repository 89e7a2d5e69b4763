using System.Net;
using System.Net.Http.Json;
using Consortium.Portal.Identity;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Workspaces;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.IntegrationTests.Workspaces;

/// <summary>
/// Every /api/workspaces endpoint against every kind of caller: the global roles without a membership, anonymous, and
/// the workspace roles (direct, through a partner organisation, and a guest invited directly). A workspace the caller
/// may not see answers 404, a change their role does not allow 403. A new endpoint missing here fails
/// <c>Every_workspace_endpoint_is_in_the_matrix</c>.
/// </summary>
public abstract class WorkspaceAuthorizationMatrixTests<TPortal>(TPortal portal) : IClassFixture<TPortal> where TPortal : PortalAppFactory
{
    // Callers. The global roles are not members of the workspace (their partner, KCSS, is not in it either).
    private const string Anonymous = "Anonymous";
    private const string Administrator = PortalRoles.Administrator;
    private const string Coordinator = PortalRoles.Coordinator;
    private const string PartnerLead = PortalRoles.PartnerLead;
    private const string NonMember = "Member, not in the workspace";
    private const string Guest = "Guest, not invited";
    private const string Owner = "Owner";
    private const string Editor = "Editor";
    private const string Reviewer = "Reviewer (a guest invited directly)";
    private const string Viewer = "Viewer";
    private const string PartnerEditor = "Editor through the partner organisation";

    private static readonly string[] Callers = [Anonymous, Administrator, Coordinator, PartnerLead, NonMember, Guest, Owner, Editor, Reviewer, Viewer, PartnerEditor];

    private static readonly string[] Visible = [Administrator, Coordinator, Owner, Editor, Reviewer, Viewer, PartnerEditor];
    private static readonly string[] Managers = [Administrator, Coordinator, Owner];
    private static readonly string[] Creators = [Administrator, Coordinator, PartnerLead, Owner];

    /// <summary>The expected status of each caller: the allowed get <paramref name="success"/>, the rest by what they may see.</summary>
    private static Dictionary<string, HttpStatusCode> Expect(HttpStatusCode success, string[] allowed, string[] visible) => Callers.ToDictionary(
        caller => caller,
        caller => caller == Anonymous ? HttpStatusCode.Unauthorized
            : allowed.Contains(caller) ? success
            : visible.Contains(caller) ? HttpStatusCode.Forbidden
            : HttpStatusCode.NotFound);

    private static readonly Dictionary<string, HttpStatusCode> Read = Expect(HttpStatusCode.OK, Visible, Visible);
    private static readonly Dictionary<string, HttpStatusCode> Manage = Expect(HttpStatusCode.OK, Managers, Visible);

    /// <summary>A workspace of its own for each call, and the ids a call needs.</summary>
    private sealed record Scene(Guid WorkspaceId, Guid Stamp, Guid TargetMembershipId, Guid NewcomerId);

    private sealed record Endpoint(string Method, string Pattern, Dictionary<string, HttpStatusCode> Expected, Func<Scene, HttpRequestMessage> Request, bool Archived = false);

    private static readonly Endpoint[] Matrix =
    [
        new("GET", "/api/workspaces/", Callers.ToDictionary(c => c, c => c == Anonymous ? HttpStatusCode.Unauthorized : HttpStatusCode.OK),
            _ => new(HttpMethod.Get, "/api/workspaces?archived=all")),
        new("POST", "/api/workspaces/", Callers.ToDictionary(c => c, c => c == Anonymous ? HttpStatusCode.Unauthorized : Creators.Contains(c) ? HttpStatusCode.Created : HttpStatusCode.Forbidden),
            _ => Json(HttpMethod.Post, "/api/workspaces", new { name = "Roundtable in Novi Pazar", kind = "Event" })),
        new("GET", "/api/workspaces/{workspaceId:guid}", Read, s => new(HttpMethod.Get, $"/api/workspaces/{s.WorkspaceId}")),
        new("PUT", "/api/workspaces/{workspaceId:guid}", Manage, s => Json(HttpMethod.Put, $"/api/workspaces/{s.WorkspaceId}",
            new { name = "Roundtable in Kraljevo", concurrencyStamp = s.Stamp })),
        new("POST", "/api/workspaces/{workspaceId:guid}/archive", Manage, s => Json(HttpMethod.Post, $"/api/workspaces/{s.WorkspaceId}/archive",
            new { concurrencyStamp = s.Stamp })),
        new("POST", "/api/workspaces/{workspaceId:guid}/unarchive", Manage, s => Json(HttpMethod.Post, $"/api/workspaces/{s.WorkspaceId}/unarchive",
            new { concurrencyStamp = s.Stamp }), Archived: true),
        new("GET", "/api/workspaces/{workspaceId:guid}/members", Read, s => new(HttpMethod.Get, $"/api/workspaces/{s.WorkspaceId}/members")),
        new("POST", "/api/workspaces/{workspaceId:guid}/members", Manage, s => Json(HttpMethod.Post, $"/api/workspaces/{s.WorkspaceId}/members",
            new { userId = s.NewcomerId, role = "Reviewer", concurrencyStamp = s.Stamp })),
        new("PUT", "/api/workspaces/{workspaceId:guid}/members/{membershipId:guid}", Manage, s => Json(HttpMethod.Put,
            $"/api/workspaces/{s.WorkspaceId}/members/{s.TargetMembershipId}", new { role = "Editor", concurrencyStamp = s.Stamp })),
        new("DELETE", "/api/workspaces/{workspaceId:guid}/members/{membershipId:guid}", Manage, s => new(HttpMethod.Delete,
            $"/api/workspaces/{s.WorkspaceId}/members/{s.TargetMembershipId}?concurrencyStamp={s.Stamp}")),
        new("GET", "/api/workspaces/{workspaceId:guid}/activity", Read, s => new(HttpMethod.Get, $"/api/workspaces/{s.WorkspaceId}/activity")),
    ];

    public static TheoryData<string> CallerCases => new(Callers);

    [Theory]
    [MemberData(nameof(CallerCases))]
    public async Task Each_workspace_endpoint_answers_each_caller_as_the_matrix_says(string caller)
    {
        var cast = await CastAsync();
        var client = cast.Clients[caller];
        var mismatches = new List<string>();
        foreach (var endpoint in Matrix)
        {
            var scene = await SceneAsync(cast, endpoint.Archived);
            var response = await client.SendAsync(endpoint.Request(scene));
            var expected = endpoint.Expected[caller];
            if (response.StatusCode != expected)
            {
                mismatches.Add($"{endpoint.Method} {endpoint.Pattern}: expected {(int)expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }

        Assert.True(mismatches.Count == 0, $"{caller}:\n" + string.Join("\n", mismatches));
    }

    [Fact]
    public void Every_workspace_endpoint_is_in_the_matrix()
    {
        var mapped = WorkspaceEndpoints()
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Order().ToList();

        Assert.NotEmpty(mapped);
        Assert.Equal(Matrix.Select(e => $"{e.Method} {e.Pattern}").Order(), mapped);
    }

    [Fact]
    public void Every_workspace_endpoint_requires_a_signed_in_caller()
    {
        var open = WorkspaceEndpoints()
            .Where(e => e.Metadata.GetMetadata<IAuthorizeData>() is null || e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => e.RoutePattern.RawText).ToList();

        Assert.NotEmpty(WorkspaceEndpoints());
        Assert.Empty(open);
    }

    private IReadOnlyList<RouteEndpoint> WorkspaceEndpoints()
    {
        portal.CreatePortalClient(); // starts the server
        return portal.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            // The Workspaces module's own endpoints: other modules (Documents) hang theirs below /api/workspaces/{id} too.
            .Where(e => e.RoutePattern.RawText is { } raw && raw.StartsWith("/api/", StringComparison.Ordinal)
                        && e.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.ITagsMetadata>()?.Tags.Contains("Workspaces") == true)
            .ToList();
    }

    /// <summary>The people of the matrix, signed in, and the owner who sets up each scene.</summary>
    private sealed record Cast(Dictionary<string, HttpClient> Clients, HttpClient Owner, Dictionary<string, Guid> Ids);

    // Signing in costs a password hash each time: the cast is made once per portal and shared by the callers' cases.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<PortalAppFactory, Task<Cast>> Casts = new();

    private Task<Cast> CastAsync() => Casts.GetValue(portal, _ => NewCastAsync());

    private async Task<Cast> NewCastAsync()
    {
        var owner = await portal.NewPersonAsync(PortalRoles.PartnerLead, ConsortiumPartners.Bfpe.Id);
        var editor = await portal.NewPersonAsync(PortalRoles.Member, ConsortiumPartners.Bcsp.Id);
        var reviewer = await portal.NewPersonAsync(PortalRoles.Guest);
        var viewer = await portal.NewPersonAsync(PortalRoles.Member, ConsortiumPartners.Yucom.Id);
        var partnerEditor = await portal.NewPersonAsync(PortalRoles.Member, ConsortiumPartners.Aktiv.Id);
        var clients = new Dictionary<string, HttpClient>
        {
            [Anonymous] = portal.CreatePortalClient(),
            [Administrator] = await portal.AsAsync(DemoUsers.Administrator),
            [Coordinator] = await portal.AsAsync(DemoUsers.Coordinator),
            [PartnerLead] = await portal.AsAsync(DemoUsers.LeadOf(ConsortiumPartners.Kcss)),
            [NonMember] = await portal.AsAsync(DemoUsers.MemberOf(ConsortiumPartners.Kcss)),
            [Guest] = (await portal.NewPersonAsync(PortalRoles.Guest)).Client,
            [Owner] = owner.Client,
            [Editor] = editor.Client,
            [Reviewer] = reviewer.Client,
            [Viewer] = viewer.Client,
            [PartnerEditor] = partnerEditor.Client,
        };
        var ids = new Dictionary<string, Guid> { [Editor] = editor.Id, [Reviewer] = reviewer.Id, [Viewer] = viewer.Id };
        return new Cast(clients, owner.Client, ids);
    }

    /// <summary>A fresh workspace with every workspace role in it, plus a member to change and a user to add.</summary>
    private async Task<Scene> SceneAsync(Cast cast, bool archived)
    {
        var workspace = await cast.Owner.CreateWorkspaceAsync("Peer-to-peer visit Gjilan–Kraljevo");
        await cast.Owner.AddMemberAsync(workspace.Id, WorkspaceRole.Editor, userId: cast.Ids[Editor]);
        await cast.Owner.AddMemberAsync(workspace.Id, WorkspaceRole.Reviewer, userId: cast.Ids[Reviewer]);
        await cast.Owner.AddMemberAsync(workspace.Id, WorkspaceRole.Viewer, userId: cast.Ids[Viewer]);
        await cast.Owner.AddMemberAsync(workspace.Id, WorkspaceRole.Editor, partnerId: ConsortiumPartners.Aktiv.Id);
        var target = await portal.CreateUserAsync($"target.{Guid.NewGuid():N}@example.org", PortalRoles.Member, ConsortiumPartners.Bprg.Id, password: null);
        var members = await cast.Owner.AddMemberAsync(workspace.Id, WorkspaceRole.Viewer, userId: target);
        var newcomer = await portal.CreateUserAsync($"newcomer.{Guid.NewGuid():N}@example.org", PortalRoles.Member, ConsortiumPartners.D4D.Id, password: null);
        var stamp = members.ConcurrencyStamp;
        if (archived)
        {
            var response = await cast.Owner.PostAsJsonAsync($"{WorkspaceTestKit.Api}/{workspace.Id}/archive", new { concurrencyStamp = stamp }, SignIn.Json);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            stamp = (await cast.Owner.GetWorkspaceAsync(workspace.Id)).ConcurrencyStamp;
        }
        return new Scene(workspace.Id, stamp, members.Members.Single(m => m.UserId == target).Id, newcomer);
    }

    private static HttpRequestMessage Json(HttpMethod method, string url, object body)
        => new(method, url) { Content = JsonContent.Create(body, options: SignIn.Json) };
}

public sealed class WorkspaceAuthorizationMatrixTests_Sqlite(SqlitePortal portal) : WorkspaceAuthorizationMatrixTests<SqlitePortal>(portal);

public sealed class WorkspaceAuthorizationMatrixTests_PostgreSql(PostgreSqlPortal portal) : WorkspaceAuthorizationMatrixTests<PostgreSqlPortal>(portal);
