using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Workflows.Data;
using Consortium.Portal.Workflows.Domain;
using Microsoft.EntityFrameworkCore;

namespace Consortium.Portal.Workflows.Application;

/// <summary>
/// Moving running instances of older versions of a definition to its latest version: first a preview of where each
/// would land and which would be refused (and why), then the move of those that can, one instance at a time.
/// </summary>
internal sealed class WorkflowVersionMoves(WorkflowsDbContext db, WorkflowRuntime runtime)
{
    public async Task<IReadOnlyList<VersionMoveDto>> PreviewAsync(string key, CancellationToken cancellationToken = default)
    {
        var (latest, to) = await LatestAsync(key, cancellationToken);
        var instances = await db.WholeInstances.AsNoTracking()
            .Where(i => i.DefinitionKey == key && i.RunningKey != null && i.DefinitionVersion < latest.Version)
            .OrderBy(i => i.StartedAtUtc).Take(500).ToListAsync(cancellationToken);
        var fromIds = instances.Select(i => i.DefinitionId).Distinct().ToList();
        var graphs = (await db.Definitions.AsNoTracking().Where(d => fromIds.Contains(d.Id)).ToListAsync(cancellationToken))
            .ToDictionary(d => d.Id, d => new DefinitionGraph(d.Stages));
        return instances.Select(i =>
        {
            var plan = VersionMoves.PlanFor(i, graphs[i.DefinitionId], to);
            return new VersionMoveDto(i.Id, i.SubjectTitle, i.DefinitionVersion, latest.Version, plan.CanMove, plan.LandsAt, plan.ReasonKey, plan.StageId);
        }).ToList();
    }

    /// <summary>Moves the chosen instances (all that can, when none is chosen); each answer says where it landed or why it stayed.</summary>
    public async Task<IReadOnlyList<VersionMoveDto>> MoveAsync(string key, MoveInstancesRequest request, CancellationToken cancellationToken = default)
    {
        var preview = await PreviewAsync(key, cancellationToken);
        var chosen = request.InstanceIds is { Count: > 0 } ids ? preview.Where(p => ids.Contains(p.InstanceId)).ToList() : preview.Where(p => p.CanMove).ToList();
        var (latest, _) = await LatestAsync(key, cancellationToken);
        var results = new List<VersionMoveDto>();
        foreach (var move in chosen)
        {
            if (!move.CanMove)
            {
                results.Add(move);
                continue;
            }
            try
            {
                var landed = await runtime.MoveToVersionAsync(move.InstanceId, latest, cancellationToken);
                results.Add(move with { LandsAt = landed });
            }
            catch (WorkflowConflictException refused)
            {
                // The instance moved on since the preview: it stays where it is, and the answer says why.
                results.Add(move with { CanMove = false, LandsAt = [], ReasonKey = refused.MessageKey });
            }
            db.ChangeTracker.Clear();
        }
        return results;
    }

    private async Task<(WorkflowDefinition Latest, DefinitionGraph Graph)> LatestAsync(string key, CancellationToken cancellationToken)
    {
        var latest = await db.Definitions.AsNoTracking().Where(d => d.Key == key).OrderByDescending(d => d.Version).FirstOrDefaultAsync(cancellationToken)
                     ?? throw new EntityNotFoundException(nameof(WorkflowDefinition), key);
        return (latest, new DefinitionGraph(latest.Stages));
    }
}
