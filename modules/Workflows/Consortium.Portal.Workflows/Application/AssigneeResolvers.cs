using Consortium.Portal.Identity;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Workspaces;

namespace Consortium.Portal.Workflows.Application;

// The engine's own resolvers, one per AssigneeKinds value. Each answers user ids; whether they can sign in and which
// side they are on is read once for all of them (WorkflowContextReader).

/// <summary>The people who hold a portal role.</summary>
internal sealed class PeopleInRole(IUserDirectory users)
{
    // Disabled holders are left out: a role has others to ask, unlike a named person, whose absence is an incident.
    public async Task<IReadOnlyList<Guid>> OfAsync(string role, CancellationToken cancellationToken)
        => (await users.GetUsersInRoleAsync(role, null, cancellationToken)).Where(u => !u.IsDisabled).Select(u => u.Id).ToList();
}

internal sealed class RoleAssignees(PeopleInRole people) : IWorkflowAssigneeResolver
{
    public string Kind => AssigneeKinds.Role;

    public Task<IReadOnlyList<Guid>> ResolveAsync(AssigneeRule rule, WorkflowSubject subject, CancellationToken cancellationToken = default)
        => rule.Role is null ? Task.FromResult<IReadOnlyList<Guid>>([]) : people.OfAsync(rule.Role, cancellationToken);
}

internal sealed class AuthoringPartnerLeadAssignees(IUserDirectory users) : IWorkflowAssigneeResolver
{
    public string Kind => AssigneeKinds.AuthoringPartnerLeads;

    public async Task<IReadOnlyList<Guid>> ResolveAsync(AssigneeRule rule, WorkflowSubject subject, CancellationToken cancellationToken = default)
        => subject.AuthoringPartnerIds.Count == 0
            ? []
            : (await users.GetUsersInRoleAsync(PortalRoles.PartnerLead, subject.AuthoringPartnerIds, cancellationToken)).Select(u => u.Id).ToList();
}

internal sealed class PartnerLeadAssignees(IUserDirectory users) : IWorkflowAssigneeResolver
{
    public string Kind => AssigneeKinds.PartnerLeads;

    // A lead is a lead of some partner: one without a partner (an account half set up) is nobody's lead.
    public async Task<IReadOnlyList<Guid>> ResolveAsync(AssigneeRule rule, WorkflowSubject subject, CancellationToken cancellationToken = default)
        => (await users.GetUsersInRoleAsync(PortalRoles.PartnerLead, null, cancellationToken))
            .Where(u => u.PartnerOrganisationId is not null).Select(u => u.Id).ToList();
}

internal sealed class NamedAssignees : IWorkflowAssigneeResolver
{
    public string Kind => AssigneeKinds.Users;

    public Task<IReadOnlyList<Guid>> ResolveAsync(AssigneeRule rule, WorkflowSubject subject, CancellationToken cancellationToken = default)
        => Task.FromResult<IReadOnlyList<Guid>>(rule.UserIds?.Distinct().ToList() ?? []);
}

/// <summary>The Reviewers of the subject's workspace: that role exactly, not the Editors and Owners above it.</summary>
internal sealed class WorkspaceReviewerAssignees(IWorkspaceAccess workspaces) : IWorkflowAssigneeResolver
{
    public string Kind => AssigneeKinds.WorkspaceReviewers;

    public async Task<IReadOnlyList<Guid>> ResolveAsync(AssigneeRule rule, WorkflowSubject subject, CancellationToken cancellationToken = default)
        => subject.WorkspaceId is { } workspace
            ? (await workspaces.GetMembersAsync(workspace, WorkspaceRole.Reviewer, cancellationToken))
                .Where(m => m.Role == WorkspaceRole.Reviewer).Select(m => m.UserId).Distinct().ToList()
            : [];
}

internal sealed class AuthorAssignees : IWorkflowAssigneeResolver
{
    public string Kind => AssigneeKinds.Authors;

    public Task<IReadOnlyList<Guid>> ResolveAsync(AssigneeRule rule, WorkflowSubject subject, CancellationToken cancellationToken = default)
        => Task.FromResult<IReadOnlyList<Guid>>(subject.AuthorIds.Distinct().ToList());
}
