using System.Security.Claims;

namespace Consortium.Portal.Platform.Security;

/// <summary>The one place a permission is checked on the server: endpoints, components and services all ask it.</summary>
public interface IPermissionChecker
{
    Task<bool> IsGrantedAsync(ClaimsPrincipal user, string permission, CancellationToken cancellationToken = default);
}

/// <summary>Grants named permissions to global roles; every change is audited.</summary>
public interface IPermissionGrantStore
{
    Task<IReadOnlySet<string>> GetGrantedPermissionsAsync(string role, CancellationToken cancellationToken = default);
    Task SetGrantAsync(string role, string permission, bool granted, CancellationToken cancellationToken = default);
}
