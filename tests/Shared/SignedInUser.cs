using System.Security.Claims;
using Consortium.Portal.Platform.Security;

namespace Consortium.Portal.Tests;

/// <summary>
/// The signed-in person of a component test, as claims the way the portal's sign-in builds them (name, role, partner,
/// time zone), so what reads the principal and what reads the properties agree (linked into the module test projects).
/// </summary>
internal sealed class SignedInUser : ICurrentUser
{
    public SignedInUser(Guid id, string userName, string? role = null, Guid? partnerOrganisationId = null, string timeZone = "Europe/Belgrade")
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, id.ToString()), new(ClaimTypes.Name, userName), new(PortalClaimTypes.TimeZone, timeZone) };
        if (role is not null)
        {
            claims.Add(new Claim(ClaimTypes.Role, role));
        }
        if (partnerOrganisationId is { } partner)
        {
            claims.Add(new Claim(PortalClaimTypes.PartnerOrganisationId, partner.ToString()));
        }
        Principal = new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
        Id = id;
        UserName = userName;
        PartnerOrganisationId = partnerOrganisationId;
        Roles = role is null ? [] : [role];
    }

    /// <summary>The consortium's coordinator (no partner), a new person each time.</summary>
    public static SignedInUser Coordinator() => new(Guid.NewGuid(), "coordinator@example.org", PortalRoles.Coordinator);

    public ClaimsPrincipal Principal { get; }
    public bool IsAuthenticated => true;
    public Guid? Id { get; }
    public string? UserName { get; }
    public Guid? PartnerOrganisationId { get; }
    public IReadOnlyList<string> Roles { get; }
    public bool IsInRole(string role) => Roles.Contains(role);
}
