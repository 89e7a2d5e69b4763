using System.Security.Claims;
using Consortium.Portal.Identity.Data;
using Consortium.Portal.Identity.Domain;
using Consortium.Portal.Identity.Security;
using Consortium.Portal.Platform.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.Identity.Tests;

/// <summary>The principal Identity builds for a user, through the real stores on an in-memory SQLite database.</summary>
public sealed class ClaimsTests : IAsyncLifetime
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private ServiceProvider _services = default!;

    public async Task InitializeAsync()
    {
        await _connection.OpenAsync();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<PortalIdentityDbContext>(o => o.UseSqlite(_connection));
        services.AddIdentityCore<PortalUser>()
            .AddRoles<PortalRole>()
            .AddEntityFrameworkStores<PortalIdentityDbContext>()
            .AddClaimsPrincipalFactory<PortalClaimsPrincipalFactory>();
        _services = services.BuildServiceProvider();
        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PortalIdentityDbContext>().Database.EnsureCreatedAsync();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<PortalRole>>();
        foreach (var role in PortalRoles.All)
        {
            await roles.CreateAsync(new PortalRole(role));
        }
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _connection.DisposeAsync();
    }

    private async Task<ClaimsPrincipal> PrincipalOfAsync(PortalUser user, string role)
    {
        await using var scope = _services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        Assert.True((await users.CreateAsync(user)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<PortalUser>>().CreateAsync(user);
    }

    [Fact]
    public async Task A_partner_lead_carries_role_partner_name_time_zone_and_culture()
    {
        var user = new PortalUser
        {
            UserName = "lead.kcss@example.org", Email = "lead.kcss@example.org", DisplayName = "Agron Bytyqi",
            PartnerOrganisationId = ConsortiumPartners.Kcss.Id, PreferredCulture = "sq", TimeZoneId = "Europe/Belgrade",
        };

        var principal = await PrincipalOfAsync(user, PortalRoles.PartnerLead);

        Assert.True(principal.IsInRole(PortalRoles.PartnerLead));
        Assert.Equal(ConsortiumPartners.Kcss.Id.ToString(), principal.FindFirstValue(PortalClaimTypes.PartnerOrganisationId));
        Assert.Equal("Agron Bytyqi", principal.FindFirstValue(PortalClaimTypes.DisplayName));
        Assert.Equal("Europe/Belgrade", principal.FindFirstValue(PortalClaimTypes.TimeZone));
        Assert.Equal("sq", principal.FindFirstValue(PortalClaimTypes.Culture));
        Assert.Equal(user.Id.ToString(), principal.FindFirstValue(ClaimTypes.NameIdentifier));
        Assert.False(principal.RequiresTwoFactorSetUp());
    }

    [Fact]
    public async Task A_user_without_partner_has_no_partner_claim()
    {
        var principal = await PrincipalOfAsync(
            new PortalUser { UserName = "guest@example.org", Email = "guest@example.org", DisplayName = "Guest Expert" }, PortalRoles.Guest);

        Assert.Null(principal.FindFirst(PortalClaimTypes.PartnerOrganisationId));
        Assert.True(principal.IsInRole(PortalRoles.Guest));
    }

    [Fact]
    public async Task A_coordinator_without_an_authenticator_must_set_one_up()
    {
        var principal = await PrincipalOfAsync(
            new PortalUser { UserName = "c@example.org", Email = "c@example.org", DisplayName = "Coordinator" }, PortalRoles.Coordinator);

        Assert.Equal("false", principal.FindFirstValue(IdentityClaimTypes.TwoFactorEnabled));
        Assert.True(principal.RequiresTwoFactorSetUp());
    }

    [Fact]
    public async Task A_coordinator_with_an_authenticator_is_let_through()
    {
        var principal = await PrincipalOfAsync(
            new PortalUser { UserName = "c2@example.org", Email = "c2@example.org", DisplayName = "Coordinator", TwoFactorEnabled = true }, PortalRoles.Coordinator);

        Assert.Equal("true", principal.FindFirstValue(IdentityClaimTypes.TwoFactorEnabled));
        Assert.False(principal.RequiresTwoFactorSetUp());
    }

    [Fact]
    public async Task The_display_name_falls_back_to_the_email_address()
    {
        var principal = await PrincipalOfAsync(new PortalUser { UserName = "m@example.org", Email = "m@example.org" }, PortalRoles.Member);

        Assert.Equal("m@example.org", principal.FindFirstValue(PortalClaimTypes.DisplayName));
    }
}
