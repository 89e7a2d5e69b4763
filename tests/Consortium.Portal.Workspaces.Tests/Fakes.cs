using System.Security.Claims;
using Consortium.Portal.Identity;
using Consortium.Portal.Platform.Security;

namespace Consortium.Portal.Workspaces.Tests;

/// <summary>The Identity module's directory as these tests need it (and the roles it gives the Platform): a list of people and the partners.</summary>
internal sealed class InMemoryUserDirectory : IUserDirectory, IRoleDirectory
{
    public List<PortalUserDto> Users { get; } = [];

    public List<PartnerOrganisationDto> Partners { get; } = [];

    public PortalUserDto Add(string name, string role, Guid? partner = null, bool disabled = false)
    {
        var user = new PortalUserDto(Guid.NewGuid(), name.Replace(' ', '.').ToLowerInvariant() + "@kspag.example", name, partner, [role], disabled);
        Users.Add(user);
        return user;
    }

    public Task<PortalUserDto?> FindUserAsync(Guid userId, CancellationToken cancellationToken = default)
        => Task.FromResult(Users.FirstOrDefault(u => u.Id == userId));

    public Task<AccountRoles?> FindAsync(Guid userId, CancellationToken cancellationToken = default)
        => Task.FromResult(Users.FirstOrDefault(u => u.Id == userId) is { } user ? new AccountRoles(user.Roles, user.IsDisabled) : null);

    public Task<PortalUserDto?> FindUserByEmailAsync(string email, CancellationToken cancellationToken = default)
        => Task.FromResult(Users.FirstOrDefault(u => string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase)));

    public Task<IReadOnlyList<PortalUserDto>> GetUsersAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken = default)
        => Task.FromResult<IReadOnlyList<PortalUserDto>>(Users.Where(u => userIds.Contains(u.Id)).ToList());

    public Task<IReadOnlyList<PortalUserDto>> GetPartnerStaffAsync(IReadOnlyCollection<Guid> partnerOrganisationIds, CancellationToken cancellationToken = default)
        => Task.FromResult<IReadOnlyList<PortalUserDto>>(Users.Where(u => u.PartnerOrganisationId is { } p && partnerOrganisationIds.Contains(p)).ToList());

    public Task<IReadOnlyList<PortalUserDto>> GetUsersInRoleAsync(string role, IReadOnlyCollection<Guid>? partnerOrganisationIds = null, CancellationToken cancellationToken = default)
        => Task.FromResult<IReadOnlyList<PortalUserDto>>(Users.Where(u => u.Roles.Contains(role) && (partnerOrganisationIds is null || (u.PartnerOrganisationId is { } p && partnerOrganisationIds.Contains(p)))).ToList());

    public Task<IReadOnlyList<PortalUserDto>> SearchUsersAsync(string text, int maxResults, CancellationToken cancellationToken = default)
        => Task.FromResult<IReadOnlyList<PortalUserDto>>(Users.Where(u => !u.IsDisabled && u.DisplayName.Contains(text, StringComparison.OrdinalIgnoreCase)).Take(maxResults).ToList());

    public Task<IReadOnlyList<PartnerOrganisationDto>> GetPartnersAsync(CancellationToken cancellationToken = default)
        => Task.FromResult<IReadOnlyList<PartnerOrganisationDto>>(Partners);
}

/// <summary>The signed-in user, as claims, the way the portal's sign-in builds them.</summary>
internal sealed class SignedInUser : ICurrentUser
{
    public ClaimsPrincipal Principal { get; set; } = new(new ClaimsIdentity());

    public void SignIn(Guid id, string role, Guid? partner = null)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, id.ToString()), new(ClaimTypes.Name, id + "@kspag.example"), new(ClaimTypes.Role, role) };
        if (partner is { } p)
        {
            claims.Add(new Claim(PortalClaimTypes.PartnerOrganisationId, p.ToString()));
        }
        Principal = new ClaimsPrincipal(new ClaimsIdentity(claims, "Test"));
    }

    public bool IsAuthenticated => Principal.Identity?.IsAuthenticated == true;
    public Guid? Id => Guid.TryParse(Principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
    public string? UserName => Principal.Identity?.Name;
    public Guid? PartnerOrganisationId => Guid.TryParse(Principal.FindFirstValue(PortalClaimTypes.PartnerOrganisationId), out var id) ? id : null;
    public IReadOnlyList<string> Roles => Principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
    public bool IsInRole(string role) => Principal.IsInRole(role);
}

/// <summary>The module's default grants, without a database.</summary>
internal sealed class DefaultGrants : IPermissionChecker
{
    private static readonly Dictionary<string, string[]> Granted = new()
    {
        [WorkspacePermissions.Create] = [PortalRoles.Administrator, PortalRoles.Coordinator, PortalRoles.PartnerLead],
        [WorkspacePermissions.ManageAll] = [PortalRoles.Administrator, PortalRoles.Coordinator],
    };

    public Task<bool> IsGrantedAsync(ClaimsPrincipal user, string permission, CancellationToken cancellationToken = default)
        => Task.FromResult(user.Identity?.IsAuthenticated == true && Granted.TryGetValue(permission, out var roles) && roles.Any(user.IsInRole));
}
