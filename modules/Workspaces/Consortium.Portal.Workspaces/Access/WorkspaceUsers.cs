using Consortium.Portal.Identity;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Workspaces.Domain;

namespace Consortium.Portal.Workspaces.Access;

/// <summary>
/// Turns a user id into what the workspace rules need: partner organisation, whether a Guest, whether they manage every
/// workspace. The signed-in user is read from their claims; anyone else from the user directory (whether they manage
/// every workspace, from the Platform's <see cref="IUserPermissionChecker"/>). Answers are kept for
/// the scope (one request, or one operation of a page), so a long-lived circuit never works on an old answer.
/// </summary>
internal sealed class WorkspaceUsers(ICurrentUser currentUser, IUserDirectory directory, IUserPermissionChecker permissions)
{
    private readonly Dictionary<Guid, WorkspaceUser> _known = [];

    /// <summary>The signed-in user; null for an anonymous caller or a background job.</summary>
    public async Task<WorkspaceUser?> CurrentAsync(CancellationToken cancellationToken = default)
        => currentUser.IsAuthenticated && currentUser.Id is { } id ? await FindAsync(id, cancellationToken) : null;

    public async Task<WorkspaceUser> FindAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        if (_known.TryGetValue(userId, out var known))
        {
            return known;
        }
        WorkspaceUser user;
        if (currentUser.IsAuthenticated && currentUser.Id == userId)
        {
            user = new WorkspaceUser(
                userId,
                currentUser.PartnerOrganisationId,
                IsGuest(currentUser.Roles),
                await permissions.IsGrantedAsync(userId, WorkspacePermissions.ManageAll, cancellationToken));
        }
        else if (await directory.FindUserAsync(userId, cancellationToken) is { } found)
        {
            user = new WorkspaceUser(
                userId,
                found.PartnerOrganisationId,
                IsGuest(found.Roles),
                await permissions.IsGrantedAsync(userId, WorkspacePermissions.ManageAll, cancellationToken),
                found.IsDisabled);
        }
        else
        {
            // Not in the directory (an id from another system, or one being set up): direct memberships only, and as a guest.
            user = new WorkspaceUser(userId, null, IsGuest: true, CanManageAll: false);
        }
        _known[userId] = user;
        return user;
    }

    /// <summary>A Guest is an outsider: only what they are invited to directly, even if they also hold another role by mistake.</summary>
    private static bool IsGuest(IReadOnlyList<string> roles) => roles.Contains(PortalRoles.Guest, StringComparer.Ordinal);
}
