using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Consortium.Portal.Identity.Security;

/// <summary>The portal's cookies (ASVS 5.0 session management) and what the application cookie does on each request.</summary>
internal static class SessionCookies
{
    public const string ApplicationCookieName = "__Host-Portal";
    public const string TwoFactorUserIdCookieName = "__Host-Portal.2fa";
    public const string TwoFactorRememberMeCookieName = "__Host-Portal.2fa-remember";
    public const string ExternalCookieName = "__Host-Portal.external";

    /// <summary>A __Host- cookie must be Secure, have Path=/ and no Domain; browsers refuse it otherwise.</summary>
    public static void MakeHostCookie(CookieBuilder cookie, string name)
    {
        cookie.Name = name;
        cookie.SecurePolicy = CookieSecurePolicy.Always;
        cookie.HttpOnly = true;
        cookie.SameSite = SameSiteMode.Lax;
        cookie.Path = "/";
        cookie.Domain = null;
    }

    public static void ConfigureApplicationCookie(CookieAuthenticationOptions cookie, PortalIdentityOptions options)
    {
        MakeHostCookie(cookie.Cookie, ApplicationCookieName);
        cookie.ExpireTimeSpan = options.IdleTimeout;
        cookie.SlidingExpiration = true;
        cookie.LoginPath = "/account/sign-in";
        cookie.LogoutPath = "/account/sign-out";
        cookie.AccessDeniedPath = "/account/access-denied";
        cookie.ReturnUrlParameter = "returnUrl";
        cookie.Events.OnValidatePrincipal = ValidatePrincipalAsync;
        // Pages are sent to sign in; an API request gets its 401/403 problem from the Platform (ApiAwareCookieEvents,
        // which the host puts in front of every cookie scheme's redirects).
        cookie.Events.OnRedirectToLogin = Redirect;
        cookie.Events.OnRedirectToAccessDenied = Redirect;
    }

    /// <summary>Ends a session past its absolute time-out, then lets Identity check the security stamp (disabled user, new password).</summary>
    private static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<PortalIdentityOptions>>().Value;
        var clock = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        var signedInAt = context.Principal?.SignedInAt();
        if (signedInAt is null || clock.GetUtcNow() - signedInAt.Value > options.AbsoluteTimeout)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        // The validator checks the same interval itself, but only after the container has built it, and with it the
        // sign-in manager, user manager and a DbContext: on every request, for the one in a minute that is due.
        var stampOptions = context.HttpContext.RequestServices.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
        if (context.Properties.IssuedUtc is { } issuedAt
            && (stampOptions.TimeProvider ?? clock).GetUtcNow() - issuedAt <= stampOptions.ValidationInterval)
        {
            return;
        }
        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    /// <summary>Keeps what the session knows about its own beginning when the principal is rebuilt from the database.</summary>
    public static Task KeepSessionClaims(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity identity && context.CurrentPrincipal is not null)
        {
            foreach (var claim in context.CurrentPrincipal.Claims.Where(c => c.Type is IdentityClaimTypes.SignedInAt or IdentityClaimTypes.SessionId
                         or "amr" or System.Security.Claims.ClaimTypes.AuthenticationMethod))
            {
                identity.AddClaim(new System.Security.Claims.Claim(claim.Type, claim.Value, claim.ValueType));
            }
        }
        return Task.CompletedTask;
    }

    private static Task Redirect(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
