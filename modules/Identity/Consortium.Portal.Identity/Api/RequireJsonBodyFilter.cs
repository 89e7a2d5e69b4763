using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Identity.Api;

/// <summary>
/// Refuses a request body that is not JSON. A browser form on another site can post url-encoded or plain text without
/// asking first, but not JSON: requiring it keeps cross-site requests away from cookie-authenticated endpoints.
/// </summary>
internal sealed class RequireJsonBodyFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (!context.HttpContext.Request.HasJsonContentType())
        {
            var localizer = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<IdentityResource>>();
            return TypedResults.Problem(title: localizer["Problem.JsonRequired"], statusCode: StatusCodes.Status415UnsupportedMediaType);
        }
        return await next(context);
    }
}
