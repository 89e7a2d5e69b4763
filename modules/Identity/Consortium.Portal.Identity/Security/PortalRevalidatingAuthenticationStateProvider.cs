using System.Security.Claims;
using Consortium.Portal.Identity.Domain;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Consortium.Portal.Identity.Security;

/// <summary>
/// Re-checks the user of every interactive circuit each validation interval: a disabled user, a changed security
/// stamp (new password, sessions revoked) or a session past its absolute time-out signs the circuit out.
/// </summary>
internal sealed class PortalRevalidatingAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopeFactory,
    IOptions<IdentityOptions> identityOptions,
    IOptions<PortalIdentityOptions> portalOptions,
    TimeProvider clock)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => portalOptions.Value.SecurityStampValidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var principal = authenticationState.User;
        var signedInAt = principal.SignedInAt();
        if (signedInAt is null || clock.GetUtcNow() - signedInAt.Value > portalOptions.Value.AbsoluteTimeout)
        {
            return false;
        }
        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.GetUserAsync(principal);
        if (user is null || user.IsDisabled)
        {
            return false;
        }
        if (!users.SupportsUserSecurityStamp)
        {
            return true;
        }
        return principal.FindFirstValue(identityOptions.Value.ClaimsIdentity.SecurityStampClaimType) == await users.GetSecurityStampAsync(user);
    }
}
