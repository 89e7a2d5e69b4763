namespace Consortium.Portal.Platform.Security;

/// <summary>An account's roles as they are now, and whether it is disabled.</summary>
public sealed record AccountRoles(IReadOnlyList<string> Roles, bool IsDisabled);

/// <summary>
/// The roles of any account, for the Platform's checks of a user other than the current one, which must not depend on
/// the module that owns users. Implemented by that module (Identity); without one, only the current user holds anything.
/// </summary>
public interface IRoleDirectory
{
    /// <summary>The account's roles, or null when there is no such account.</summary>
    Task<AccountRoles?> FindAsync(Guid userId, CancellationToken cancellationToken = default);
}
