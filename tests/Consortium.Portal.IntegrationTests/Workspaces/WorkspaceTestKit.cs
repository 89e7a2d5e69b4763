using System.Net;
using System.Net.Http.Json;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Platform;
using Consortium.Portal.Platform.Outbox;
using Consortium.Portal.Workspaces;
using Consortium.Portal.Workspaces.Application;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.IntegrationTests.Workspaces;

/// <summary>A person of a test, signed in through the real sign-in API.</summary>
public sealed record TestPerson(Guid Id, string Email, HttpClient Client);

/// <summary>What the workspace tests do again and again, through the public API.</summary>
public static class WorkspaceTestKit
{
    public const string Api = "/api/workspaces";

    /// <summary>A new user of <paramref name="role"/> (a fresh one, so a test may spoil it), signed in.</summary>
    public static async Task<TestPerson> NewPersonAsync(this PortalAppFactory portal, string role, Guid? partnerId = null)
    {
        var email = $"{role.ToLowerInvariant()}.{Guid.NewGuid():N}@example.org";
        var id = await portal.CreateUserAsync(email, role, partnerId);
        return new TestPerson(id, email, await portal.AsAsync(email));
    }

    /// <summary>A demo user (Portal:SeedDemoData is on in tests), signed in.</summary>
    public static async Task<TestPerson> DemoPersonAsync(this PortalAppFactory portal, string email)
        => new(await portal.UserIdAsync(email), email, await portal.AsAsync(email));

    public static async Task<WorkspaceDetailsDto> CreateWorkspaceAsync(this HttpClient client, string? name = null, string? kind = null, string? description = null)
    {
        var response = await client.PostAsJsonAsync(Api, new { name = name ?? $"Peer visit {Guid.NewGuid():N}"[..24], description, kind }, SignIn.Json);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"creating a workspace: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<WorkspaceDetailsDto>(SignIn.Json))!;
    }

    public static async Task<WorkspaceDetailsDto> GetWorkspaceAsync(this HttpClient client, Guid workspaceId)
        => (await client.GetFromJsonAsync<WorkspaceDetailsDto>($"{Api}/{workspaceId}", SignIn.Json))!;

    public static async Task<WorkspaceMembersDto> MembersAsync(this HttpClient client, Guid workspaceId)
        => (await client.GetFromJsonAsync<WorkspaceMembersDto>($"{Api}/{workspaceId}/members", SignIn.Json))!;

    /// <summary>Adds a user or a partner with the stamp read just before; fails the test when refused.</summary>
    public static async Task<WorkspaceMembersDto> AddMemberAsync(this HttpClient owner, Guid workspaceId, WorkspaceRole role, Guid? userId = null, Guid? partnerId = null)
    {
        var stamp = (await owner.MembersAsync(workspaceId)).ConcurrencyStamp;
        var response = await owner.PostAsJsonAsync($"{Api}/{workspaceId}/members",
            new { userId, partnerOrganisationId = partnerId, role = role.ToString(), concurrencyStamp = stamp }, SignIn.Json);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"adding a member: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<WorkspaceMembersDto>(SignIn.Json))!;
    }

    /// <summary>
    /// Delivers what is in the outbox (the activity lines among it) and waits until nothing is left undelivered; a
    /// failure names the messages still waiting, with their attempts and claims.
    /// </summary>
    public static async Task DeliverOutboxAsync(this PortalAppFactory portal)
    {
        var dispatcher = portal.Services.GetRequiredService<OutboxDispatcher>();
        await Eventually.GetAsync(async () =>
        {
            await dispatcher.DispatchPendingAsync();
            await using var scope = portal.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            // The portal's own dispatcher may hold some of them for a moment: wait for it rather than race it.
            return await db.OutboxMessages.AsNoTracking().Where(m => m.ProcessedAtUtc == null && m.Attempts == 0).ToListAsync();
        }, waiting => waiting.Count == 0, "the outbox to be delivered", describe: waiting => $"{waiting.Count} undelivered: {OutboxStates.Describe(waiting)}");
    }

    public static async Task<string> ProblemCodeAsync(this HttpResponseMessage response)
    {
        var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(SignIn.Json);
        return problem.TryGetProperty("code", out var code) ? code.GetString()! : "";
    }
}
