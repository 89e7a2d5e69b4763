using System.Security.Claims;
using Consortium.Portal.Platform.Jobs;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Platform.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.Platform.Tests.Jobs;

public sealed class BackgroundJobsDashboardAuthorizationTests
{
    /// <summary>Grants what the role table says, the way the real checker does from the database.</summary>
    private sealed class RoleTable(params (string Role, string Permission)[] grants) : IPermissionChecker
    {
        public Task<bool> IsGrantedAsync(ClaimsPrincipal user, string permission, CancellationToken cancellationToken = default)
            => Task.FromResult(user.Identity?.IsAuthenticated == true
                && grants.Any(g => g.Permission == permission && user.IsInRole(g.Role)));
    }

    private static HttpContext Request(ClaimsPrincipal user) => new DefaultHttpContext
    {
        User = user,
        RequestServices = new ServiceCollection()
            .AddSingleton<IPermissionChecker>(new RoleTable(
                (PortalRoles.Administrator, PlatformPermissions.BackgroundJobs.View),
                (PortalRoles.Coordinator, PlatformPermissions.AuditLog.View)))
            .BuildServiceProvider(),
    };

    [Fact]
    public async Task An_administrator_may_open_the_dashboard()
    {
        var user = PlatformTestHost.User(Guid.NewGuid(), "admin@kspag.example", PortalRoles.Administrator);

        Assert.True(await BackgroundJobsDashboardAuthorization.IsAllowedAsync(Request(user)));
    }

    [Theory]
    [InlineData(PortalRoles.Coordinator)]
    [InlineData(PortalRoles.PartnerLead)]
    [InlineData(PortalRoles.Member)]
    [InlineData(PortalRoles.Guest)]
    public async Task Other_roles_may_not_open_the_dashboard(string role)
    {
        var user = PlatformTestHost.User(Guid.NewGuid(), "someone@kspag.example", role);

        Assert.False(await BackgroundJobsDashboardAuthorization.IsAllowedAsync(Request(user)));
    }

    [Fact]
    public async Task An_anonymous_visitor_may_not_open_the_dashboard()
    {
        var anonymous = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, PortalRoles.Administrator)]));

        Assert.False(await BackgroundJobsDashboardAuthorization.IsAllowedAsync(Request(anonymous)));
    }
}
