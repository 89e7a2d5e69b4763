using Consortium.Portal.Platform.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Identity.Security;

/// <summary>
/// Administrators and the coordinator must sign in with a second factor. Until they have set one up, they reach
/// only the account pages and the account API: a page request is sent to the set-up page, anything else gets 403.
/// </summary>
internal sealed class TwoFactorEnrollmentGate(RequestDelegate next)
{
    public const string SetUpPath = "/account/two-factor";

    public async Task InvokeAsync(HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            // Mapped ahead of UseAuthentication the request has no user yet; the handler caches the result per request.
            var result = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
            user = result.Principal ?? user;
        }
        // An error page shown for a failed request is not a way around the gate, and must not be redirected away.
        var reExecuted = context.Features.Get<IExceptionHandlerFeature>() is not null || context.Features.Get<IStatusCodeReExecuteFeature>() is not null;
        // The gate governs the sessions this module issues; other schemes (none in production) answer for themselves.
        var issuedHere = user.Identity?.AuthenticationType == IdentityConstants.ApplicationScheme;
        if (reExecuted || !issuedHere || !user.RequiresTwoFactorSetUp() || IsAllowedBeforeSetUp(context.Request.Path))
        {
            await next(context);
            return;
        }
        var request = context.Request;
        if (!PortalRequests.IsApi(request) && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && !request.Path.StartsWithSegments("/_blazor"))
        {
            var returnUrl = Uri.EscapeDataString(request.PathBase + request.Path + request.QueryString);
            context.Response.Redirect($"{SetUpPath}?returnUrl={returnUrl}");
            return;
        }
        var texts = context.RequestServices.GetRequiredService<IStringLocalizer<IdentityResource>>();
        await StatusProblems.WriteAsync(context, StatusCodes.Status403Forbidden, texts["Problem.TwoFactorSetUpRequired"],
            extensions: new Dictionary<string, object?> { ["twoFactorSetUpRequired"] = true, ["setUpUrl"] = SetUpPath });
    }

    private static bool IsAllowedBeforeSetUp(PathString path)
        => path.StartsWithSegments("/account")
           || path.StartsWithSegments("/api/account")
           || path.StartsWithSegments("/_framework")
           || path.StartsWithSegments("/_content")
           || path.StartsWithSegments("/health")
           || Path.HasExtension(path.Value); // static assets (css, js, images)
}
