using Consortium.Portal.Identity;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Workflows.Domain;
using CsCheck;
using static Consortium.Portal.Workflows.Tests.EngineScene;

namespace Consortium.Portal.Workflows.Tests;

/// <summary>
/// Random sequences of decisions (by the assignee or by someone else, repeated action ids, decisions on closed tasks),
/// timer firings, resubmissions, incident resolutions, cancellations and restarts (saved to a database, read back whole
/// by a new context), on several definition shapes. After every step the engine's invariants must hold; a refused step
/// must change nothing, and a restart must lose nothing.
/// </summary>
public sealed class WorkflowEnginePropertyTests
{
    private static readonly Candidate[] People = [Kosovar(), Kosovar(), Kosovar(), Serbian(), Serbian(), Serbian(), Kosovar() with { IsEnabled = false }];

    private static readonly Func<IReadOnlyList<WorkflowStageDto>>[] Shapes =
    [
        () => [Approval("a", new DecisionRule(DecisionRuleKind.All)), Approval("b", new DecisionRule(DecisionRuleKind.Any, EachSide: true)), Approval("c")],
        () => [Parallel("g", [Approval("k", new DecisionRule(DecisionRuleKind.Quorum, 2)), Approval("k2")], [Approval("s", deadline: new StageDeadline(2, true, 12, EscalationKind.ReassignToCoordinator))]), Approval("end")],
        () => [Condition("c", "type", "Research report", [Approval("ext", deadline: new StageDeadline(1, Escalation: EscalationKind.NotifyCoordinator))], [Approval("ed", new DecisionRule(DecisionRuleKind.All))]), Approval("final", new DecisionRule(DecisionRuleKind.Quorum, 2, EachSide: true))],
        () => [Approval("x", new DecisionRule(DecisionRuleKind.Any), new StageDeadline(1, RemindHoursBefore: 6, Escalation: EscalationKind.ReassignToUser, EscalateToUserId: People[5].UserId)), Parallel("p", [Approval("p1")], [Approval("p2", new DecisionRule(DecisionRuleKind.All))], [Approval("p3")])],
    ];

    private static readonly Gen<(int Shape, int Mask, int Field, (int Kind, int A, int B)[] Steps)> Runs =
        Gen.Select(Gen.Int[0, Shapes.Length - 1], Gen.Int[1, 127], Gen.Int[0, 1], Gen.Select(Gen.Int[0, 7], Gen.Int[0, 999], Gen.Int[0, 999]).Array[1, 60]);

    [Fact]
    public void Every_random_sequence_of_steps_keeps_the_engine_s_invariants()
        => Runs.Sample(run =>
        {
            var scene = new EngineScene(Shapes[run.Shape](), new Dictionary<string, string> { ["type"] = run.Field == 0 ? "Research report" : "Op-ed" });
            var stage = 0;
            foreach (var approval in scene.Graph.ApprovalStages)
            {
                // Each stage asks a different subset of the people, sometimes including one who cannot sign in.
                var mask = (run.Mask >> (stage++ % 3)) | 1;
                scene.Ask(approval.Id!, People.Where((_, i) => ((mask >> i) & 1) == 1 || i == (mask + stage) % People.Length).ToArray());
            }
            scene.Start();
            Check(scene);
            var actions = new List<Guid>();
            foreach (var (kind, a, b) in run.Steps)
            {
                Step(scene, kind, a, b, actions);
                Check(scene);
            }
        }, iter: 400);

    private static void Step(EngineScene scene, int kind, int a, int b, List<Guid> actions)
    {
        var instance = scene.Instance;
        var (journal, revision) = (instance.Journal.Count, instance.Revision);
        try
        {
            switch (kind)
            {
                case <= 2 when instance.Tasks.Count > 0:
                    var task = instance.Tasks[a % instance.Tasks.Count];
                    var actor = b % 5 == 0 ? People[a % People.Length] : People.Concat([Coordinator]).First(p => p.UserId == task.AssigneeId);
                    var decision = (b % 9) switch { 7 => TaskDecision.RequestChanges, 8 => TaskDecision.Reject, _ => TaskDecision.Approve };
                    var action = b % 4 == 0 && actions.Count > 0 ? actions[a % actions.Count] : Guid.NewGuid();
                    actions.Add(action);
                    var approvalsBefore = instance.Journal.Count(e => e.Kind == JournalEntryKind.Approved);
                    var already = scene.Decide(task.Id, actor, decision, actionId: action);
                    if (already)
                    {
                        // The same action again changes nothing at all.
                        Assert.Equal(journal, instance.Journal.Count);
                        Assert.Equal(approvalsBefore, instance.Journal.Count(e => e.Kind == JournalEntryKind.Approved));
                    }
                    break;
                case 3:
                    scene.Now = scene.Now.AddHours(a % 60);
                    scene.FireTimers(People);
                    break;
                case 4:
                    scene.Resubmit();
                    break;
                case 5 when instance.Incidents.FirstOrDefault(i => !i.IsResolved) is { } incident:
                    var standIn = People[a % 6];
                    WorkflowEngine.ResolveIncident(instance, scene.Graph, scene.Context(People), incident.Id, standIn, Coordinator.UserId);
                    break;
                case 6 when b % 10 == 0:
                    WorkflowEngine.Cancel(instance, scene.Graph, scene.Context(), Coordinator.UserId, "Stopped");
                    break;
                case 7:
                    var before = State(instance);
                    scene.Restart(WorkflowStore.ForThisThread);
                    Assert.NotSame(instance, scene.Instance);
                    Assert.Equal(before, State(scene.Instance));
                    break;
            }
        }
        catch (Exception e) when (e is ForbiddenException or WorkflowConflictException or EntityNotFoundException or RequestValidationException)
        {
            // A refused step leaves no trace.
            Assert.Equal((journal, revision), (instance.Journal.Count, instance.Revision));
        }
    }

