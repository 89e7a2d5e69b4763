using Consortium.Portal.Platform.Events;

namespace Consortium.Portal.Workspaces;

public static class WorkspacesModuleName
{
    public const string Value = "Workspaces";
}

public static class WorkspacePermissions
{
    public const string Group = "Workspaces";

    /// <summary>Create a workspace (global right; Coordinator and PartnerLead by default).</summary>
    public const string Create = "Workspaces.Create";

    /// <summary>See and manage every workspace regardless of membership (Administrator, Coordinator).</summary>
    public const string ManageAll = "Workspaces.ManageAll";
}

/// <summary>A member's role in one workspace; a higher value includes the rights of the lower ones.</summary>
public enum WorkspaceRole
{
    Viewer = 1,
    Reviewer = 2,
    Editor = 3,
    Owner = 4,
}

/// <summary>What a user may want to do in a workspace; <see cref="IWorkspaceAccess"/> decides.</summary>
public enum WorkspaceAction
{
    /// <summary>See the workspace, its documents and activity (Viewer and up).</summary>
    View,
    /// <summary>Comment and answer review requests (Reviewer and up).</summary>
    Review,
    /// <summary>Upload, edit, lock, request reviews, manage folders (Editor and up).</summary>
    Edit,
    /// <summary>Rename, archive, manage members, break locks, empty the recycle bin (Owner).</summary>
    Manage,
}

public sealed record WorkspaceSummaryDto(Guid Id, string Name, string? Description, bool IsArchived, WorkspaceRole? MyRole, Guid ConcurrencyStamp);

public sealed record WorkspaceMemberDto(Guid UserId, string DisplayName, WorkspaceRole Role, Guid? ViaPartnerOrganisationId);

/// <summary>
/// The one answer to "can user U do X in workspace W", used by Documents, Meetings, Training and Publications.
/// No module reads the Workspaces tables.
/// </summary>
public interface IWorkspaceAccess
{
    /// <summary>The user's effective role (direct membership or through their partner organisation); null when none.</summary>
    Task<WorkspaceRole?> GetRoleAsync(Guid workspaceId, Guid userId, CancellationToken cancellationToken = default);

    /// <summary>False for a workspace that does not exist, an archived one (for anything but View), or a user without the role.</summary>
    Task<bool> CanAsync(Guid workspaceId, Guid userId, WorkspaceAction action, CancellationToken cancellationToken = default);

    /// <summary>Members with at least <paramref name="minimumRole"/>, expanded from partner memberships.</summary>
    Task<IReadOnlyList<WorkspaceMemberDto>> GetMembersAsync(Guid workspaceId, WorkspaceRole minimumRole = WorkspaceRole.Viewer, CancellationToken cancellationToken = default);

    /// <summary>Ids of the workspaces the user may view.</summary>
    Task<IReadOnlyList<Guid>> GetVisibleWorkspaceIdsAsync(Guid userId, CancellationToken cancellationToken = default);
}

/// <summary>
/// Something happened in a workspace that its activity feed shows. Any module publishes it through the outbox;
/// the Workspaces module stores it. <see cref="ActionKey"/> is a localization key of <see cref="LocalizationResourceName"/>
/// (the module name), rendered with <see cref="Parameters"/> in the reader's language.
/// </summary>
[IntegrationEventName("workspaces.activity")]
public sealed record WorkspaceActivityOccurred(
    Guid WorkspaceId,
    Guid? ActorUserId,
    string LocalizationResourceName,
    string ActionKey,
    IReadOnlyDictionary<string, string> Parameters,
    string? Link,
    DateTime OccurredAtUtc) : IIntegrationEvent;

[IntegrationEventName("workspaces.member-added")]
public sealed record WorkspaceMemberAdded(Guid WorkspaceId, Guid? UserId, Guid? PartnerOrganisationId, WorkspaceRole Role, Guid? AddedBy) : IIntegrationEvent;

[IntegrationEventName("workspaces.archived")]
public sealed record WorkspaceArchived(Guid WorkspaceId) : IIntegrationEvent;
