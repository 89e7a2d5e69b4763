using Consortium.Portal.Platform.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Platform.Localization;

/// <summary>
/// <c>GET /culture/set?culture=sq&amp;returnUrl=/...</c>: where the culture picker sends the browser. It writes the
/// culture cookie, remembers the choice for a signed-in user (when a module stores preferences) and goes back.
/// Public on purpose: the sign-in page offers the picker too.
/// </summary>
public static class CultureSelection
{
    public const string Path = "/culture/set";

    /// <summary>
    /// The language cookie: <c>__Host-</c>, so the browser keeps it only when it is Secure, for the whole site, from this
    /// host alone (no sibling domain can plant a language, nor read this one over plain http).
    /// </summary>
    public const string CookieName = "__Host-Portal.Culture";

    /// <summary>The address that switches to <paramref name="culture"/> and comes back to <paramref name="returnUrl"/>.</summary>
    public static string UrlFor(string culture, string returnUrl)
        => $"{Path}?culture={Uri.EscapeDataString(culture)}&returnUrl={Uri.EscapeDataString(returnUrl)}";

    public static IEndpointConventionBuilder MapCultureSelection(this IEndpointRouteBuilder endpoints)
        => endpoints.MapGet(Path, SetCultureAsync).AllowAnonymous().ExcludeFromDescription();

    private static async Task<Results<RedirectHttpResult, ValidationProblem>> SetCultureAsync(
        string? culture,
        string? returnUrl,
        HttpContext httpContext,
        ICurrentUser currentUser,
        IStringLocalizer<PlatformResource> text,
        [FromServices] IUserPreferenceStore? preferences)
    {
        var chosen = PortalCultures.Normalize(culture);
        var back = string.IsNullOrEmpty(returnUrl) ? "/" : returnUrl;
        var errors = new Dictionary<string, string[]>();
        if (chosen is null)
        {
            errors["culture"] = [text["Culture.Unsupported", culture ?? "", string.Join(", ", PortalCultures.All)]];
        }
        if (!IsLocalUrl(back))
        {
            errors["returnUrl"] = [text["Culture.ReturnUrlNotLocal"]];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: text["Problem.Validation.Title"]);
        }

        httpContext.Response.Cookies.Append(
            CookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen!)),
            new CookieOptions
            {
                Path = "/",
                MaxAge = TimeSpan.FromDays(365),
                HttpOnly = true,
                Secure = true,
                SameSite = SameSiteMode.Lax,
                IsEssential = true,
            });
        if (preferences is not null && currentUser.Id is { } userId)
        {
            await preferences.SetCultureAsync(userId, chosen!);
        }
        return TypedResults.LocalRedirect(back);
    }

    /// <summary>A path on this site ("/x", "~/x"), never another site ("//host", "/\host", "https://...").</summary>
    public static bool IsLocalUrl(string url)
    {
        if (url.Any(char.IsControl))
        {
            return false;
        }
        if (url.StartsWith("~/", StringComparison.Ordinal))
        {
            url = url[1..];
        }
        return url.Length > 0 && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
    }
}
