using Consortium.Portal.Workflows.Domain;
using static Consortium.Portal.Workflows.Tests.EngineScene;

namespace Consortium.Portal.Workflows.Tests;

public sealed class VersionMovesTests
{
    private static (EngineScene Scene, Candidate Ana) AtSecondStage(params WorkflowStageDto[] extra)
    {
        var ana = Kosovar();
        var scene = new EngineScene([Approval("first"), Approval("second", new DecisionRule(DecisionRuleKind.All)), .. extra])
            .Ask("first", ana).Ask("second", ana, Serbian()).Start();
        scene.Decide(ana);
        return (scene, ana);
    }

    private static DefinitionGraph Graph(params WorkflowStageDto[] stages) => new(stages);

    [Fact]
    public void An_instance_lands_where_it_is_when_the_new_version_only_adds_a_later_stage()
    {
        var (scene, _) = AtSecondStage();

        var plan = VersionMoves.PlanFor(scene.Instance, scene.Graph, Graph(Approval("first"), Approval("second"), Approval("coordinator")));

        Assert.True(plan.CanMove);
        Assert.Equal(["second"], plan.LandsAt);
    }

    [Fact]
    public void A_stage_added_before_where_the_instance_is_refuses_the_move()
    {
        var (scene, _) = AtSecondStage();

        var plan = VersionMoves.PlanFor(scene.Instance, scene.Graph, Graph(Approval("first"), Approval("legal"), Approval("second")));

        Assert.Equal((false, "Move.EarlierStageNew", "legal"), (plan.CanMove, plan.ReasonKey, plan.StageId));
    }

    [Fact]
    public void A_new_version_without_the_active_stage_refuses_the_move()
    {
        var (scene, _) = AtSecondStage();

        var plan = VersionMoves.PlanFor(scene.Instance, scene.Graph, Graph(Approval("first"), Approval("final")));

        Assert.Equal(("Move.StageGone", "second"), (plan.ReasonKey, plan.StageId));
    }

    [Fact]
    public void A_branch_added_to_a_running_parallel_group_refuses_the_move()
    {
        var scene = new EngineScene([Parallel("reviews", [Approval("kosovo")], [Approval("serbia")])]).Ask("kosovo", Kosovar()).Ask("serbia", Serbian()).Start();

        var plan = VersionMoves.PlanFor(scene.Instance, scene.Graph, Graph(Parallel("reviews", [Approval("kosovo")], [Approval("serbia")], [Approval("legal")])));

        Assert.Equal(("Move.NewBranch", "legal"), (plan.ReasonKey, plan.StageId));
    }

    [Fact]
    public void After_the_move_the_new_version_s_rule_decides_and_its_new_stages_follow()
    {
        var (scene, ana) = AtSecondStage();
        var target = WorkflowDefinition.Publish("test.flow", 2, Name("v2"), null,
            [Approval("first"), Approval("second", new DecisionRule(DecisionRuleKind.Any)), Approval("coordinator")], scene.Now, null);
        scene.Decide(ana); // one of the two "all" approvals of version 1
        scene.Ask("coordinator", Coordinator);

        WorkflowEngine.MoveToVersion(scene.Instance, scene.Graph, target, new DefinitionGraph(target.Stages), scene.Context(), Coordinator.UserId);

        Assert.Equal(2, scene.Instance.DefinitionVersion);
        Assert.Equal(["coordinator"], scene.Active); // "any" is met by the approval already given
        Assert.Equal("1@2", Assert.Single(scene.JournalOf(JournalEntryKind.MovedToVersion)).Detail);
        Assert.Equal(scene.Instance.OpenTasks.Select(t => t.Id).Order(), JournalReplay.Replay(scene.Instance.Journal).OpenTasks.Order());
    }
}
