using Consortium.Portal.Platform.Caching;
using Consortium.Portal.Workspaces.Data;
using Consortium.Portal.Workspaces.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Consortium.Portal.Workspaces.Access;

/// <summary>
/// Workspaces with their members, as the access check reads them, kept in the <see cref="PortalCache"/> for
/// <see cref="WorkspacesOptions.MembersCacheLifetime"/> (five seconds by default): every document, meeting or training
/// request asks the check once or twice, and a busy Documents tab otherwise reads the same members over and over.
/// A change to the workspace or its members saved on this instance invalidates <see cref="Tag"/> (declared in
/// <see cref="WorkspacesModule"/>), so a removed member is refused on their next request, even when the change
/// overtook a read under way; another instance (or a change made outside the portal) is believed for at most the lifetime.
/// </summary>
internal sealed class WorkspaceSnapshots(PortalCache cache, IOptions<WorkspacesOptions> options)
{
    /// <summary>The tag of one workspace's snapshot.</summary>
    public static string Tag(Guid workspaceId) => "workspaces:members:" + workspaceId.ToString("N");

    private readonly record struct SnapshotKey(Guid WorkspaceId);

    /// <summary>The workspace and its members (null when there is none); a shared, read-only instance: never change or attach it.</summary>
    public Task<Workspace?> GetAsync(WorkspacesDbContext db, Guid workspaceId, CancellationToken cancellationToken)
        => cache.GetOrReadAsync(new SnapshotKey(workspaceId), Tag(workspaceId), options.Value.MembersCacheLifetime, async (read, ct) =>
        {
            var workspace = await db.Workspaces.AsNoTracking().Include(w => w.Members).FirstOrDefaultAsync(w => w.Id == workspaceId, ct);
            if (workspace is null)
            {
                // A missing workspace is not remembered: one created a moment later must be found.
                read.DoNotKeep();
            }
            return workspace;
        }, cancellationToken);
}