    /// <summary>What a restart must keep: everything the invariants and the next step read.</summary>
    private static string State(WorkflowInstance instance) => string.Join(" | ",
        instance.Status, instance.Round, instance.Revision, string.Join(",", instance.ActiveStages.Order()), string.Join(",", instance.FinishedStages.Order()),
        string.Join(",", instance.Tasks.OrderBy(t => t.Id).Select(t => $"{t.Id}:{t.StageId}:{t.Round}:{t.AssigneeId}:{t.AssigneeSide}:{t.Status}:{t.DueAtUtc:yyyy-MM-ddTHH:mm:ss.fffffff}:{t.RemindAtUtc:yyyy-MM-ddTHH:mm:ss.fffffff}:{t.ReminderSentAtUtc:yyyy-MM-ddTHH:mm:ss.fffffff}:{t.EscalatedAtUtc:yyyy-MM-ddTHH:mm:ss.fffffff}")),
        string.Join(",", instance.Incidents.OrderBy(i => i.Id).Select(i => $"{i.Id}:{i.StageId}:{i.TaskId}:{i.IsResolved}")),
        string.Join(",", instance.Journal.OrderBy(e => e.Sequence).Select(e => $"{e.Sequence}:{e.Kind}:{e.StageId}:{e.TaskId}:{e.ActorId}:{e.ActionId}:{e.Detail}")),
        instance.NextTimerAtUtc?.ToString("yyyy-MM-ddTHH:mm:ss.fffffff"), instance.RunningKey);

    private static void Check(EngineScene scene)
    {
        var instance = scene.Instance;
        var active = instance.ActiveStages;

        // Every open task belongs to a current stage, in the current round, of a running workflow.
        foreach (var task in instance.OpenTasks)
        {
            Assert.Equal(WorkflowStatus.Running, instance.Status);
            Assert.Contains(task.StageId, active);
            Assert.Equal(instance.Round, task.Round);
        }

        // The journal replays to the current state.
        var replayed = JournalReplay.Replay(instance.Journal);
        Assert.Equal(instance.Status, replayed.Status);
        Assert.Equal(active.Order(), replayed.ActiveStages.Order());
        Assert.Equal(instance.OpenTasks.Select(t => t.Id).Order(), replayed.OpenTasks.Order());
        // (In the order of their numbers: a list read back from the database comes in the database's order.)
        Assert.Equal(Enumerable.Range(1, instance.Journal.Count), instance.Journal.Select(e => e.Sequence).Order());

        // Rule outcomes match the decisions: a finished stage's rule was met by its last round, and a stage still open is not met yet.
        foreach (var stage in scene.Graph.ApprovalStages)
        {
            var rule = stage.Rule ?? new DecisionRule(DecisionRuleKind.Any);
            var tasks = instance.Tasks.Where(t => t.StageId == stage.Id).ToList();
            if (instance.FinishedStages.Contains(stage.Id!))
            {
                var last = tasks.Max(t => t.Round);
                Assert.True(WorkflowEngine.IsMet(rule, tasks.Where(t => t.Round == last && t.Status == WorkflowTaskStatus.Approved).Select(t => t.AssigneeSide).ToList(), 0),
                    $"stage {stage.Id} completed without meeting its rule");
            }
            if (instance.Status == WorkflowStatus.Running && active.Contains(stage.Id!))
            {
                var round = tasks.Where(t => t.Round == instance.Round).ToList();
                Assert.False(WorkflowEngine.IsMet(rule, round.Where(t => t.Status == WorkflowTaskStatus.Approved).Select(t => t.AssigneeSide).ToList(),
                    round.Count(t => t.Status == WorkflowTaskStatus.Open)), $"stage {stage.Id} met its rule but did not complete");
            }
        }

        // A stage never completes twice; an action id is applied once.
        Assert.All(instance.Journal.Where(e => e.Kind == JournalEntryKind.StageCompleted).GroupBy(e => e.StageId), g => Assert.Single(g));
        Assert.All(instance.Journal.Where(e => e.ActionId is not null).GroupBy(e => e.ActionId), g => Assert.Single(g));

        if (instance.HasEnded)
        {
            Assert.Empty(instance.OpenTasks);
            Assert.Empty(active);
            Assert.Null(instance.RunningKey);
            Assert.All(instance.Incidents, i => Assert.True(i.IsResolved));
        }
    }
}
