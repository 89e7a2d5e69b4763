using System.Globalization;
using System.Security.Claims;
using Consortium.Portal.Identity.Domain;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Consortium.Portal.Identity.Security;

/// <summary>
/// Identity's sign-in manager with the portal's rules: a disabled user cannot sign in nor keep a session, and every
/// session remembers when it began so the absolute time-out survives cookie renewals.
/// </summary>
internal sealed class PortalSignInManager(
    UserManager<PortalUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<PortalUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<PortalUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<PortalUser> confirmation,
    TimeProvider clock)
    : SignInManager<PortalUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(PortalUser user)
        => !user.IsDisabled && await base.CanSignInAsync(user);

    public override async Task<PortalUser?> ValidateSecurityStampAsync(ClaimsPrincipal? principal)
    {
        var user = await base.ValidateSecurityStampAsync(principal);
        return user is { IsDisabled: false } ? user : null;
    }

    public override async Task<PortalUser?> ValidateTwoFactorSecurityStampAsync(ClaimsPrincipal? principal)
    {
        var user = await base.ValidateTwoFactorSecurityStampAsync(principal);
        return user is { IsDisabled: false } ? user : null;
    }

    public override Task SignInWithClaimsAsync(PortalUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        var claims = additionalClaims.ToList();
        if (!claims.Any(c => c.Type == IdentityClaimTypes.SignedInAt))
        {
            claims.Add(new Claim(IdentityClaimTypes.SignedInAt,
                clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64));
        }
        // Sessions end with the browser; the idle and absolute time-outs bound them before that.
        authenticationProperties ??= new AuthenticationProperties();
        authenticationProperties.IsPersistent = false;
        return base.SignInWithClaimsAsync(user, authenticationProperties, claims);
    }

    /// <summary>Re-issues the cookie after a change to the user (2FA set up), keeping how and when the session began.</summary>
    public override async Task RefreshSignInAsync(PortalUser user)
    {
        var auth = await Context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (auth.Principal is null || UserManager.GetUserId(auth.Principal) != user.Id.ToString())
        {
            return;
        }
        var kept = auth.Principal.Claims
            .Where(c => c.Type is ClaimTypes.AuthenticationMethod or "amr" or IdentityClaimTypes.SignedInAt)
            .Select(c => new Claim(c.Type, c.Value, c.ValueType))
            .ToList();
        await SignInWithClaimsAsync(user, auth.Properties, kept);
    }
}
