using Consortium.Portal.Identity.Security;
using Microsoft.AspNetCore.Http;

namespace Consortium.Portal.Identity.Api;

/// <summary>
/// Gives an RFC 7807 body to the module's API errors that the framework answers with an empty body before any
/// endpoint code runs: a body that is not JSON (415) or cannot be read (400), an unknown route (404).
/// </summary>
internal sealed class EmptyErrorProblems(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        var response = context.Response;
        if (response.StatusCode < 400 || response.HasStarted || response.ContentLength is not null || !string.IsNullOrEmpty(response.ContentType)
            || !(context.Request.Path.StartsWithSegments("/api/account") || context.Request.Path.StartsWithSegments("/api/identity")))
        {
            return;
        }
        var titleKey = response.StatusCode switch
        {
            StatusCodes.Status400BadRequest => "Problem.BadRequest",
            StatusCodes.Status415UnsupportedMediaType => "Problem.JsonRequired",
            StatusCodes.Status404NotFound => "Problem.NotFound",
            StatusCodes.Status401Unauthorized => "Problem.SignInRequired",
            StatusCodes.Status403Forbidden => "Problem.Forbidden",
            _ => "IdentityError.Default",
        };
        await SessionCookies.WriteProblemAsync(context, response.StatusCode, titleKey);
    }
}
