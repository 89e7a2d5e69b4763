using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Security;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Identity.Administration;

public sealed record PermissionRow(string Permission, string Group, string GroupDisplayName, string DisplayName, IReadOnlyDictionary<string, bool> GrantedTo);

/// <summary>The grid of roles × permissions that administrators edit; display names in the reader's language.</summary>
internal sealed class RolePermissions(
    PermissionDefinitionCatalog definitions,
    IPermissionGrantStore grants,
    IStringLocalizerFactory localizerFactory,
    ICurrentUser currentUser,
    IPermissionChecker permissions)
{
    public async Task<IReadOnlyList<PermissionRow>> GetGridAsync(CancellationToken cancellationToken = default)
    {
        await DemandAsync(cancellationToken);
        var granted = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var role in PortalRoles.All)
        {
            granted[role] = await grants.GetGrantedPermissionsAsync(role, cancellationToken);
        }
        return definitions.All
            .OrderBy(d => d.Group, StringComparer.Ordinal).ThenBy(d => d.Name, StringComparer.Ordinal)
            .Select(d => new PermissionRow(d.Name, d.Group, Localized(d.LocalizationResource, "PermissionGroup:" + d.Group, d.Group), Localized(d.LocalizationResource, d.DisplayNameKey, d.Name),
                PortalRoles.All.ToDictionary(r => r, r => granted[r].Contains(d.Name), StringComparer.Ordinal)))
            .ToList();
    }

    public async Task SetAsync(string role, string permission, bool granted, CancellationToken cancellationToken = default)
    {
        await DemandAsync(cancellationToken);
        if (!PortalRoles.All.Contains(role) || !definitions.IsDefined(permission))
        {
            throw new EntityNotFoundException("PermissionGrant", $"{role}/{permission}");
        }
        if (IsLocked(role, permission) && !granted)
        {
            throw new DomainRuleException("Roles.CannotRevokeOwnManagement", typeof(IdentityResource));
        }
        await grants.SetGrantAsync(role, permission, granted, cancellationToken);
    }

    /// <summary>Administrators keep the right to manage permissions, or nobody could give it back.</summary>
    public static bool IsLocked(string role, string permission)
        => role == PortalRoles.Administrator && permission == IdentityPermissions.Roles.ManagePermissions;

    /// <summary>Display names come from the defining module's own resource.</summary>
    private string Localized(Type resource, string key, string fallback)
    {
        var text = localizerFactory.Create(resource)[key];
        return text.ResourceNotFound ? fallback : text.Value;
    }

    private async Task DemandAsync(CancellationToken cancellationToken)
    {
        if (!await permissions.IsGrantedAsync(currentUser.Principal, IdentityPermissions.Roles.ManagePermissions, cancellationToken))
        {
            throw new ForbiddenException("Managing permissions needs the Identity.Roles.ManagePermissions permission.");
        }
    }
}
