using Consortium.Portal.Identity.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Consortium.Portal.Identity.Api;

/// <summary>Form posts of the pages that are not pages themselves: signing out from the user menu.</summary>
internal static class AccountFormEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        // A form field makes the endpoint require an antiforgery token, so no other site can sign a user out.
        endpoints.MapPost("/account/sign-out", async (SignInManager<PortalUser> signInManager, [FromForm] string? returnUrl) =>
            {
                await signInManager.SignOutAsync();
                return TypedResults.LocalRedirect(AccountUrls.LocalOrHome(returnUrl));
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
    }
}

internal static class AccountUrls
{
    /// <summary>Only a path on this site: "/x" but not "//evil.example" or "/\evil.example" (open redirects).</summary>
    public static string LocalOrHome(string? url)
        => !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Any(char.IsControl)
            ? url
            : "/";
}
