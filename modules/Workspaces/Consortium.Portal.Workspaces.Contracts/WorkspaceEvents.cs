using Consortium.Portal.Platform.Events;

namespace Consortium.Portal.Workspaces;

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
