using Consortium.Portal.Identity.Domain;
using Consortium.Portal.Platform.Web;
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
                return TypedResults.LocalRedirect(LocalUrl.OrHome(returnUrl));
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
    }
}
