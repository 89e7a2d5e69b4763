using Consortium.Portal.Identity;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Platform.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.IntegrationTests.Identity;

/// <summary>What other modules ask the user directory: a partner's staff, a role's holders, and people by part of their name.</summary>
public abstract class UserDirectoryStaffTests<TPortal>(TPortal portal) : IClassFixture<TPortal> where TPortal : PortalAppFactory
{
    private async Task<T> AskAsync<T>(Func<IUserDirectory, Task<T>> question)
    {
        portal.CreatePortalClient(); // starts the portal, which seeds the demo users
        await using var scope = portal.Services.CreateAsyncScope();
        return await question(scope.ServiceProvider.GetRequiredService<IUserDirectory>());
    }

    [Fact]
    public async Task A_partners_staff_are_its_lead_and_members()
    {
        var staff = await AskAsync(d => d.GetPartnerStaffAsync([ConsortiumPartners.Bcsp.Id, ConsortiumPartners.Kcss.Id]));
        var none = await AskAsync(d => d.GetPartnerStaffAsync([]));

        Assert.Equal(6, staff.Count(u => u.PartnerOrganisationId == ConsortiumPartners.Bcsp.Id || u.PartnerOrganisationId == ConsortiumPartners.Kcss.Id));
        Assert.All(staff, u => Assert.Contains(u.PartnerOrganisationId, new Guid?[] { ConsortiumPartners.Bcsp.Id, ConsortiumPartners.Kcss.Id }));
        Assert.Contains(staff, u => u.DisplayName == "Milena Kostić" && u.Roles.Contains(PortalRoles.PartnerLead));
        Assert.Empty(none);
    }

    [Fact]
    public async Task People_are_found_by_part_of_their_name_or_address_accents_aside()
    {
        var byName = await AskAsync(d => d.SearchUsersAsync("kostic", 10));
        var byAddress = await AskAsync(d => d.SearchUsersAsync("lead.yucom", 10));
        var limited = await AskAsync(d => d.SearchUsersAsync("demo.portal", 3));

        Assert.Equal("Milena Kostić", Assert.Single(byName).DisplayName);
        Assert.Equal(DemoUsers.LeadOf(ConsortiumPartners.Yucom), Assert.Single(byAddress).Email);
        Assert.Equal(3, limited.Count);
    }

    [Fact]
    public async Task The_holders_of_a_role_are_found_for_every_partner_or_for_some()
    {
        var leads = await AskAsync(d => d.GetUsersInRoleAsync(PortalRoles.PartnerLead));
        var serbianLeads = await AskAsync(d => d.GetUsersInRoleAsync(PortalRoles.PartnerLead, [ConsortiumPartners.Bcsp.Id]));
        var coordinators = await AskAsync(d => d.GetUsersInRoleAsync(PortalRoles.Coordinator));
        var ofNoPartner = await AskAsync(d => d.GetUsersInRoleAsync(PortalRoles.PartnerLead, []));

        Assert.All(leads, u => Assert.Contains(PortalRoles.PartnerLead, u.Roles));
        Assert.Contains(leads, u => u.Email == DemoUsers.LeadOf(ConsortiumPartners.Yucom));
        Assert.Equal("Milena Kostić", Assert.Single(serbianLeads).DisplayName);
        Assert.Contains(coordinators, u => u.Email == DemoUsers.Coordinator);
        Assert.DoesNotContain(coordinators, u => u.Email == DemoUsers.LeadOf(ConsortiumPartners.Yucom));
        Assert.Empty(ofNoPartner);
    }

    [Fact]
    public async Task A_disabled_user_is_not_offered()
    {
        var email = $"disabled.{Guid.NewGuid():N}@example.org";
        var id = await portal.CreateUserAsync(email, PortalRoles.Member, ConsortiumPartners.D4D.Id, password: null);
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Portal.Identity.Domain.PortalUser>>();
            var user = (await users.FindByIdAsync(id.ToString()))!;
            user.IsDisabled = true;
            await users.UpdateAsync(user);
        }

        Assert.Empty(await AskAsync(d => d.SearchUsersAsync(email, 10)));
        Assert.Contains(await AskAsync(d => d.GetPartnerStaffAsync([ConsortiumPartners.D4D.Id])), u => u.Id == id && u.IsDisabled);
        Assert.Contains(await AskAsync(d => d.GetUsersInRoleAsync(PortalRoles.Member, [ConsortiumPartners.D4D.Id])), u => u.Id == id && u.IsDisabled);
    }
}

public sealed class UserDirectoryStaffTests_Sqlite(SqlitePortal portal) : UserDirectoryStaffTests<SqlitePortal>(portal);

public sealed class UserDirectoryStaffTests_PostgreSql(PostgreSqlPortal portal) : UserDirectoryStaffTests<PostgreSqlPortal>(portal);
