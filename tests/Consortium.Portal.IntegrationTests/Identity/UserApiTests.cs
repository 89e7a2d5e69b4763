using System.Net;
using System.Net.Http.Json;
using Consortium.Portal.Identity;
using Consortium.Portal.Identity.Administration;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Platform.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.IntegrationTests.Identity;

public abstract class UserApiTests<TPortal>(TPortal portal) : IClassFixture<TPortal> where TPortal : PortalAppFactory
{
    [Fact]
    public async Task A_partner_lead_sees_only_their_own_partners_staff()
    {
        var lead = await portal.AsAsync(DemoUsers.LeadOf(ConsortiumPartners.Bfpe));

        var users = await lead.GetFromJsonAsync<List<UserSummary>>("/api/identity/users", SignIn.Json);
        var asking = await lead.GetFromJsonAsync<List<UserSummary>>($"/api/identity/users?partnerOrganisationId={ConsortiumPartners.Bprg.Id}", SignIn.Json);

        Assert.NotEmpty(users!);
        Assert.All(users!, u => Assert.Equal(ConsortiumPartners.Bfpe.Id, u.PartnerOrganisationId));
        Assert.Contains(users!, u => u.Email == DemoUsers.MemberOf(ConsortiumPartners.Bfpe, 2));
        Assert.Empty(asking!);
    }

    [Fact]
    public async Task The_coordinator_filters_users_by_partner_and_role()
    {
        var coordinator = await portal.AsAsync(DemoUsers.Coordinator);

        var members = await coordinator.GetFromJsonAsync<List<UserSummary>>(
            $"/api/identity/users?partnerOrganisationId={ConsortiumPartners.Yucom.Id}&role={PortalRoles.Member}", SignIn.Json);
        var leads = await coordinator.GetFromJsonAsync<List<UserSummary>>($"/api/identity/users?role={PortalRoles.PartnerLead}", SignIn.Json);

        Assert.Equal([DemoUsers.MemberOf(ConsortiumPartners.Yucom, 1), DemoUsers.MemberOf(ConsortiumPartners.Yucom, 2)],
            members!.Select(u => u.Email).Order());
        Assert.Equal(ConsortiumPartners.All.Select(DemoUsers.LeadOf).Order(), leads!.Select(u => u.Email).Where(e => e.EndsWith("@demo.portal")).Order());
        Assert.All(leads!, u => Assert.Equal(PortalRoles.PartnerLead, u.Role));
    }

    [Fact]
    public async Task The_coordinator_changes_a_users_role_and_partner()
    {
        var coordinator = await portal.AsAsync(DemoUsers.Coordinator);
        var email = $"promoted.{Guid.NewGuid():N}@example.org";
        var id = await portal.CreateUserAsync(email, PortalRoles.Member, ConsortiumPartners.Kcss.Id, password: null);

        var changed = await coordinator.PutAsJsonAsync($"/api/identity/users/{id}/assignment",
            new { role = PortalRoles.PartnerLead, partnerOrganisationId = ConsortiumPartners.D4D.Id }, SignIn.Json);
        var user = (await coordinator.GetFromJsonAsync<List<UserSummary>>($"/api/identity/users?search={email}", SignIn.Json))!.Single();

        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal((PortalRoles.PartnerLead, (Guid?)ConsortiumPartners.D4D.Id), (user.Role, user.PartnerOrganisationId));
    }

    [Fact]
    public async Task Only_an_administrator_makes_someone_an_administrator()
    {
        var coordinator = await portal.AsAsync(DemoUsers.Coordinator);
        var administrator = await portal.AsAsync(DemoUsers.Administrator);
        var id = await portal.CreateUserAsync($"tech.{Guid.NewGuid():N}@example.org", PortalRoles.Member, ConsortiumPartners.Kcss.Id, password: null);
        var body = new { role = PortalRoles.Administrator, partnerOrganisationId = (Guid?)null };

        var byCoordinator = await coordinator.PutAsJsonAsync($"/api/identity/users/{id}/assignment", body, SignIn.Json);
        var byAdministrator = await administrator.PutAsJsonAsync($"/api/identity/users/{id}/assignment", body, SignIn.Json);

        Assert.Equal(HttpStatusCode.BadRequest, byCoordinator.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, byAdministrator.StatusCode);
    }

    [Fact]
    public async Task Other_modules_find_users_and_partners_through_the_user_directory()
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var directory = scope.ServiceProvider.GetRequiredService<IUserDirectory>();

        var member = await directory.FindUserByEmailAsync(DemoUsers.MemberOf(ConsortiumPartners.EMinS, 2).ToUpperInvariant());
        var byId = await directory.GetUsersAsync([member!.Id, Guid.NewGuid()]);
        var partners = await directory.GetPartnersAsync();

        Assert.Equal(ConsortiumPartners.EMinS.Id, member.PartnerOrganisationId);
        Assert.Equal([PortalRoles.Member], member.Roles);
        Assert.False(member.IsDisabled);
        Assert.Equal(member.Id, Assert.Single(byId).Id);
        Assert.Null(await directory.FindUserAsync(Guid.NewGuid()));
        Assert.All(ConsortiumPartners.All, seeded => Assert.Contains(partners, p => p.Id == seeded.Id && p.Side == seeded.Side));
    }

    [Fact]
    public void Interactive_circuits_use_the_revalidating_provider()
    {
        using var scope = portal.Services.CreateScope();

        var provider = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider>();

        Assert.IsAssignableFrom<Microsoft.AspNetCore.Components.Server.RevalidatingServerAuthenticationStateProvider>(provider);
    }
}

public sealed class UserApiTests_Sqlite(SqlitePortal portal) : UserApiTests<SqlitePortal>(portal);

public sealed class UserApiTests_PostgreSql(PostgreSqlPortal portal) : UserApiTests<PostgreSqlPortal>(portal);
