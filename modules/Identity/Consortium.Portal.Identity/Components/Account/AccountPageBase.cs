using Consortium.Portal.Identity.Api;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Identity.Components.Account;

/// <summary>
/// The account pages: static server-rendered forms (they set cookies on the HTTP response), in the account layout.
/// </summary>
public abstract class AccountPageBase : ComponentBase
{
    [CascadingParameter] protected HttpContext HttpContext { get; set; } = default!;

    [Inject] protected IStringLocalizer<IdentityResource> L { get; set; } = default!;

    [Inject] protected NavigationManager Navigation { get; set; } = default!;

    [SupplyParameterFromQuery] protected string? ReturnUrl { get; set; }

    protected bool IsPost => HttpMethods.IsPost(HttpContext.Request.Method);

    protected string SafeReturnUrl => AccountUrls.LocalOrHome(ReturnUrl);

    /// <summary>A page link that carries the return URL along.</summary>
    protected string WithReturnUrl(string path)
        => string.IsNullOrEmpty(ReturnUrl) ? path : $"{path}?returnUrl={Uri.EscapeDataString(SafeReturnUrl)}";

    /// <summary>Ends the request with a redirect; the caller returns right after.</summary>
    protected void RedirectTo(string url) => Navigation.NavigateTo(url);
}
