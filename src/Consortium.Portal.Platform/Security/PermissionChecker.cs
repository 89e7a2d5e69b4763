using System.Security.Claims;

namespace Consortium.Portal.Platform.Security;

/// <summary>Answers whether a signed-in user holds a permission through any of their roles.</summary>
internal sealed class PermissionChecker(IPermissionGrantStore grants, PermissionDefinitionCatalog definitions) : IPermissionChecker
{
    public async Task<bool> IsGrantedAsync(ClaimsPrincipal user, string permission, CancellationToken cancellationToken = default)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return false;
        }
        if (!definitions.IsDefined(permission))
        {
            // A check of a name nobody defined is a bug; refusing keeps it from becoming a hole.
            return false;
        }
        foreach (var role in user.FindAll(ClaimTypes.Role).Select(c => c.Value))
        {
            if ((await grants.GetGrantedPermissionsAsync(role, cancellationToken)).Contains(permission))
            {
                return true;
            }
        }
        return false;
    }
}
