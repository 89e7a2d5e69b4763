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

    // Counts saved changes: a read that a change overtook (read before the commit, kept after the Forget) must not
    // stay in the cache, or a removed member would be let in for another five seconds on this very instance.
    private long _changes;

    private static string Key(Guid workspaceId) => "workspaces:snapshot:" + workspaceId.ToString("N");

    /// <summary>The workspace and its members (null when there is none); a shared, read-only instance: never change or attach it.</summary>
    public async Task<Workspace?> GetAsync(WorkspacesDbContext db, Guid workspaceId, CancellationToken cancellationToken)
    {
        var key = Key(workspaceId);
        if (cache.TryGetValue(key, out Workspace? known))
        {
            return known;
        }
        var changesBefore = Interlocked.Read(ref _changes);
        var workspace = await db.Workspaces.AsNoTracking().Include(w => w.Members)
            .FirstOrDefaultAsync(w => w.Id == workspaceId, cancellationToken);
        // A missing workspace is not remembered: one created a moment later must be found.
        if (workspace is not null)
        {
            cache.Set(key, workspace, Lifetime);
            if (Interlocked.Read(ref _changes) != changesBefore)
            {
                cache.Remove(key);
            }
        }
        return workspace;
    }

    public void Forget(Guid workspaceId)
    {
        Interlocked.Increment(ref _changes);
        cache.Remove(Key(workspaceId));
    }
}
