using Consortium.Portal.Identity;
using Consortium.Portal.Identity.Domain;
using Consortium.Portal.Platform.Modularity;
using Consortium.Portal.Platform.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Consortium.Portal.Bench.Notifications;

/// <summary>
/// Creates the bench's users before the portal starts, in its database, through the Identity module's own
/// <see cref="UserManager{TUser}"/> (the same validation and hashing as an invitation accepted in the portal). They share
/// one password, hashed once, as the demo users do: hashing it a thousand times would only measure PBKDF2.
/// </summary>
internal static class BenchUsers
{
    public const string Password = "Bench-Notifications-2026!";
    public const string Domain = "bench.portal";

    public static string EmailOf(int index) => $"staff{index:D4}@{Domain}";

    public const string AnnouncerEmail = "lead@" + Domain;

    public static async Task SeedAsync(IReadOnlyDictionary<string, string?> portalSettings, string contentRoot, int count)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = contentRoot, EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(portalSettings);
        builder.AddPortalModules<IdentityModule>();
        using var host = builder.Build();
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var hash = users.PasswordHasher.HashPassword(new PortalUser(), Password);
        var partner = ConsortiumPartners.Bprg.Id;

        await CreateAsync(users, AnnouncerEmail, "Bench partner lead", PortalRoles.PartnerLead, partner, hash);
        for (var i = 1; i <= count; i++)
        {
            await CreateAsync(users, EmailOf(i), $"Bench staff {i}", PortalRoles.Member, partner, hash);
        }
    }

    private static async Task CreateAsync(UserManager<PortalUser> users, string email, string displayName, string role, Guid partnerId, string passwordHash)
    {
        var user = new PortalUser
        {
            Id = Guid.CreateVersion7(),
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = displayName,
            PartnerOrganisationId = partnerId,
            PasswordHash = passwordHash,
        };
        Check(await users.CreateAsync(user), email);
        Check(await users.AddToRoleAsync(user, role), email);
    }

    private static void Check(IdentityResult result, string email)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Bench user {email} was not created: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
