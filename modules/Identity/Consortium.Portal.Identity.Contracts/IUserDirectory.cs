namespace Consortium.Portal.Identity;

/// <summary>What other modules may ask the Identity module about users and partners.</summary>
public interface IUserDirectory
{
    Task<PortalUserDto?> FindUserAsync(Guid userId, CancellationToken cancellationToken = default);
    Task<PortalUserDto?> FindUserByEmailAsync(string email, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<PortalUserDto>> GetUsersAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken = default);
    /// <summary>The staff of these partner organisations (disabled users included, flagged).</summary>
    Task<IReadOnlyList<PortalUserDto>> GetPartnerStaffAsync(IReadOnlyCollection<Guid> partnerOrganisationIds, CancellationToken cancellationToken = default);
    /// <summary>
    /// The holders of the portal role <paramref name="role"/> (disabled users included, flagged); with
    /// <paramref name="partnerOrganisationIds"/>, only the staff of those partners.
    /// </summary>
    Task<IReadOnlyList<PortalUserDto>> GetUsersInRoleAsync(string role, IReadOnlyCollection<Guid>? partnerOrganisationIds = null, CancellationToken cancellationToken = default);
    /// <summary>Enabled users whose name or e-mail contains <paramref name="text"/>, by name, at most <paramref name="maxResults"/>.</summary>
    Task<IReadOnlyList<PortalUserDto>> SearchUsersAsync(string text, int maxResults, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<PartnerOrganisationDto>> GetPartnersAsync(CancellationToken cancellationToken = default);
}
