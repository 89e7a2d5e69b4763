using Consortium.Portal.Identity;
using Consortium.Portal.Identity.Data;
using Consortium.Portal.Identity.Domain;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Platform.Modularity;
using Consortium.Portal.Platform.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.IntegrationTests.Identity;

public abstract class SeedingTests<TPortal> : IClassFixture<TPortal> where TPortal : PortalAppFactory
{
    private const string BootstrapEmail = "root@consortium.example";
    private readonly TPortal _portal;

    protected SeedingTests(TPortal portal)
    {
        _portal = portal;
        // This class checks the real work factor of the password hashes.
        portal.ProductionPasswordHashing = true;
        portal.Settings["Identity:BootstrapAdmin:Email"] = BootstrapEmail;
        portal.Settings["Identity:BootstrapAdmin:Password"] = "granite lighthouse over Ohrid";
    }

    [Fact]
    public async Task The_demo_data_has_a_coordinator_an_administrator_and_a_lead_and_two_members_per_partner()
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();

        Assert.True(await users.IsInRoleAsync((await users.FindByEmailAsync(DemoUsers.Coordinator))!, PortalRoles.Coordinator));
        Assert.True(await users.IsInRoleAsync((await users.FindByEmailAsync(DemoUsers.Administrator))!, PortalRoles.Administrator));
        foreach (var partner in ConsortiumPartners.All)
        {
            var staff = new[] { DemoUsers.LeadOf(partner), DemoUsers.MemberOf(partner, 1), DemoUsers.MemberOf(partner, 2) };
            var roles = new[] { PortalRoles.PartnerLead, PortalRoles.Member, PortalRoles.Member };
            for (var i = 0; i < staff.Length; i++)
            {
                var user = await users.FindByEmailAsync(staff[i]);
                Assert.NotNull(user);
                Assert.Equal(partner.Id, user.PartnerOrganisationId);
                Assert.True(await users.IsInRoleAsync(user, roles[i]), $"{staff[i]} is not {roles[i]}");
                Assert.True(user.EmailConfirmed);
                Assert.False(user.TwoFactorEnabled);
                Assert.False(string.IsNullOrWhiteSpace(user.DisplayName));
            }
        }
    }

    [Fact]
    public async Task Seeding_again_adds_nothing()
    {
        var before = await CountsAsync();

        await _portal.Services.SeedPortalModulesAsync(includeDemoData: true);

        Assert.Equal(before, await CountsAsync());
        Assert.Equal(5, before.Roles);
        Assert.Equal(2 + 8 * 3 + 1, before.Users);
    }

    [Fact]
    public async Task The_configured_bootstrap_administrator_exists_and_signs_in()
    {
        await using (var scope = _portal.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var root = await users.FindByEmailAsync(BootstrapEmail);
            Assert.NotNull(root);
            Assert.True(await users.IsInRoleAsync(root, PortalRoles.Administrator));
        }

        var response = await SignIn.PostSignInAsync(_portal.CreatePortalClient(), BootstrapEmail, "granite lighthouse over Ohrid");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void Passwords_are_hashed_with_pbkdf2_of_at_least_210000_iterations()
    {
        var options = _portal.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PasswordHasherOptions>>().Value;

        Assert.True(options.IterationCount >= 210_000, $"{options.IterationCount} iterations");
        Assert.Equal(PasswordHasherCompatibilityMode.IdentityV3, options.CompatibilityMode);
    }

    private async Task<(int Roles, int Users, int Partners)> CountsAsync()
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalIdentityDbContext>();
        return (await db.Roles.CountAsync(), await db.Users.CountAsync(), await db.PartnerOrganisations.CountAsync());
    }
}

public sealed class SeedingTests_Sqlite(SqlitePortal portal) : SeedingTests<SqlitePortal>(portal);

public sealed class SeedingTests_PostgreSql(PostgreSqlPortal portal) : SeedingTests<PostgreSqlPortal>(portal);
