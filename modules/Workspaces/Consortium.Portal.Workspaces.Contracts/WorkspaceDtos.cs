using System.Text.Json.Serialization;

namespace Consortium.Portal.Workspaces;

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
