namespace Consortium.Portal.Workflows.Domain;

/// <summary>
/// Whether a running instance can continue on another version of its definition, and where it would land. It can when
/// the new version keeps every stage the instance has entered (same id, same kind, in the same group or condition), adds
/// no stage before one that is active, and adds no branch to a running parallel group: then the instance goes on from
/// exactly where it is. Anything else is refused with the reason, never guessed.
/// </summary>
public static class VersionMoves
{
    public sealed record Plan(bool CanMove, IReadOnlyList<string> LandsAt, string? ReasonKey = null, string? StageId = null);

    public static Plan PlanFor(WorkflowInstance instance, DefinitionGraph from, DefinitionGraph to)
    {
        if (instance.HasEnded)
        {
            return new Plan(false, [], "Move.Ended");
        }
        var active = instance.ActiveStages;
        var finished = instance.FinishedStages;
        foreach (var id in active.Concat(finished).OrderBy(from.OrderOf))
        {
            if (!to.Contains(id))
            {
                return new Plan(false, [], "Move.StageGone", id);
            }
            var (before, after) = (from[id], to[id]);
            if (before.Stage.Kind != after.Stage.Kind || before.Owner?.Id != after.Owner?.Id)
            {
                return new Plan(false, [], "Move.StageMoved", id);
            }
        }
        foreach (var id in active.OrderBy(to.OrderOf))
        {
            var place = to[id];
            if (place.Sequence.Take(place.Position).FirstOrDefault(s => !finished.Contains(s.Id!)) is { } skipped)
            {
                return new Plan(false, [], "Move.EarlierStageNew", skipped.Id);
            }
            for (var owner = place.Owner; owner is not null; owner = to[owner.Id!].Owner)
            {
                if (owner.Kind != StageKind.Parallel)
                {
                    continue;
                }
                foreach (var branch in owner.Branches ?? [])
                {
                    if (branch.Count > 0 && !finished.Contains(branch[^1].Id!) && !Subtree(branch).Any(s => active.Contains(s.Id!) || finished.Contains(s.Id!)))
                    {
                        return new Plan(false, [], "Move.NewBranch", branch[0].Id);
                    }
                }
            }
        }
        return new Plan(true, active.OrderBy(to.OrderOf).ToList());
    }

    private static IEnumerable<WorkflowStageDto> Subtree(IReadOnlyList<WorkflowStageDto> stages)
        => stages.SelectMany(s => new[] { s }
            .Concat((s.Branches ?? []).SelectMany(Subtree))
            .Concat(Subtree(s.Then ?? []))
            .Concat(Subtree(s.Else ?? [])));
}
