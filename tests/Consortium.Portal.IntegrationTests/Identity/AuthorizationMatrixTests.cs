using System.Net;
using System.Net.Http.Json;
using Consortium.Portal.Identity;
using Consortium.Portal.Identity.Data;
using Consortium.Portal.Identity.Domain;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.IntegrationTests.Identity;

/// <summary>
/// Every /api/identity endpoint against every role, allowed and denied, with the default grants. A new endpoint
/// that is not in <see cref="Matrix"/> fails <c>Every_identity_endpoint_is_in_the_matrix</c>.
/// </summary>
public abstract class AuthorizationMatrixTests<TPortal>(TPortal portal) : IClassFixture<TPortal> where TPortal : PortalAppFactory
{
    public const string Anonymous = "Anonymous";

    private static readonly string[] Everyone = [PortalRoles.Administrator, PortalRoles.Coordinator, PortalRoles.PartnerLead, PortalRoles.Member, PortalRoles.Guest, Anonymous];
    private static readonly string[] Managers = [PortalRoles.Administrator, PortalRoles.Coordinator];
    private static readonly string[] Staff = [PortalRoles.Administrator, PortalRoles.Coordinator, PortalRoles.PartnerLead, PortalRoles.Member];
    private static readonly string[] Inviters = [PortalRoles.Administrator, PortalRoles.Coordinator, PortalRoles.PartnerLead];

    /// <summary>What each endpoint needs to be called validly: a user to act on, a partner to edit.</summary>
    private sealed record Targets(Guid UserId, Guid PartnerId, Guid PartnerStamp);

    private sealed record Endpoint(string Method, string Pattern, string[] Allowed, Func<Targets, HttpRequestMessage> Request);

    private static readonly Endpoint[] Matrix =
    [
        new("GET", "/api/identity/partners", Staff, _ => new(HttpMethod.Get, "/api/identity/partners")),
        new("POST", "/api/identity/partners", Managers, _ => Json(HttpMethod.Post, "/api/identity/partners",
            new { shortName = "P" + Guid.NewGuid().ToString("N")[..8], name = "Peer Visit Partner", side = "Serbia" })),
        new("PUT", "/api/identity/partners/{id:guid}", Managers, t => Json(HttpMethod.Put, $"/api/identity/partners/{t.PartnerId}",
            new { shortName = "M" + Guid.NewGuid().ToString("N")[..8], name = "Matrix Partner", side = "Kosovo", concurrencyStamp = t.PartnerStamp })),
        new("GET", "/api/identity/users", Inviters, _ => new(HttpMethod.Get, "/api/identity/users")),
        new("POST", "/api/identity/users/{id:guid}/disable", Managers, t => new(HttpMethod.Post, $"/api/identity/users/{t.UserId}/disable")),
        new("POST", "/api/identity/users/{id:guid}/enable", Managers, t => new(HttpMethod.Post, $"/api/identity/users/{t.UserId}/enable")),
        new("PUT", "/api/identity/users/{id:guid}/assignment", Managers, t => Json(HttpMethod.Put, $"/api/identity/users/{t.UserId}/assignment",
            new { role = PortalRoles.Member, partnerOrganisationId = ConsortiumPartners.Kcss.Id })),
        new("GET", "/api/identity/invitations", Inviters, _ => new(HttpMethod.Get, "/api/identity/invitations")),
        new("POST", "/api/identity/invitations", Inviters, _ => Json(HttpMethod.Post, "/api/identity/invitations",
            new { email = $"invitee.{Guid.NewGuid():N}@example.org", displayName = "Invitee", role = PortalRoles.Member, partnerOrganisationId = ConsortiumPartners.Kcss.Id })),
        new("GET", "/api/identity/roles/permissions", [PortalRoles.Administrator], _ => new(HttpMethod.Get, "/api/identity/roles/permissions")),
        new("PUT", "/api/identity/roles/{role}/permissions/{permission}", [PortalRoles.Administrator], _ => Json(HttpMethod.Put,
            $"/api/identity/roles/{PortalRoles.Guest}/permissions/{IdentityPermissions.Users.Manage}", new { granted = false })),
    ];

