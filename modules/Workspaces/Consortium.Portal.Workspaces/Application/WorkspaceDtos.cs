namespace Consortium.Portal.Workspaces.Application;

/// <summary>A workspace as its reader sees it: what they may do there comes with it, so a page shows only what works.</summary>
/// <param name="AllowedActions">What the reader may do now (an archived workspace allows only View).</param>
/// <param name="CanManage">Whether the reader is an Owner (or manages every workspace): may unarchive an archived one.</param>
public sealed record WorkspaceDetailsDto(
    Guid Id,
    string Name,
    string? Description,
    WorkspaceKind? Kind,
    bool IsArchived,
    DateTime? ArchivedAtUtc,
    DateTime CreatedAtUtc,
    Guid? CreatedBy,
    WorkspaceRole? MyRole,
    IReadOnlyList<WorkspaceAction> AllowedActions,
    bool CanManage,
    int MemberCount,
    Guid ConcurrencyStamp);

/// <summary>A direct membership: a user (<see cref="UserId"/>) or a whole partner organisation (<see cref="PartnerOrganisationId"/>).</summary>
/// <param name="Detail">The user's e-mail address or the partner's full name.</param>
public sealed record WorkspaceMembershipDto(
    Guid Id,
    Guid? UserId,
    Guid? PartnerOrganisationId,
    string Name,
    string? Detail,
    WorkspaceRole Role,
    DateTime AddedAtUtc);

/// <summary>The memberships and the stamp the next change of them must present.</summary>
public sealed record WorkspaceMembersDto(Guid WorkspaceId, Guid ConcurrencyStamp, IReadOnlyList<WorkspaceMembershipDto> Members);

/// <summary>A line of the activity feed, rendered in the reader's language.</summary>
public sealed record WorkspaceActivityDto(Guid Id, DateTime OccurredAtUtc, Guid? ActorUserId, string? ActorName, string Text, string? Link);

/// <summary>Which workspaces a list shows by their archived flag.</summary>
public enum ArchivedFilter
{
    Active,
    Archived,
    All,
}

// Requests keep enums as text, so an unknown value is a field error in the user's language rather than a binding failure.

public sealed record CreateWorkspaceRequest(string? Name, string? Description, string? Kind);

public sealed record UpdateWorkspaceRequest(string? Name, string? Description, string? Kind, Guid? ConcurrencyStamp);

public sealed record ConcurrencyStampRequest(Guid? ConcurrencyStamp);

/// <summary>Adds a user or a whole partner organisation: exactly one of the two ids.</summary>
public sealed record AddMemberRequest(Guid? UserId, Guid? PartnerOrganisationId, string? Role, Guid? ConcurrencyStamp);

public sealed record ChangeMemberRoleRequest(string? Role, Guid? ConcurrencyStamp);
