using System.Security.Claims;

namespace Consortium.Portal.Platform.Security;

/// <summary>
/// The one answer to "does the user with this id hold this permission" (<see cref="IUserPermissionChecker"/>). Public so
/// a module's unit tests can check their rules with the real one over fakes of its three services.
/// </summary>
public sealed class UserPermissionChecker(ICurrentUser currentUser, IEnumerable<IRoleDirectory> roleDirectories, IPermissionChecker permissions)
    : IUserPermissionChecker
{
    public async Task<bool> IsGrantedAsync(Guid userId, string permission, CancellationToken cancellationToken = default)
    {
        if (currentUser.IsAuthenticated && currentUser.Id == userId)
        {
            return await permissions.IsGrantedAsync(currentUser.Principal, permission, cancellationToken);
        }
        // Someone else (or a scope without a request, such as the hub's): their roles as the account holds them now.
        var account = roleDirectories.FirstOrDefault() is { } directory ? await directory.FindAsync(userId, cancellationToken) : null;
        if (account is not { IsDisabled: false })
        {
            return false;
        }
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, userId.ToString()), .. account.Roles.Select(r => new Claim(ClaimTypes.Role, r))],
            authenticationType: "RoleDirectory"));
        return await permissions.IsGrantedAsync(principal, permission, cancellationToken);
    }
}
