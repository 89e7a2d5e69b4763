using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Http;

namespace Consortium.Portal.Platform.Security;

/// <summary>
/// The principal of the current scope. In a request it is the request's user; in an interactive circuit
/// (where there is no HttpContext) the circuit handler keeps it in step with the authentication state;
/// in a background job it is nobody unless the job sets one.
/// </summary>
public sealed class CurrentPrincipal
{
    public ClaimsPrincipal? Principal { get; set; }
}

internal sealed class CurrentUser(CurrentPrincipal holder, IHttpContextAccessor httpContextAccessor) : ICurrentUser
{
    private static readonly ClaimsPrincipal Anonymous = new(new ClaimsIdentity());

    public ClaimsPrincipal Principal => holder.Principal ?? httpContextAccessor.HttpContext?.User ?? Anonymous;

    public bool IsAuthenticated => Principal.Identity?.IsAuthenticated == true;

    public Guid? Id => Guid.TryParse(Principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public string? UserName => IsAuthenticated ? Principal.Identity!.Name : null;

    public Guid? PartnerOrganisationId =>
        Guid.TryParse(Principal.FindFirstValue(PortalClaimTypes.PartnerOrganisationId), out var id) ? id : null;

    public IReadOnlyList<string> Roles => Principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();

    public bool IsInRole(string role) => Principal.IsInRole(role);
}

/// <summary>Keeps <see cref="CurrentPrincipal"/> of a circuit's scope equal to its authentication state.</summary>
internal sealed class CurrentPrincipalCircuitHandler(CurrentPrincipal holder, AuthenticationStateProvider authenticationStateProvider)
    : CircuitHandler, IDisposable
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        holder.Principal = (await authenticationStateProvider.GetAuthenticationStateAsync()).User;
        authenticationStateProvider.AuthenticationStateChanged += OnChanged;
    }

    private async void OnChanged(Task<AuthenticationState> state)
    {
        try
        {
            holder.Principal = (await state).User;
        }
        catch (Exception)
        {
            holder.Principal = null; // a failed revalidation signs the circuit out
        }
    }

    public void Dispose() => authenticationStateProvider.AuthenticationStateChanged -= OnChanged;
}
