using System.Security.Claims;
using Consortium.Portal.Identity.Domain;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Consortium.Portal.Identity.Security;

/// <summary>
/// Re-checks the user of every interactive circuit each validation interval: a disabled user, a changed security
/// stamp (new password, sessions revoked), an ended session or a session past its absolute time-out signs the circuit out.
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
        // An ended session (signed out elsewhere, ended from the sessions page) ends its open circuits too.
        if (Account.AccountSessions.CurrentSessionOf(principal) is { } sessionId
            && !await scope.ServiceProvider.GetRequiredService<Data.PortalIdentityDbContext>().Sessions.AnyAsync(s => s.Id == sessionId, cancellationToken))
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
