using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Consortium.Portal.Identity;
using Consortium.Portal.Identity.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace Consortium.Portal.IntegrationTests.Infrastructure;

/// <summary>The demo users every test portal is seeded with (Portal:SeedDemoData is on in tests).</summary>
public static class DemoUsers
{
    public const string Password = "Demo-Portal-2026!";
    public const string Coordinator = "coordinator@demo.portal";
    public const string Administrator = "admin@demo.portal";

    public static string LeadOf(ConsortiumPartners.Partner partner) => $"lead.{partner.ShortName.ToLowerInvariant()}@demo.portal";

    public static string MemberOf(ConsortiumPartners.Partner partner, int number = 1) => $"member{number}.{partner.ShortName.ToLowerInvariant()}@demo.portal";
}

/// <summary>Signed-in clients for tests, through the real sign-in API (cookies, lockout, two-factor and all).</summary>
public static class SignIn
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// A client signed in as <paramref name="email"/>. For an administrator or the coordinator it first sets up an
    /// authenticator if there is none, then signs in with a current TOTP code, as such a user must.
    /// </summary>
    public static async Task<HttpClient> AsAsync(this PortalAppFactory portal, string email, string password = DemoUsers.Password)
    {
        var client = portal.CreatePortalClient();
        var response = await PostSignInAsync(client, email, password);
        if (response.StatusCode == HttpStatusCode.Unauthorized && await RequiresTwoFactorAsync(response))
        {
            var key = await AuthenticatorKeyAsync(portal, email)
                      ?? throw new InvalidOperationException($"{email} needs a second factor but has no authenticator key.");
            response = await PostSignInAsync(client, email, password, CurrentCode(key));
        }
        await EnsureSuccessAsync(response, email);
        var signedIn = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
        if (signedIn.GetProperty("twoFactorSetUpRequired").GetBoolean())
        {
            await EnableTwoFactorAsync(client);
        }
        return client;
    }

    public static Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string email, string password, string? twoFactorCode = null, string? recoveryCode = null)
        => client.PostAsJsonAsync("/api/account/sign-in", new { email, password, twoFactorCode, recoveryCode }, Json);

    /// <summary>Sets up TOTP for the signed-in user through the API; returns the shared key and the recovery codes.</summary>
    public static async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnableTwoFactorAsync(HttpClient client)
    {
        var status = await client.GetFromJsonAsync<JsonElement>("/api/account/two-factor", Json);
        var key = status.GetProperty("sharedKey").GetString()!;
        var enabled = await client.PostAsJsonAsync("/api/account/two-factor/enable", new { code = CurrentCode(key) }, Json);
        await EnsureSuccessAsync(enabled, "enabling two-factor sign-in");
        var codes = (await enabled.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("recoveryCodes")
            .EnumerateArray().Select(c => c.GetString()!).ToList();
        return (key, codes);
    }

    public static string CurrentCode(string sharedKey) => new Totp(Base32Encoding.ToBytes(sharedKey)).ComputeTotp();

    public static async Task<string?> AuthenticatorKeyAsync(PortalAppFactory portal, string email)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No user {email}.");
        return await users.GetAuthenticatorKeyAsync(user);
    }

    /// <summary>Creates a user directly (for roles the demo data has no one in, or to have one a test may spoil).</summary>
    /// <param name="password">Null for a user who never signs in (cheaper: no password hash).</param>
    public static async Task<Guid> CreateUserAsync(this PortalAppFactory portal, string email, string role, Guid? partnerId = null, string? password = DemoUsers.Password)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser
        {
            Id = Guid.CreateVersion7(), UserName = email, Email = email, EmailConfirmed = true,
            DisplayName = "Test " + role, PartnerOrganisationId = partnerId,
        };
        var created = password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
        if (!created.Succeeded || !(await users.AddToRoleAsync(user, role)).Succeeded)
        {
            throw new InvalidOperationException($"Could not create {email}: {string.Join(" ", created.Errors.Select(e => e.Description))}");
        }
        return user.Id;
    }

    public static async Task<Guid> UserIdAsync(this PortalAppFactory portal, string email)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email);
        return user?.Id ?? throw new InvalidOperationException($"No user {email}.");
    }

    public static async Task<bool> RequiresTwoFactorAsync(HttpResponseMessage response)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
        return problem.TryGetProperty("requiresTwoFactor", out var flag) && flag.GetBoolean();
    }

    public static async Task EnsureSuccessAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
