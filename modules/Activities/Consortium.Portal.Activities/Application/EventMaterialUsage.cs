using Consortium.Portal.Activities.Api;
using Consortium.Portal.Activities.Data;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Training;
using Microsoft.EntityFrameworkCore;

namespace Consortium.Portal.Activities.Application;

/// <summary>
/// Training's material page asks every <see cref="IMaterialUsageSource"/> where the material is used: here, the events
/// that used it or one of its collections, for readers who see the plan.
/// </summary>
internal sealed class EventMaterialUsage(ActivitiesDbContext db, ICurrentUser user, IPermissionChecker permissions) : IMaterialUsageSource
{
    public async Task<IReadOnlyList<MaterialUsageDto>> UsagesAsync(Guid materialId, IReadOnlyCollection<Guid> collectionIds, CancellationToken cancellationToken = default)
    {
        if (!await permissions.IsGrantedAsync(user.Principal, ActivitiesPermissions.Plan.View))
        {
            return [];
        }
        var ids = collectionIds.ToList();
        var uses = await db.Resources.AsNoTracking()
            .Where(r => (r.Kind == EventResourceKind.TrainingMaterial && r.TargetId == materialId)
                        || (r.Kind == EventResourceKind.TrainingCollection && ids.Contains(r.TargetId)))
            .Join(db.Events.AsNoTracking(), r => r.EventId, e => e.Id, (r, e) => new { e.Id, e.Title, e.StartUtc, r.Kind, Through = r.Title })
            .ToListAsync(cancellationToken);
        // An event that used the material directly and through a collection is listed once, as a direct use.
        return uses.GroupBy(u => u.Id)
            .Select(g => g.OrderBy(u => u.Kind == EventResourceKind.TrainingCollection).First())
            .OrderByDescending(u => u.StartUtc)
            .Select(u => new MaterialUsageDto(u.Title, ActivitiesPaths.EventPage(u.Id), u.StartUtc, u.Kind == EventResourceKind.TrainingCollection ? u.Through : null))
            .ToList();
    }
}
