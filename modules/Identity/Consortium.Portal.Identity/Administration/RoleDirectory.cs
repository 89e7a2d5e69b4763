using Consortium.Portal.Platform.Security;

namespace Consortium.Portal.Identity.Administration;

/// <summary>The Platform's view of an account's roles (<see cref="IRoleDirectory"/>), read through the user directory.</summary>
internal sealed class RoleDirectory(IUserDirectory users) : IRoleDirectory
{
    public async Task<AccountRoles?> FindAsync(Guid userId, CancellationToken cancellationToken = default)
        => await users.FindUserAsync(userId, cancellationToken) is { } user ? new AccountRoles(user.Roles, user.IsDisabled) : null;
}
