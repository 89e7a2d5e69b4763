using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Workspaces.Domain;

namespace Consortium.Portal.Workspaces.Tests;

public sealed class WorkspaceRulesTests
{
    private static readonly DateTime Now = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Bprg = Guid.NewGuid();
    private static readonly Guid Bcsp = Guid.NewGuid();

    private static readonly Guid CreatorId = Guid.NewGuid();

    private static Workspace NewWorkspace() => Workspace.Create(Guid.NewGuid(), "  Op-ed series 2026 ", null, WorkspaceKind.OpEdSeries, CreatorId, Now);

    private static WorkspaceUser Staff(Guid? partner = null) => new(Guid.NewGuid(), partner, IsGuest: false, CanManageAll: false);

    [Fact]
    public void The_creator_becomes_the_only_owner()
    {
        var workspace = NewWorkspace();

        var owner = Assert.Single(workspace.Members);
        Assert.Equal(CreatorId, owner.UserId);
        Assert.Equal(WorkspaceRole.Owner, owner.Role);
        Assert.Equal("Op-ed series 2026", workspace.Name);
        Assert.Equal(CreatorId, workspace.CreatedBy);
    }

    [Fact]
    public void The_last_owner_cannot_be_removed()
    {
        var workspace = NewWorkspace();

        var refusal = Assert.Throws<DomainRuleException>(() => workspace.RemoveMember(workspace.Members[0].Id));

        Assert.Equal(WorkspaceErrors.LastOwner, refusal.MessageKey);
        Assert.Single(workspace.Members);
    }

    [Theory]
    [InlineData(WorkspaceRole.Editor)]
    [InlineData(WorkspaceRole.Reviewer)]
    [InlineData(WorkspaceRole.Viewer)]
    public void The_last_owner_cannot_be_demoted(WorkspaceRole lower)
    {
        var workspace = NewWorkspace();

        var refusal = Assert.Throws<DomainRuleException>(() => workspace.ChangeRole(workspace.Members[0].Id, lower));

        Assert.Equal(WorkspaceErrors.LastOwner, refusal.MessageKey);
        Assert.Equal(WorkspaceRole.Owner, workspace.Members[0].Role);
    }

    [Fact]
    public void An_owner_can_step_down_once_another_person_owns_the_workspace()
    {
        var workspace = NewWorkspace();
        var colleague = workspace.AddUser(Guid.NewGuid(), WorkspaceRole.Editor, CreatorId, Now);
        workspace.ChangeRole(colleague.Id, WorkspaceRole.Owner);

        workspace.ChangeRole(workspace.Members[0].Id, WorkspaceRole.Viewer);
        workspace.RemoveMember(workspace.Members[0].Id);

        Assert.Equal(colleague, Assert.Single(workspace.Members));
    }

    [Fact]
    public void A_partner_organisation_that_owns_the_workspace_does_not_count_as_its_owner_person()
    {
        var workspace = NewWorkspace();
        workspace.AddPartner(Bprg, WorkspaceRole.Owner, CreatorId, Now);

        var refusal = Assert.Throws<DomainRuleException>(() => workspace.RemoveMember(workspace.Members[0].Id));

        Assert.Equal(WorkspaceErrors.LastOwner, refusal.MessageKey);
    }

    [Fact]
    public void A_partner_owner_membership_can_be_removed_while_a_person_owns_the_workspace()
    {
        var workspace = NewWorkspace();
        var partner = workspace.AddPartner(Bprg, WorkspaceRole.Owner, CreatorId, Now);

        workspace.RemoveMember(partner.Id);

        Assert.Single(workspace.Members);
    }