    public static TheoryData<string> Roles => new(Everyone);

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Each_identity_endpoint_admits_exactly_the_roles_granted_its_permission(string role)
    {
        var client = await ClientForAsync(role);
        var mismatches = new List<string>();
        foreach (var endpoint in Matrix)
        {
            var targets = await TargetsAsync();
            var response = await client.SendAsync(endpoint.Request(targets));
            var allowed = endpoint.Allowed.Contains(role);
            var expected = allowed ? "2xx" : role == Anonymous ? "401" : "403";
            var ok = allowed
                ? response.IsSuccessStatusCode
                : response.StatusCode == (role == Anonymous ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden);
            if (!ok)
            {
                mismatches.Add($"{endpoint.Method} {endpoint.Pattern}: expected {expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }

        Assert.True(mismatches.Count == 0, $"{role}:\n" + string.Join("\n", mismatches));
    }

    [Fact]
    public void Every_identity_endpoint_is_in_the_matrix()
    {
        var mapped = IdentityApiEndpoints()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/identity", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Order().ToList();

        Assert.NotEmpty(mapped);
        Assert.Equal(Matrix.Select(e => $"{e.Method} {e.Pattern}").Order(), mapped);
    }

    [Fact]
    public void Every_account_and_identity_endpoint_states_who_may_call_it()
    {
        var unstated = IdentityApiEndpoints()
            .Where(e => e.Metadata.GetMetadata<IAuthorizeData>() is null && e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .Select(e => e.RoutePattern.RawText).ToList();

        Assert.Empty(unstated);
    }

    private IEnumerable<RouteEndpoint> IdentityApiEndpoints()
    {
        portal.CreatePortalClient(); // starts the server
        return portal.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && (raw.StartsWith("/api/identity", StringComparison.Ordinal) || raw.StartsWith("/api/account", StringComparison.Ordinal)));
    }

    private async Task<HttpClient> ClientForAsync(string role) => role switch
    {
        Anonymous => portal.CreatePortalClient(),
        PortalRoles.Administrator => await portal.AsAsync(DemoUsers.Administrator),
        PortalRoles.Coordinator => await portal.AsAsync(DemoUsers.Coordinator),
        PortalRoles.PartnerLead => await portal.AsAsync(DemoUsers.LeadOf(ConsortiumPartners.Kcss)),
        PortalRoles.Member => await portal.AsAsync(DemoUsers.MemberOf(ConsortiumPartners.Kcss)),
        PortalRoles.Guest => await portal.AsAsync(await NewUserAsync(PortalRoles.Guest, null)),
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    /// <summary>Fresh things to act on for each call, so one role's allowed call does not spoil the next.</summary>
    private async Task<Targets> TargetsAsync()
    {
        var email = $"target.{Guid.NewGuid():N}@example.org";
        await portal.CreateUserAsync(email, PortalRoles.Member, ConsortiumPartners.Kcss.Id, password: null);
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalIdentityDbContext>();
        var partner = new PartnerOrganisation(Guid.CreateVersion7(), "T" + Guid.NewGuid().ToString("N")[..8], "Matrix Partner", PartnerSide.Kosovo);
        db.PartnerOrganisations.Add(partner);
        await db.SaveChangesAsync();
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        return new Targets(userId, partner.Id, partner.ConcurrencyStamp);
    }

    private async Task<string> NewUserAsync(string role, Guid? partner)
    {
        var email = $"{role.ToLowerInvariant()}.{Guid.NewGuid():N}@example.org";
        await portal.CreateUserAsync(email, role, partner);
        return email;
    }

    private static HttpRequestMessage Json(HttpMethod method, string url, object body)
        => new(method, url) { Content = JsonContent.Create(body, options: SignIn.Json) };
}

public sealed class AuthorizationMatrixTests_Sqlite(SqlitePortal portal) : AuthorizationMatrixTests<SqlitePortal>(portal);

public sealed class AuthorizationMatrixTests_PostgreSql(PostgreSqlPortal portal) : AuthorizationMatrixTests<PostgreSqlPortal>(portal);
