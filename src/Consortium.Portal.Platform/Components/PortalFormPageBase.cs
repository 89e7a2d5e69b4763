using System.Security.Claims;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Platform.Web;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Platform.Components;

/// <summary>
/// The one base of the portal's static server-rendered form pages (signing in, resetting a password, accepting an
/// invitation): pages that must answer on the HTTP response itself, to set a cookie or redirect, so they cannot be
/// interactive. It gives the module's texts (<see cref="L"/>), the current user, the return URL kept safe, and
/// <c>RunAsync</c>, which shows a refusal the way <see cref="PortalComponentBase{TResource}"/> does: the messages
/// under each field and the summary in <see cref="Problem"/>, in the user's language. There is no snackbar on a
/// static page, so every refusal is shown in place.
/// </summary>
public abstract class PortalFormPageBase<TResource> : ComponentBase
{
    [CascadingParameter] protected HttpContext HttpContext { get; set; } = default!;

    [Inject] protected IStringLocalizer<TResource> L { get; set; } = default!;

    [Inject] protected NavigationManager Navigation { get; set; } = default!;

    [Inject] protected ICurrentUser CurrentUser { get; set; } = default!;

    [Inject] private IStringLocalizerFactory Localizers { get; set; } = default!;

    [SupplyParameterFromQuery] protected string? ReturnUrl { get; set; }

    /// <summary>The user of the request (anonymous on most of these pages).</summary>
    protected ClaimsPrincipal User => CurrentUser.Principal;

    protected bool IsPost => HttpMethods.IsPost(HttpContext.Request.Method);

    /// <summary>The return URL if it stays on this site, otherwise the home page.</summary>
    protected string SafeReturnUrl => LocalUrl.OrHome(ReturnUrl);

    /// <summary>What the last submission was refused for; null when nothing was.</summary>
    protected PageProblem? Problem { get; private set; }

    /// <summary>The messages of one field (by its JSON name, e.g. "email") of the last refused submission.</summary>
    protected string? FieldError(string field)
        => Problem?.FieldErrors.TryGetValue(field, out var messages) == true ? string.Join(" ", messages) : null;

    /// <summary>A page link that carries the return URL along.</summary>
    protected string WithReturnUrl(string path)
        => string.IsNullOrEmpty(ReturnUrl) ? path : $"{path}?returnUrl={Uri.EscapeDataString(SafeReturnUrl)}";

    /// <summary>Ends the request with a redirect; the caller returns right after.</summary>
    protected void RedirectTo(string url) => Navigation.NavigateTo(url);

    /// <summary>Refuses the submission with <paramref name="message"/>, under <paramref name="field"/> when it is about one.</summary>
    protected void Refuse(string message, string? field = null)
        => Problem = new PageProblem(message,
            field is null ? PageProblem.NoFieldErrors : new Dictionary<string, string[]> { [field] = [message] }, IsConflict: false);

    /// <summary>Runs <paramref name="operation"/> in the request's scope; true when it succeeded, false when it was refused (and shown).</summary>
    protected async Task<bool> RunAsync(Func<Task> operation)
    {
        Problem = null;
        try
        {
            await operation();
            return true;
        }
        catch (Exception e) when (PageProblem.IsRefusal(e))
        {
            Problem = PageProblem.Of(e, Localizers);
            return false;
        }
    }
}
