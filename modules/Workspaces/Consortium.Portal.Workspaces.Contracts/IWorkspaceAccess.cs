namespace Consortium.Portal.Workspaces;

/// <summary>
/// The one answer to "can user U do X in workspace W", used by Documents, Meetings, Training and Publications.
/// No module reads the Workspaces tables.
/// </summary>
/// <remarks>
/// A user's role in a workspace is the highest of their direct membership and the membership of their partner
/// organisation; a Guest counts only through a direct membership. A user granted <see cref="WorkspacePermissions.ManageAll"/>
/// may do anything in every workspace (as an Owner would) without being a member; <see cref="GetRoleAsync"/> still
/// reports only memberships. An archived workspace is read-only for everyone: only <see cref="WorkspaceAction.View"/> is allowed.
/// A disabled user may do nothing.
/// </remarks>
public interface IWorkspaceAccess
{
    /// <summary>The user's effective role (direct membership or through their partner organisation); null when none.</summary>
    Task<WorkspaceRole?> GetRoleAsync(Guid workspaceId, Guid userId, CancellationToken cancellationToken = default);

    /// <summary>False for a workspace that does not exist, an archived one (for anything but View), or a user without the role.</summary>
    Task<bool> CanAsync(Guid workspaceId, Guid userId, WorkspaceAction action, CancellationToken cancellationToken = default);

    /// <summary>Members with at least <paramref name="minimumRole"/>, expanded from partner memberships.</summary>
    Task<IReadOnlyList<WorkspaceMemberDto>> GetMembersAsync(Guid workspaceId, WorkspaceRole minimumRole = WorkspaceRole.Viewer, CancellationToken cancellationToken = default);

    /// <summary>The workspace's name, null for one that does not exist; ask after the access check (the name is not a secret from its members).</summary>
    Task<string?> GetNameAsync(Guid workspaceId, CancellationToken cancellationToken = default);

    /// <summary>Ids of the workspaces the user may view.</summary>
    Task<IReadOnlyList<Guid>> GetVisibleWorkspaceIdsAsync(Guid userId, CancellationToken cancellationToken = default);
}