    [Fact]
    public void The_effective_role_is_the_highest_of_the_direct_and_the_partner_membership()
    {
        var workspace = NewWorkspace();
        var member = Staff(Bcsp);
        workspace.AddUser(member.Id, WorkspaceRole.Viewer, CreatorId, Now);
        workspace.AddPartner(Bcsp, WorkspaceRole.Editor, CreatorId, Now);

        Assert.Equal(WorkspaceRole.Editor, workspace.RoleOf(member));

        workspace.ChangeRole(workspace.Members.Single(m => m.UserId == member.Id).Id, WorkspaceRole.Owner);
        Assert.Equal(WorkspaceRole.Owner, workspace.RoleOf(member));
    }

    [Fact]
    public void Staff_of_a_member_partner_organisation_are_members_and_staff_of_another_are_not()
    {
        var workspace = NewWorkspace();
        workspace.AddPartner(Bprg, WorkspaceRole.Reviewer, CreatorId, Now);

        Assert.Equal(WorkspaceRole.Reviewer, workspace.RoleOf(Staff(Bprg)));
        Assert.Null(workspace.RoleOf(Staff(Bcsp)));
        Assert.Null(workspace.RoleOf(Staff()));
        Assert.False(workspace.IsVisibleTo(Staff(Bcsp)));
    }

    [Fact]
    public void A_guest_sees_only_workspaces_they_are_invited_to_directly()
    {
        var workspace = NewWorkspace();
        workspace.AddPartner(Bprg, WorkspaceRole.Editor, CreatorId, Now);
        var guestOfBprg = new WorkspaceUser(Guid.NewGuid(), Bprg, IsGuest: true, CanManageAll: false);

        Assert.Null(workspace.RoleOf(guestOfBprg));
        Assert.False(workspace.IsVisibleTo(guestOfBprg));

        workspace.AddUser(guestOfBprg.Id, WorkspaceRole.Reviewer, CreatorId, Now);
        Assert.Equal(WorkspaceRole.Reviewer, workspace.RoleOf(guestOfBprg));
        Assert.True(workspace.Allows(guestOfBprg, WorkspaceAction.Review));
        Assert.False(workspace.Allows(guestOfBprg, WorkspaceAction.Edit));
    }

    [Theory]
    [InlineData(WorkspaceRole.Viewer, WorkspaceAction.View, true)]
    [InlineData(WorkspaceRole.Viewer, WorkspaceAction.Review, false)]
    [InlineData(WorkspaceRole.Reviewer, WorkspaceAction.Review, true)]
    [InlineData(WorkspaceRole.Reviewer, WorkspaceAction.Edit, false)]
    [InlineData(WorkspaceRole.Editor, WorkspaceAction.Edit, true)]
    [InlineData(WorkspaceRole.Editor, WorkspaceAction.Manage, false)]
    [InlineData(WorkspaceRole.Owner, WorkspaceAction.Manage, true)]
    public void A_role_allows_its_actions_and_those_of_lower_roles_only(WorkspaceRole role, WorkspaceAction action, bool allowed)
    {
        var workspace = NewWorkspace();
        var member = Staff();
        workspace.AddUser(member.Id, role, CreatorId, Now);

        Assert.Equal(allowed, workspace.Allows(member, action));
    }

    [Fact]
    public void Someone_who_manages_every_workspace_may_do_anything_without_being_a_member()
    {
        var workspace = NewWorkspace();
        var coordinator = new WorkspaceUser(Guid.NewGuid(), null, IsGuest: false, CanManageAll: true);

        Assert.Null(workspace.RoleOf(coordinator));
        Assert.True(workspace.IsVisibleTo(coordinator));
        Assert.All(Enum.GetValues<WorkspaceAction>(), action => Assert.True(workspace.Allows(coordinator, action)));
    }

    [Fact]
    public void An_archived_workspace_allows_viewing_only_even_to_its_owner()
    {
        var workspace = NewWorkspace();
        var owner = new WorkspaceUser(CreatorId, null, IsGuest: false, CanManageAll: false);
        workspace.Archive(Now);

        Assert.True(workspace.Allows(owner, WorkspaceAction.View));
        Assert.False(workspace.Allows(owner, WorkspaceAction.Review));
        Assert.False(workspace.Allows(owner, WorkspaceAction.Edit));
        Assert.False(workspace.Allows(owner, WorkspaceAction.Manage));
        Assert.True(workspace.HasRoleFor(owner, WorkspaceAction.Manage));
    }

