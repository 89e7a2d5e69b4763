using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Consortium.Portal.Platform.Web;

/// <summary>
/// Makes a cookie scheme answer API requests with 401 and 403 (then written as problem details) instead of
/// redirecting them to the sign-in or access-denied page, which only a browser can follow. Pages keep the redirect.
/// The host applies it to every cookie scheme; the module that configures the sign-in cookie may call it too.
/// </summary>
public static class ApiAwareCookieEvents
{
    public static void Apply(CookieAuthenticationOptions options)
    {
        var events = options.Events ??= new CookieAuthenticationEvents();
        var redirectToLogin = events.OnRedirectToLogin;
        var redirectToAccessDenied = events.OnRedirectToAccessDenied;
        events.OnRedirectToLogin = context =>
        {
            if (!PortalRequests.IsApi(context.Request))
            {
                return redirectToLogin(context);
            }
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        };
        events.OnRedirectToAccessDenied = context =>
        {
            if (!PortalRequests.IsApi(context.Request))
            {
                return redirectToAccessDenied(context);
            }
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        };
    }
}
