using System.Security.Claims;
using Consortium.Portal.Identity.Domain;
using Consortium.Portal.Platform.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Consortium.Portal.Identity.Security;

/// <summary>Claims only the Identity module reads; the ones other modules read are in <see cref="PortalClaimTypes"/>.</summary>
internal static class IdentityClaimTypes
{
    /// <summary>When the session began (Unix seconds): the absolute time-out counts from it, across cookie renewals.</summary>
    public const string SignedInAt = "portal:signed-in-at";

    /// <summary>"true" when the user has an authenticator set up; refreshed with the principal every validation interval.</summary>
    public const string TwoFactorEnabled = "portal:2fa";

    /// <summary>The id of the session row (<see cref="Domain.UserSession"/>) the sign-in is kept in.</summary>
    public const string SessionId = "portal:session";
}

/// <summary>Adds the portal's claims (roles come from the base class) to the principal Identity builds for a user.</summary>
internal sealed class PortalClaimsPrincipalFactory(
    UserManager<PortalUser> userManager,
    RoleManager<PortalRole> roleManager,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<PortalUser, PortalRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PortalUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(PortalClaimTypes.DisplayName, string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email ?? "" : user.DisplayName));
        identity.AddClaim(new Claim(PortalClaimTypes.TimeZone, user.TimeZoneId));
        identity.AddClaim(new Claim(PortalClaimTypes.Culture, user.PreferredCulture));
        if (user.PartnerOrganisationId is { } partnerId)
        {
            identity.AddClaim(new Claim(PortalClaimTypes.PartnerOrganisationId, partnerId.ToString()));
        }
        identity.AddClaim(new Claim(IdentityClaimTypes.TwoFactorEnabled, user.TwoFactorEnabled ? "true" : "false"));
        return identity;
    }
}

internal static class PortalPrincipalExtensions
{
    public static bool RequiresTwoFactorSetUp(this ClaimsPrincipal principal)
        => principal.Identity?.IsAuthenticated == true
           && PortalRoles.RequiringTwoFactor.Any(principal.IsInRole)
           && principal.FindFirstValue(IdentityClaimTypes.TwoFactorEnabled) != "true";

    public static DateTimeOffset? SignedInAt(this ClaimsPrincipal principal)
        => long.TryParse(principal.FindFirstValue(IdentityClaimTypes.SignedInAt), out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
}