    [Fact]
    public void An_archived_workspace_refuses_changes_until_it_is_unarchived()
    {
        var workspace = NewWorkspace();
        workspace.Archive(Now);

        Assert.Equal(WorkspaceErrors.Archived, Assert.Throws<WorkspaceStateConflictException>(() => workspace.Describe("Renamed", null, null)).MessageKey);
        Assert.Equal(WorkspaceErrors.Archived, Assert.Throws<WorkspaceStateConflictException>(() => workspace.AddUser(Guid.NewGuid(), WorkspaceRole.Viewer, CreatorId, Now)).MessageKey);
        Assert.Equal(WorkspaceErrors.Archived, Assert.Throws<WorkspaceStateConflictException>(() => workspace.Archive(Now)).MessageKey);

        workspace.Unarchive();
        workspace.Describe("Renamed", null, null);
        Assert.Equal("Renamed", workspace.Name);
        Assert.Null(workspace.ArchivedAtUtc);
    }

    [Fact]
    public void Unarchiving_an_active_workspace_is_refused()
    {
        var refusal = Assert.Throws<WorkspaceStateConflictException>(() => NewWorkspace().Unarchive());

        Assert.Equal(WorkspaceErrors.NotArchived, refusal.MessageKey);
        Assert.Equal(409, refusal.StatusCode);
    }

    [Fact]
    public void A_user_or_a_partner_is_a_member_once()
    {
        var workspace = NewWorkspace();
        workspace.AddPartner(Bprg, WorkspaceRole.Viewer, CreatorId, Now);

        Assert.Equal(WorkspaceErrors.AlreadyMember, Assert.Throws<WorkspaceStateConflictException>(() => workspace.AddUser(CreatorId, WorkspaceRole.Viewer, CreatorId, Now)).MessageKey);
        Assert.Equal(WorkspaceErrors.AlreadyMember, Assert.Throws<WorkspaceStateConflictException>(() => workspace.AddPartner(Bprg, WorkspaceRole.Editor, CreatorId, Now)).MessageKey);
        Assert.Equal(2, workspace.Members.Count);
    }

    [Fact]
    public void A_disabled_user_may_do_nothing_even_as_owner()
    {
        var workspace = NewWorkspace();
        var disabledOwner = new WorkspaceUser(CreatorId, null, IsGuest: false, CanManageAll: false, IsDisabled: true);

        Assert.False(workspace.IsVisibleTo(disabledOwner));
        Assert.False(workspace.Allows(disabledOwner, WorkspaceAction.View));
    }

    [Fact]
    public void Membership_changes_raise_the_events_other_modules_follow()
    {
        var workspace = NewWorkspace();
        var member = workspace.AddUser(Guid.NewGuid(), WorkspaceRole.Viewer, CreatorId, Now);
        workspace.ChangeRole(member.Id, WorkspaceRole.Editor);
        workspace.RemoveMember(member.Id);
        workspace.Archive(Now);

        var events = ((IAggregateRoot)workspace).PendingEvents;
        Assert.Collection(events,
            e => Assert.Equal(new WorkspaceMemberAdded(workspace.Id, CreatorId, null, WorkspaceRole.Owner, CreatorId), e),
            e => Assert.Equal(new WorkspaceMemberAdded(workspace.Id, member.UserId, null, WorkspaceRole.Viewer, CreatorId), e),
            e => Assert.Equal(new WorkspaceMemberRoleChanged(workspace.Id, member.UserId, null, WorkspaceRole.Editor), e),
            e => Assert.Equal(new WorkspaceMemberRemoved(workspace.Id, member.UserId, null), e),
            e => Assert.Equal(new WorkspaceArchived(workspace.Id), e));
    }
}
