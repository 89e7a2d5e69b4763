using Consortium.Portal.Workspaces.Data;
using Consortium.Portal.Workspaces.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Consortium.Portal.Workspaces.Access;

/// <summary>
/// Workspaces with their members, as the access check reads them, kept for a few seconds: every document, meeting or
/// training request asks the check once or twice, and a busy Documents tab otherwise reads the same members over and
/// over. A change saved through this module (the only writer of memberships) removes the workspace at once, so on this
/// instance a removed member is refused on their next request; another instance (or a change made outside the portal)
/// is believed for at most <see cref="Lifetime"/>.
/// </summary>
internal sealed class WorkspaceSnapshots(IMemoryCache cache)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    private static string Key(Guid workspaceId) => "workspaces:snapshot:" + workspaceId.ToString("N");

    /// <summary>The workspace and its members (null when there is none); a shared, read-only instance: never change or attach it.</summary>
    public async Task<Workspace?> GetAsync(WorkspacesDbContext db, Guid workspaceId, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(Key(workspaceId), out Workspace? known))
        {
            return known;
        }
        var workspace = await db.Workspaces.AsNoTracking().Include(w => w.Members)
            .FirstOrDefaultAsync(w => w.Id == workspaceId, cancellationToken);
        // A missing workspace is not remembered: one created a moment later must be found.
        if (workspace is not null)
        {
            cache.Set(Key(workspaceId), workspace, Lifetime);
        }
        return workspace;
    }

    public void Forget(Guid workspaceId) => cache.Remove(Key(workspaceId));
}
