using Consortium.Portal.Identity;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Workspaces.Data;
using Consortium.Portal.Workspaces.Domain;
using Microsoft.EntityFrameworkCore;

namespace Consortium.Portal.Workspaces.Access;

/// <summary>
/// The Workspaces module's answer to <see cref="IWorkspaceAccess"/>. The members come from <see cref="WorkspaceSnapshots"/>
/// (forgotten as soon as this module saves a change to them, so a removed member is refused on their next request);
/// who the user is (<see cref="WorkspaceUsers"/>) is kept for the scope.
/// </summary>
internal sealed class WorkspaceAccess(WorkspacesDbContext db, WorkspaceSnapshots snapshots, WorkspaceUsers users, IUserDirectory directory) : IWorkspaceAccess
{
    public async Task<WorkspaceRole?> GetRoleAsync(Guid workspaceId, Guid userId, CancellationToken cancellationToken = default)
    {
        var workspace = await LoadAsync(workspaceId, cancellationToken);
        if (workspace is null)
        {
            return null;
        }
        var user = await users.FindAsync(userId, cancellationToken);
        return user.IsDisabled ? null : workspace.RoleOf(user);
    }

    public async Task<bool> CanAsync(Guid workspaceId, Guid userId, WorkspaceAction action, CancellationToken cancellationToken = default)
    {
        var workspace = await LoadAsync(workspaceId, cancellationToken);
        return workspace is not null && workspace.Allows(await users.FindAsync(userId, cancellationToken), action);
    }

    public async Task<IReadOnlyList<WorkspaceMemberDto>> GetMembersAsync(Guid workspaceId, WorkspaceRole minimumRole = WorkspaceRole.Viewer, CancellationToken cancellationToken = default)
    {
        var workspace = await LoadAsync(workspaceId, cancellationToken);
        if (workspace is null)
        {
            return [];
        }
        var direct = workspace.Members.Where(m => m.UserId is not null).Select(m => m.UserId!.Value).ToList();
        var partners = workspace.Members.Where(m => m.PartnerOrganisationId is not null).Select(m => m.PartnerOrganisationId!.Value).ToList();
        var people = new Dictionary<Guid, PortalUserDto>();
        foreach (var user in await directory.GetUsersAsync(direct, cancellationToken))
        {
            people[user.Id] = user;
        }
        if (partners.Count > 0)
        {
            foreach (var user in await directory.GetPartnerStaffAsync(partners, cancellationToken))
            {
                people[user.Id] = user;
            }
        }

        var members = new List<WorkspaceMemberDto>();
        foreach (var person in people.Values.Where(p => !p.IsDisabled))
        {
            var user = new WorkspaceUser(person.Id, person.PartnerOrganisationId, person.Roles.Contains(PortalRoles.Guest), CanManageAll: false);
            if (workspace.RoleOf(user) is { } role && role >= minimumRole)
            {
                // Through the partner only when the partner's membership is what gives the role.
                var directRole = workspace.Members.FirstOrDefault(m => m.UserId == person.Id)?.Role;
                members.Add(new WorkspaceMemberDto(person.Id, person.DisplayName, role,
                    directRole == role ? null : person.PartnerOrganisationId));
            }
        }
        return members.OrderByDescending(m => m.Role).ThenBy(m => m.DisplayName, StringComparer.CurrentCulture).ToList();
    }

    public async Task<IReadOnlyList<Guid>> GetVisibleWorkspaceIdsAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        var user = await users.FindAsync(userId, cancellationToken);
        return await db.Workspaces.AsNoTracking().VisibleTo(user).Select(w => w.Id).ToListAsync(cancellationToken);
    }

    public async Task<string?> GetNameAsync(Guid workspaceId, CancellationToken cancellationToken = default)
        => (await LoadAsync(workspaceId, cancellationToken))?.Name;

    private Task<Workspace?> LoadAsync(Guid workspaceId, CancellationToken cancellationToken)
        => snapshots.GetAsync(db, workspaceId, cancellationToken);
}

internal static class WorkspaceQueries
{
    /// <summary>The workspaces <paramref name="user"/> may see: all of them for one who manages every workspace, else those they are a member of.</summary>
    public static IQueryable<Workspace> VisibleTo(this IQueryable<Workspace> workspaces, WorkspaceUser user)
    {
        if (user.IsDisabled)
        {
            return workspaces.Where(_ => false);
        }
        return user.CanManageAll ? workspaces : workspaces.MemberOf(user);
    }

    /// <summary>The workspaces <paramref name="user"/> is a member of, directly or (not for a Guest) through their partner organisation.</summary>
    public static IQueryable<Workspace> MemberOf(this IQueryable<Workspace> workspaces, WorkspaceUser user)
    {
        var userId = user.Id;
        var partnerId = user.IsGuest ? null : user.PartnerOrganisationId;
        return partnerId is null
            ? workspaces.Where(w => w.Members.Any(m => m.UserId == userId))
            : workspaces.Where(w => w.Members.Any(m => m.UserId == userId || m.PartnerOrganisationId == partnerId));
    }
}
