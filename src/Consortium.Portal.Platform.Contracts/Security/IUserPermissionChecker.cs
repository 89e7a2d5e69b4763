namespace Consortium.Portal.Platform.Security;

/// <summary>
/// Whether the user with an id holds a permission, for code that is given a user rather than a request (the
/// notifications hub, access checks for other people). The current user is answered from their claims; anyone else
/// from the roles the account holds now (<see cref="IRoleDirectory"/>); a disabled account holds nothing.
/// </summary>
public interface IUserPermissionChecker
{
    Task<bool> IsGrantedAsync(Guid userId, string permission, CancellationToken cancellationToken = default);
}
