using Consortium.Portal.Platform.Domain;

namespace Consortium.Portal.Workspaces.Domain;

/// <summary>
/// Where a team works on something: a research report, an op-ed series, the Forum, a training programme.
/// Its members are users and whole partner organisations, each with a workspace role. It always keeps at least one
/// user who is an Owner directly (a partner organisation may have no staff at a given moment, a person always answers).
/// An archived workspace is read-only until an Owner unarchives it.
/// </summary>
public sealed class Workspace : AggregateRoot<Guid>, IAuditedEntity
{
    private readonly List<WorkspaceMembership> _members = [];

    private Workspace() { }

    public string Name { get; private set; } = "";
    public string? Description { get; private set; }
    public WorkspaceKind? Kind { get; private set; }
    public bool IsArchived { get; private set; }
    public DateTime? ArchivedAtUtc { get; private set; }

    public IReadOnlyList<WorkspaceMembership> Members => _members;

    public DateTime CreatedAtUtc { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTime? ModifiedAtUtc { get; set; }
    public Guid? ModifiedBy { get; set; }

    /// <summary>A new workspace whose creator is its first Owner.</summary>
    public static Workspace Create(Guid id, string name, string? description, WorkspaceKind? kind, Guid creatorUserId, DateTime nowUtc)
    {
        var workspace = new Workspace { Id = id, CreatedBy = creatorUserId };
        workspace.Describe(name, description, kind);
        workspace.AddUser(creatorUserId, WorkspaceRole.Owner, creatorUserId, nowUtc);
        return workspace;
    }

    public void Describe(string name, string? description, WorkspaceKind? kind)
    {
        EnsureNotArchived();
        Name = name.Trim();
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        Kind = kind;
    }

    public void Archive(DateTime nowUtc)
    {
        EnsureNotArchived();
        IsArchived = true;
        ArchivedAtUtc = nowUtc;
        Raise(new WorkspaceArchived(Id));
    }

    public void Unarchive()
    {
        if (!IsArchived)
        {
            throw new WorkspaceStateConflictException(WorkspaceErrors.NotArchived);
        }
        IsArchived = false;
        ArchivedAtUtc = null;
        Raise(new WorkspaceUnarchived(Id));
    }

    public WorkspaceMembership AddUser(Guid userId, WorkspaceRole role, Guid? addedBy, DateTime nowUtc)
    {
        EnsureNotArchived();
        if (_members.Any(m => m.UserId == userId))
        {
            throw new WorkspaceStateConflictException(WorkspaceErrors.AlreadyMember);
        }
        return Add(WorkspaceMembership.ForUser(Id, userId, role, addedBy, nowUtc));
    }

    public WorkspaceMembership AddPartner(Guid partnerOrganisationId, WorkspaceRole role, Guid? addedBy, DateTime nowUtc)
    {
        EnsureNotArchived();
        if (_members.Any(m => m.PartnerOrganisationId == partnerOrganisationId))
        {
            throw new WorkspaceStateConflictException(WorkspaceErrors.AlreadyMember);
        }
        return Add(WorkspaceMembership.ForPartner(Id, partnerOrganisationId, role, addedBy, nowUtc));
    }

    public void ChangeRole(Guid membershipId, WorkspaceRole role)
    {
        EnsureNotArchived();
        var membership = Membership(membershipId);
        if (membership.Role == role)
        {
            return;
        }
        if (role != WorkspaceRole.Owner)
        {
            EnsureAnotherOwnerThan(membership);
        }
        membership.Role = role;
        Raise(new WorkspaceMemberRoleChanged(Id, membership.UserId, membership.PartnerOrganisationId, role));
    }

    public WorkspaceMembership RemoveMember(Guid membershipId)
    {
        EnsureNotArchived();
        var membership = Membership(membershipId);
        EnsureAnotherOwnerThan(membership);
        _members.Remove(membership);
        Raise(new WorkspaceMemberRemoved(Id, membership.UserId, membership.PartnerOrganisationId));
        return membership;
    }

    /// <summary>
    /// The user's role here: the highest of their direct membership and their partner organisation's; a Guest counts
    /// only through a direct membership. Null when they are not a member.
    /// </summary>
    public WorkspaceRole? RoleOf(WorkspaceUser user)
    {
        WorkspaceRole? role = null;
        foreach (var membership in _members)
        {
            var applies = membership.UserId == user.Id
                          || (!user.IsGuest && user.PartnerOrganisationId is { } partner && membership.PartnerOrganisationId == partner);
            if (applies && (role is null || membership.Role > role))
            {
                role = membership.Role;
            }
        }
        return role;
    }

    /// <summary>Whether the user may see the workspace at all: a member, or someone who manages every workspace.</summary>
    public bool IsVisibleTo(WorkspaceUser user) => !user.IsDisabled && (user.CanManageAll || RoleOf(user) is not null);

    /// <summary>
    /// Whether the user may do <paramref name="action"/> here. Managing every workspace counts as being its Owner;
    /// an archived workspace allows nothing but viewing.
    /// </summary>
    public bool Allows(WorkspaceUser user, WorkspaceAction action)
    {
        if (!IsVisibleTo(user))
        {
            return false;
        }
        if (IsArchived && action != WorkspaceAction.View)
        {
            return false;
        }
        return HasRoleFor(user, action);
    }

    /// <summary>Whether the user's role (or managing every workspace) is enough for the action, archived or not.</summary>
    public bool HasRoleFor(WorkspaceUser user, WorkspaceAction action)
        => !user.IsDisabled && (user.CanManageAll || RoleOf(user) >= action.MinimumRole());

    public WorkspaceMembership Membership(Guid membershipId)
        => _members.FirstOrDefault(m => m.Id == membershipId) ?? throw new EntityNotFoundException(nameof(WorkspaceMembership), membershipId);

    private WorkspaceMembership Add(WorkspaceMembership membership)
    {
        _members.Add(membership);
        Raise(new WorkspaceMemberAdded(Id, membership.UserId, membership.PartnerOrganisationId, membership.Role, membership.AddedBy));
        return membership;
    }

    private void EnsureAnotherOwnerThan(WorkspaceMembership membership)
    {
        if (membership is { UserId: not null, Role: WorkspaceRole.Owner }
            && !_members.Any(m => m != membership && m.UserId is not null && m.Role == WorkspaceRole.Owner))
        {
            throw new DomainRuleException(WorkspaceErrors.LastOwner, typeof(WorkspacesResource));
        }
    }

    private void EnsureNotArchived()
    {
        if (IsArchived)
        {
            throw new WorkspaceStateConflictException(WorkspaceErrors.Archived);
        }
    }
}

/// <summary>A user's or a whole partner organisation's place in a workspace (exactly one of the two ids is set).</summary>
public sealed class WorkspaceMembership : Entity<Guid>
{
    private WorkspaceMembership() { }

