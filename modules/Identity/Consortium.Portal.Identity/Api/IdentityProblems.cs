using Consortium.Portal.Identity.Administration;
using Consortium.Portal.Platform.Domain;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Identity.Api;

/// <summary>Turns the module's refusals into RFC 7807 problems in the caller's language.</summary>
internal sealed class IdentityProblemFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var localizer = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<IdentityResource>>();
        try
        {
            return await next(context);
        }
        catch (IdentityValidationException e)
        {
            return TypedResults.ValidationProblem(e.Errors, title: localizer["Problem.Validation"]);
        }
        catch (DomainRuleException e)
        {
            var factory = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizerFactory>();
            return TypedResults.Problem(title: factory.Create(e.LocalizationResource)[e.MessageKey, e.Arguments], statusCode: e.StatusCode);
        }
        catch (ForbiddenException)
        {
            return TypedResults.Problem(title: localizer["Problem.Forbidden"], statusCode: StatusCodes.Status403Forbidden);
        }
        catch (EntityNotFoundException)
        {
            return TypedResults.Problem(title: localizer["Problem.NotFound"], statusCode: StatusCodes.Status404NotFound);
        }
        catch (Exception e) when (e is ConcurrencyConflictException or DbUpdateConcurrencyException)
        {
            return TypedResults.Problem(title: localizer["Problem.Conflict"], detail: localizer["Problem.ConflictDetail"], statusCode: StatusCodes.Status409Conflict);
        }
    }
}

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
