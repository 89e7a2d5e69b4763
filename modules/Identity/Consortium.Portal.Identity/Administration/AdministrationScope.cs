using Consortium.Portal.Platform.Security;

namespace Consortium.Portal.Identity.Administration;

/// <summary>
/// Whose users the current user administers: everyone's with <see cref="IdentityPermissions.Users.Manage"/>,
/// otherwise (a partner lead) only their own partner's staff, and only as Member or PartnerLead.
/// </summary>
internal sealed record AdministrationScope(Guid? UserId, bool ManagesEveryone, Guid? OwnPartnerId, bool IsAdministrator)
{
    public static readonly IReadOnlyList<string> RolesAPartnerLeadMayGrant = [PortalRoles.Member, PortalRoles.PartnerLead];

    public static async Task<AdministrationScope> OfAsync(ICurrentUser user, IPermissionChecker permissions, CancellationToken cancellationToken)
        => new(user.Id,
            await permissions.IsGrantedAsync(user.Principal, IdentityPermissions.Users.Manage, cancellationToken),
            user.PartnerOrganisationId,
            user.IsInRole(PortalRoles.Administrator));

    public bool MaySee(Guid? partnerId) => ManagesEveryone || (OwnPartnerId is not null && partnerId == OwnPartnerId);

    /// <summary>The roles this user may give: Administrator only by administrators, partner leads only their staff roles.</summary>
    public IReadOnlyList<string> GrantableRoles => ManagesEveryone
        ? PortalRoles.All.Where(r => IsAdministrator || r != PortalRoles.Administrator).ToList()
        : RolesAPartnerLeadMayGrant;
}