    public Guid WorkspaceId { get; private set; }
    public Guid? UserId { get; private set; }
    public Guid? PartnerOrganisationId { get; private set; }
    public WorkspaceRole Role { get; internal set; }
    public DateTime AddedAtUtc { get; private set; }
    public Guid? AddedBy { get; private set; }

    internal static WorkspaceMembership ForUser(Guid workspaceId, Guid userId, WorkspaceRole role, Guid? addedBy, DateTime nowUtc)
        => new() { Id = Guid.CreateVersion7(), WorkspaceId = workspaceId, UserId = userId, Role = role, AddedBy = addedBy, AddedAtUtc = nowUtc };

    internal static WorkspaceMembership ForPartner(Guid workspaceId, Guid partnerOrganisationId, WorkspaceRole role, Guid? addedBy, DateTime nowUtc)
        => new() { Id = Guid.CreateVersion7(), WorkspaceId = workspaceId, PartnerOrganisationId = partnerOrganisationId, Role = role, AddedBy = addedBy, AddedAtUtc = nowUtc };
}

/// <summary>Who asks, as far as workspace rules care.</summary>
/// <param name="IsGuest">In the global role Guest: counts only through direct memberships.</param>
/// <param name="CanManageAll">Granted <see cref="WorkspacePermissions.ManageAll"/>.</param>
public sealed record WorkspaceUser(Guid Id, Guid? PartnerOrganisationId, bool IsGuest, bool CanManageAll, bool IsDisabled = false);

/// <summary>Keys of the refusals the workspace rules give, in <see cref="WorkspacesResource"/>.</summary>
public static class WorkspaceErrors
{
    public const string LastOwner = "Error.LastOwner";
    public const string Archived = "Error.Archived";
    public const string NotArchived = "Error.NotArchived";
    public const string AlreadyMember = "Error.AlreadyMember";
}

/// <summary>
/// A request the workspace's present state refuses (a change while it is archived, a member added twice): 409, since
/// the same request may succeed once the state changes.
/// </summary>
public sealed class WorkspaceStateConflictException(string messageKey) : DomainRuleException(messageKey, typeof(WorkspacesResource))
{
    public override int StatusCode => 409;
}
