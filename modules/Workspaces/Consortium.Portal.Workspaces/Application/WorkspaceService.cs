using Consortium.Portal.Identity;
using Consortium.Portal.Platform;
using Consortium.Portal.Platform.Auditing;
using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Events;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Platform.Validation;
using Consortium.Portal.Workspaces.Access;
using Consortium.Portal.Workspaces.Data;
using Consortium.Portal.Workspaces.Domain;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Workspaces.Application;

/// <summary>
/// What the API and the pages do with workspaces, always as the signed-in user and always checked here, on the server.
/// A workspace the user may not see is "not found" (its existence is not leaked); one they may see but not change is
/// "forbidden"; both refusals are written to the audit log. Every change is conditional on the concurrency stamp the
/// caller read, and records its line in the activity feed through the outbox, in the same transaction. Requests are
/// checked by their validators here too, since the pages call this service without the API's filter.
/// </summary>
internal sealed class WorkspaceService(
    WorkspacesDbContext db,
    WorkspaceUsers users,
    IUserDirectory directory,
    IPermissionChecker permissions,
    ICurrentUser currentUser,
    IIntegrationEventPublisher publisher,
    IAuditLog auditLog,
    TimeProvider clock,
    IStringLocalizer<WorkspacesResource> text,
    IStringLocalizer<PlatformResource> platformText,
    IValidator<WorkspaceListQuery> listQueries,
    IValidator<CreateWorkspaceRequest> creations,
    IValidator<UpdateWorkspaceRequest> updates,
    IValidator<ConcurrencyStampRequest> stamps,
    IValidator<AddMemberRequest> additions,
    IValidator<ChangeMemberRoleRequest> roleChanges)
{
    public const string RefusedAuditAction = "workspaces.access-refused";

    public async Task<IReadOnlyList<WorkspaceSummaryDto>> ListAsync(WorkspaceListQuery query, CancellationToken cancellationToken = default)
    {
        await listQueries.EnsureValidAsync(query, cancellationToken);
        var (filter, onlyMine) = (query.ArchivedFilter, query.Mine ?? false);
        var user = await RequireUserAsync(cancellationToken);

        var visible = onlyMine ? db.Workspaces.MemberOf(user) : db.Workspaces.VisibleTo(user);
        visible = filter switch
        {
            ArchivedFilter.Active => visible.Where(w => !w.IsArchived),
            ArchivedFilter.Archived => visible.Where(w => w.IsArchived),
            _ => visible,
        };
        var workspaces = await visible.AsNoTracking().Include(w => w.Members).ToListAsync(cancellationToken);
        return workspaces
            .OrderBy(w => w.Name, StringComparer.CurrentCultureIgnoreCase)
            .Select(w => new WorkspaceSummaryDto(w.Id, w.Name, w.Description, w.IsArchived, w.RoleOf(user), w.ConcurrencyStamp, w.Kind))
            .ToList();
    }

    public async Task<WorkspaceDetailsDto> GetAsync(Guid workspaceId, CancellationToken cancellationToken = default)
    {
        var (workspace, user) = await LoadAsync(workspaceId, WorkspaceAction.View, "view", cancellationToken);
        return Details(workspace, user);
    }

    public async Task<bool> CanCreateAsync(CancellationToken cancellationToken = default)
        => await permissions.IsGrantedAsync(currentUser.Principal, WorkspacePermissions.Create, cancellationToken);

    public async Task<WorkspaceDetailsDto> CreateAsync(CreateWorkspaceRequest request, CancellationToken cancellationToken = default)
    {
        var user = await RequireUserAsync(cancellationToken);
        if (!await CanCreateAsync(cancellationToken))
        {
            await RefuseAsync(null, "create", "permission", cancellationToken);
            throw new ForbiddenException($"Creating a workspace needs the permission {WorkspacePermissions.Create}.");
        }
        await creations.EnsureValidAsync(request, cancellationToken);

        var workspace = Workspace.Create(Guid.CreateVersion7(), request.Name!.Trim(), WorkspaceRules.Description(request.Description),
            WorkspaceRules.Kind(request.Kind), user.Id, Now);
        db.Workspaces.Add(workspace);
        Record(workspace, "Activity.Created", ("name", workspace.Name));
        await db.SaveChangesAsync(cancellationToken);
        return Details(workspace, user);
    }

    public async Task<WorkspaceDetailsDto> UpdateAsync(Guid workspaceId, UpdateWorkspaceRequest request, CancellationToken cancellationToken = default)
    {
        var (workspace, user) = await LoadAsync(workspaceId, WorkspaceAction.Manage, "update", cancellationToken);
        await updates.EnsureValidAsync(request, cancellationToken);

        var before = (workspace.Name, workspace.Description, workspace.Kind);
        workspace.Describe(request.Name!.Trim(), WorkspaceRules.Description(request.Description), WorkspaceRules.Kind(request.Kind));
        if (workspace.Name != before.Name)
        {
            Record(workspace, "Activity.Renamed", ("from", before.Name), ("to", workspace.Name));
        }
        if (workspace.Description != before.Description || workspace.Kind != before.Kind)
        {
            Record(workspace, "Activity.DescriptionChanged");
        }
        await SaveAsync(workspace, request.ConcurrencyStamp!.Value, cancellationToken);
        return Details(workspace, user);
    }

    public async Task<WorkspaceDetailsDto> ArchiveAsync(Guid workspaceId, ConcurrencyStampRequest request, CancellationToken cancellationToken = default)
    {
        var (workspace, user) = await LoadAsync(workspaceId, WorkspaceAction.Manage, "archive", cancellationToken);
        await stamps.EnsureValidAsync(request, cancellationToken);
        workspace.Archive(Now);
        Record(workspace, "Activity.Archived");
        await SaveAsync(workspace, request.ConcurrencyStamp!.Value, cancellationToken);
        return Details(workspace, user);
    }

    public async Task<WorkspaceDetailsDto> UnarchiveAsync(Guid workspaceId, ConcurrencyStampRequest request, CancellationToken cancellationToken = default)
    {
        var (workspace, user) = await LoadAsync(workspaceId, WorkspaceAction.Manage, "unarchive", cancellationToken);
        await stamps.EnsureValidAsync(request, cancellationToken);
        workspace.Unarchive();
        Record(workspace, "Activity.Unarchived");
        await SaveAsync(workspace, request.ConcurrencyStamp!.Value, cancellationToken);
        return Details(workspace, user);
    }

    public async Task<WorkspaceMembersDto> GetMembersAsync(Guid workspaceId, CancellationToken cancellationToken = default)
    {
        var (workspace, _) = await LoadAsync(workspaceId, WorkspaceAction.View, "members", cancellationToken);
        return await MembersOfAsync(workspace, cancellationToken);
    }

    public async Task<WorkspaceMembersDto> AddMemberAsync(Guid workspaceId, AddMemberRequest request, CancellationToken cancellationToken = default)
    {
        var (workspace, user) = await LoadAsync(workspaceId, WorkspaceAction.Manage, "add-member", cancellationToken);
        await additions.EnsureValidAsync(request, cancellationToken);
        var role = WorkspaceRules.Role(request.Role);
        var memberName = request.UserId is { } userId
            ? (await directory.FindUserAsync(userId, cancellationToken))?.DisplayName
            : (await directory.GetPartnersAsync(cancellationToken)).FirstOrDefault(p => p.Id == request.PartnerOrganisationId)?.ShortName;

        var membership = request.UserId is { } newUser
            ? workspace.AddUser(newUser, role, user.Id, Now)
            : workspace.AddPartner(request.PartnerOrganisationId!.Value, role, user.Id, Now);
        db.Memberships.Add(membership);
        Record(workspace, "Activity.MemberAdded", ("member", memberName ?? text["Member.UnknownUser"]), ("role", RoleKey(role)));
        await SaveAsync(workspace, request.ConcurrencyStamp!.Value, cancellationToken);
        return await MembersOfAsync(workspace, cancellationToken);
    }

    public async Task<WorkspaceMembersDto> ChangeMemberRoleAsync(Guid workspaceId, Guid membershipId, ChangeMemberRoleRequest request, CancellationToken cancellationToken = default)
    {
        var (workspace, _) = await LoadAsync(workspaceId, WorkspaceAction.Manage, "change-member-role", cancellationToken);
        await roleChanges.EnsureValidAsync(request, cancellationToken);
        var role = WorkspaceRules.Role(request.Role);

        var membership = workspace.Membership(membershipId);
        var before = membership.Role;
        workspace.ChangeRole(membershipId, role);
        if (before != role)
        {
            Record(workspace, "Activity.MemberRoleChanged",
                ("member", await NameOfAsync(membership, cancellationToken)), ("from", RoleKey(before)), ("to", RoleKey(role)));
        }
        await SaveAsync(workspace, request.ConcurrencyStamp!.Value, cancellationToken);
        return await MembersOfAsync(workspace, cancellationToken);
    }

    public async Task<WorkspaceMembersDto> RemoveMemberAsync(Guid workspaceId, Guid membershipId, Guid? concurrencyStamp, CancellationToken cancellationToken = default)
    {
        // The stamp comes in the query string (a DELETE has no body), so it is checked here rather than by a validator,
        // and before anything is read, as every module's stamp is: a request without one changes and reads nothing.
        var stamp = ConcurrencyStamps.Required(concurrencyStamp, platformText);
        var (workspace, _) = await LoadAsync(workspaceId, WorkspaceAction.Manage, "remove-member", cancellationToken);
        var membership = workspace.RemoveMember(membershipId);
        db.Memberships.Remove(membership);
        Record(workspace, "Activity.MemberRemoved", ("member", await NameOfAsync(membership, cancellationToken)));
        await SaveAsync(workspace, stamp, cancellationToken);
        return await MembersOfAsync(workspace, cancellationToken);
    }

    /// <summary>
    /// Loads the workspace with its members for <paramref name="action"/>. Not there or not visible: 404 (and an audit
    /// line, since guessing ids is what it looks like); visible but the role is too low: 403 (audited too). Whether an
    /// archived workspace may change is the aggregate's rule, so an Owner hears that it is archived, not that they are not allowed.
    /// </summary>
    internal async Task<(Workspace Workspace, WorkspaceUser User)> LoadAsync(Guid workspaceId, WorkspaceAction action, string operation, CancellationToken cancellationToken)
    {
        var user = await RequireUserAsync(cancellationToken);
        var workspace = await db.Workspaces.Include(w => w.Members).FirstOrDefaultAsync(w => w.Id == workspaceId, cancellationToken);
        if (workspace is null || !workspace.IsVisibleTo(user))
        {
            await RefuseAsync(workspaceId, operation, workspace is null ? "not-found" : "not-a-member", cancellationToken);
            throw new EntityNotFoundException(nameof(Workspace), workspaceId);
        }
        if (!workspace.HasRoleFor(user, action))
        {
            await RefuseAsync(workspaceId, operation, $"role-below-{action.MinimumRole()}", cancellationToken);
            throw new ForbiddenException($"Workspace {workspaceId}: {operation} needs the role {action.MinimumRole()}.");
        }
        return (workspace, user);
    }

    private async Task<WorkspaceUser> RequireUserAsync(CancellationToken cancellationToken)
        => await users.CurrentAsync(cancellationToken) ?? throw new ForbiddenException("Workspaces are for signed-in users.");

    private Task RefuseAsync(Guid? workspaceId, string operation, string reason, CancellationToken cancellationToken)
        => auditLog.WriteAsync(new AuditRecord(RefusedAuditAction, nameof(Workspace), workspaceId?.ToString(), $"{operation}: {reason}"), cancellationToken);

    private async Task SaveAsync(Workspace workspace, Guid stamp, CancellationToken cancellationToken)
    {
        db.ExpectConcurrencyStamp(workspace, stamp);
        // Named for the Platform's mapping: a 409 with the code "Workspace.Stale".
        await db.SaveOrConflictAsync(nameof(Workspace), workspace.Id, cancellationToken);
    }

    private WorkspaceDetailsDto Details(Workspace workspace, WorkspaceUser user) => new(
        workspace.Id,
        workspace.Name,
        workspace.Description,
        workspace.Kind,
        workspace.IsArchived,
        workspace.ArchivedAtUtc,
        workspace.CreatedAtUtc,
        workspace.CreatedBy,
        workspace.RoleOf(user),
        Enum.GetValues<WorkspaceAction>().Where(a => workspace.Allows(user, a)).ToList(),
        workspace.HasRoleFor(user, WorkspaceAction.Manage),
        workspace.Members.Count,
        workspace.ConcurrencyStamp);

    private async Task<WorkspaceMembersDto> MembersOfAsync(Workspace workspace, CancellationToken cancellationToken)
    {
        var userIds = workspace.Members.Where(m => m.UserId is not null).Select(m => m.UserId!.Value).ToList();
        var people = (await directory.GetUsersAsync(userIds, cancellationToken)).ToDictionary(u => u.Id);
        var partners = workspace.Members.Any(m => m.PartnerOrganisationId is not null)
            ? (await directory.GetPartnersAsync(cancellationToken)).ToDictionary(p => p.Id)
            : [];
        var members = workspace.Members.Select(m =>
        {
            if (m.UserId is { } userId)
            {
                var person = people.GetValueOrDefault(userId);
                return new WorkspaceMembershipDto(m.Id, userId, null, person?.DisplayName ?? text["Member.UnknownUser"], person?.Email, m.Role, m.AddedAtUtc);
            }
            var partner = partners.GetValueOrDefault(m.PartnerOrganisationId!.Value);
            return new WorkspaceMembershipDto(m.Id, null, m.PartnerOrganisationId, partner?.ShortName ?? text["Member.UnknownPartner"], partner?.Name, m.Role, m.AddedAtUtc);
        });
        return new WorkspaceMembersDto(
            workspace.Id,
            workspace.ConcurrencyStamp,
            members.OrderByDescending(m => m.Role).ThenBy(m => m.PartnerOrganisationId is null).ThenBy(m => m.Name, StringComparer.CurrentCultureIgnoreCase).ToList());
    }

    private async Task<string> NameOfAsync(WorkspaceMembership membership, CancellationToken cancellationToken)
    {
        if (membership.UserId is { } userId)
        {
            return (await directory.FindUserAsync(userId, cancellationToken))?.DisplayName ?? text["Member.UnknownUser"];
        }
        return (await directory.GetPartnersAsync(cancellationToken)).FirstOrDefault(p => p.Id == membership.PartnerOrganisationId)?.ShortName
               ?? text["Member.UnknownPartner"];
    }

    /// <summary>Writes the change's line of the feed to the outbox: committed with the change, stored by the feed's handler.</summary>
    private void Record(Workspace workspace, string actionKey, params (string Name, string Value)[] parameters)
        => publisher.Publish(new WorkspaceActivityOccurred(
            workspace.Id,
            currentUser.Id,
            WorkspacesModuleName.Value,
            actionKey,
            parameters.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal),
            Link: null,
            Now));

    internal static string RoleKey(WorkspaceRole role) => "Role." + role;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
