using System.Security.Claims;

namespace Consortium.Portal.Platform.Security;

/// <summary>Who is acting: the signed-in user of the request or interactive circuit, or nobody (a background job).</summary>
public interface ICurrentUser
{
    bool IsAuthenticated { get; }
    Guid? Id { get; }
    string? UserName { get; }
    Guid? PartnerOrganisationId { get; }
    IReadOnlyList<string> Roles { get; }
    ClaimsPrincipal Principal { get; }
    bool IsInRole(string role);
}

/// <summary>Claim types the portal adds to a signed-in principal.</summary>
public static class PortalClaimTypes
{
    public const string PartnerOrganisationId = "portal:partner";
    public const string DisplayName = "portal:display-name";
    public const string TimeZone = "portal:tz";
    public const string Culture = "portal:culture";
}
