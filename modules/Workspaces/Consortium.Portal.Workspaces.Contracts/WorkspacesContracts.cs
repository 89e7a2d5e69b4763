using System.Text.Json.Serialization;
using Consortium.Portal.Platform.Events;

namespace Consortium.Portal.Workspaces;

public static class WorkspacesModuleName
{
    public const string Value = "Workspaces";
}

public static class WorkspacePermissions
{
    public const string Group = "Workspaces";

    /// <summary>Create a workspace (global right; Administrator, Coordinator and PartnerLead by default).</summary>
    public const string Create = "Workspaces.Create";

    /// <summary>See and manage every workspace regardless of membership (Administrator, Coordinator).</summary>
    public const string ManageAll = "Workspaces.ManageAll";
}

public static class WorkspaceConsts
{
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 2000;
}

/// <summary>A member's role in one workspace; a higher value includes the rights of the lower ones.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WorkspaceRole>))]
public enum WorkspaceRole
{
    Viewer = 1,
    Reviewer = 2,
    Editor = 3,
    Owner = 4,
}

/// <summary>What the workspace is for; optional, it helps people find their way among many.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WorkspaceKind>))]
public enum WorkspaceKind
{
    ResearchReport,
    OpEdSeries,
    Forum,
    Training,
    Event,
}

/// <summary>What a user may want to do in a workspace; <see cref="IWorkspaceAccess"/> decides.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WorkspaceAction>))]
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

public static class WorkspaceActions
{
    /// <summary>The lowest workspace role that may do <paramref name="action"/>.</summary>
    public static WorkspaceRole MinimumRole(this WorkspaceAction action) => action switch
    {
        WorkspaceAction.View => WorkspaceRole.Viewer,
        WorkspaceAction.Review => WorkspaceRole.Reviewer,
        WorkspaceAction.Edit => WorkspaceRole.Editor,
        WorkspaceAction.Manage => WorkspaceRole.Owner,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };
}

public sealed record WorkspaceSummaryDto(
    Guid Id,
    string Name,
    string? Description,
    bool IsArchived,
    WorkspaceRole? MyRole,
    Guid ConcurrencyStamp,
    WorkspaceKind? Kind = null);

public sealed record WorkspaceMemberDto(Guid UserId, string DisplayName, WorkspaceRole Role, Guid? ViaPartnerOrganisationId);

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

    /// <summary>Ids of the workspaces the user may view.</summary>
    Task<IReadOnlyList<Guid>> GetVisibleWorkspaceIdsAsync(Guid userId, CancellationToken cancellationToken = default);
}

/// <summary>
/// A tab another module adds to the workspace page (Documents adds "Documents"). The page renders
/// <see cref="Component"/> (a Razor component with a <c>[Parameter] public Guid WorkspaceId</c>) for members who may
/// <see cref="RequiredAction"/>; <see cref="TitleKey"/> is a key of <see cref="LocalizationResource"/>.
/// Tabs are shown by <see cref="Order"/>; the Workspaces module's own tabs are Members (800) and Activity (900).
/// </summary>
public sealed record WorkspaceTab(
    string TitleKey,
    Type LocalizationResource,
    Type Component,
    int Order = 100,
    WorkspaceAction RequiredAction = WorkspaceAction.View);

/// <summary>Contributes tabs to the workspace page; register implementations in the container (any number).</summary>
public interface IWorkspaceTabProvider
{
    IEnumerable<WorkspaceTab> GetTabs();
}

/// <summary>
/// Something happened in a workspace that its activity feed shows. Any module publishes it through the outbox;
/// the Workspaces module stores it (once per message). <see cref="ActionKey"/> is a localization key of the module
/// named <see cref="LocalizationResourceName"/>, rendered in the reader's language. In its text, <c>{actor}</c> is the
/// actor's display name, <c>{name}</c> the value of <see cref="Parameters"/>[name], and <c>{name:t}</c> that value
/// taken as a key of the same resource and translated too (for example a role); <c>{{</c> and <c>}}</c> are braces.
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

/// <summary>A user or a whole partner organisation (exactly one of the two ids) became a member.</summary>
[IntegrationEventName("workspaces.member-added")]
public sealed record WorkspaceMemberAdded(Guid WorkspaceId, Guid? UserId, Guid? PartnerOrganisationId, WorkspaceRole Role, Guid? AddedBy) : IIntegrationEvent;

[IntegrationEventName("workspaces.member-role-changed")]
public sealed record WorkspaceMemberRoleChanged(Guid WorkspaceId, Guid? UserId, Guid? PartnerOrganisationId, WorkspaceRole Role) : IIntegrationEvent;

/// <summary>A membership ended: modules release what the member held there (locks, pending review requests).</summary>
[IntegrationEventName("workspaces.member-removed")]
public sealed record WorkspaceMemberRemoved(Guid WorkspaceId, Guid? UserId, Guid? PartnerOrganisationId) : IIntegrationEvent;

[IntegrationEventName("workspaces.archived")]
public sealed record WorkspaceArchived(Guid WorkspaceId) : IIntegrationEvent;

[IntegrationEventName("workspaces.unarchived")]
public sealed record WorkspaceUnarchived(Guid WorkspaceId) : IIntegrationEvent;
