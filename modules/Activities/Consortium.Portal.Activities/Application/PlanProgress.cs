using Consortium.Portal.Identity;
using Consortium.Portal.Activities.Domain;

namespace Consortium.Portal.Activities.Application;

/// <summary>What happened at one held event, as progress counts it.</summary>
public sealed record HeldEvent(Guid Id, EventKind Kind, Guid TownId, PartnerSide Side, int Participants, IReadOnlyList<OutputKind> Outputs);

/// <summary>
/// Targets against what was achieved, without the database: events held (by kind and side), distinct towns (by side),
/// outputs (by kind) and participants (by the side of the event's town). Only events that took place count, so a
/// cancelled or future event never makes a target look met.
/// </summary>
public static class PlanProgress
{
    public static int Achieved(ActivityTarget target, IReadOnlyCollection<HeldEvent> held)
    {
        var events = held.Where(e => target.Side is not { } side || e.Side == side).ToList();
        return target.Measure switch
        {
            TargetMeasure.Events => events.Count(e => target.EventKind is not { } kind || e.Kind == kind),
            TargetMeasure.Towns => events.Where(e => target.EventKind is not { } kind || e.Kind == kind).Select(e => e.TownId).Distinct().Count(),
            TargetMeasure.Outputs => events.Sum(e => e.Outputs.Count(o => target.OutputKind is not { } kind || o == kind)),
            TargetMeasure.Participants => events.Sum(e => e.Participants),
            _ => 0,
        };
    }

    public static ActivityProgressDto Of(ProjectActivity activity, string name, IReadOnlyCollection<HeldEvent> held) => new(
        activity.Number, name,
        activity.Targets.Select(t => new TargetProgressDto(t.ToDto(), Achieved(t, held))).ToList(),
        held.Count,
        held.Sum(e => e.Participants),
        held.Where(e => e.Side == PartnerSide.Kosovo).Sum(e => e.Participants),
        held.Where(e => e.Side == PartnerSide.Serbia).Sum(e => e.Participants),
        held.Count(e => e.Side == PartnerSide.Kosovo),
        held.Count(e => e.Side == PartnerSide.Serbia),
        held.Sum(e => e.Outputs.Count));

    /// <summary>The share of a target reached, capped at 1 (a target over-reached is met, not more than met).</summary>
    public static double Share(int target, int achieved) => target <= 0 ? 1 : Math.Min(1, achieved / (double)target);
}
