using Consortium.Portal.Workflows.Components;

namespace Consortium.Portal.Workflows.Tests;

/// <summary>The definition editor's stages: what it loads it gives back unchanged, and its moves keep every stage.</summary>
public sealed class StageDraftTests
{
    private static readonly Guid Ana = Guid.NewGuid();

    private static readonly IReadOnlyList<WorkflowStageDto> Stages =
    [
        new("co-authors", StageKind.Approval, new LocalizedName("Co-author review", "Shqyrtimi nga bashkautorët", "Pregled koautora", null),
            [new AssigneeRule(AssigneeKinds.Authors)], new DecisionRule(DecisionRuleKind.All),
            new StageDeadline(5, WorkingDays: true, RemindHoursBefore: 24, Escalation: EscalationKind.NotifyCoordinator)),
        new("both-sides", StageKind.Parallel, new LocalizedName("Both sides", "Të dyja palët", "Obe strane", null), Branches:
        [
            [new WorkflowStageDto("kosovo", StageKind.Approval, new LocalizedName("Kosovo", "Kosova", "Kosovo", null), [new AssigneeRule(AssigneeKinds.Users, UserIds: [Ana])],
                new DecisionRule(DecisionRuleKind.Quorum, Quorum: 1), new StageDeadline(2, Escalation: EscalationKind.ReassignToUser, EscalateToUserId: Ana))],
            [new WorkflowStageDto("serbia", StageKind.Approval, new LocalizedName("Serbia", "Serbia", "Srbija", null), [new AssigneeRule(AssigneeKinds.PartnerLeads)],
                new DecisionRule(DecisionRuleKind.Any, EachSide: true))],
        ]),
        new("research", StageKind.Condition, new LocalizedName("Research", "Kërkim", "Istraživanje", null), Field: "type", EqualsValue: "ResearchReport",
            Then: [new WorkflowStageDto("external", StageKind.Approval, new LocalizedName("External review", "Shqyrtimi i jashtëm", "Spoljna recenzija", null), [new AssigneeRule(AssigneeKinds.WorkspaceReviewers)], new DecisionRule(DecisionRuleKind.Any))]),
        new("coordinator", StageKind.Approval, new LocalizedName("Coordinator approval", "Miratimi nga koordinatori", "Odobrenje koordinatora", null),
            [new AssigneeRule(AssigneeKinds.Role, Role: "Coordinator")], new DecisionRule(DecisionRuleKind.Any)),
    ];

    private static string Json(IEnumerable<WorkflowStageDto> stages) => System.Text.Json.JsonSerializer.Serialize(stages);

    [Fact]
    public void What_the_editor_loads_it_gives_back_unchanged()
    {
        var drafts = Stages.Select(StageDraft.From).ToList();

        Assert.Equal(Json(Stages), Json(drafts.Select(d => d.ToStage())));
    }

    [Fact]
    public void Moving_a_stage_up_or_down_swaps_it_with_its_neighbour_and_past_the_ends_does_nothing()
    {
        var drafts = Stages.Select(StageDraft.From).ToList();

        StageDraft.Move(drafts, 3, -1);
        StageDraft.Move(drafts, 0, -1);
        StageDraft.Move(drafts, 3, 1);

        Assert.Equal(["co-authors", "both-sides", "coordinator", "research"], drafts.Select(d => d.Id));
    }

    [Fact]
    public void A_new_stage_asks_the_coordinator_and_a_new_parallel_group_has_two_branches()
    {
        var stage = StageDraft.NewApproval(1).ToStage();
        var group = StageDraft.NewParallel(2).ToStage();

        Assert.Equal((AssigneeKinds.Role, "Coordinator"), (stage.Assignees!.Single().Kind, stage.Assignees!.Single().Role));
        Assert.Null(stage.Deadline);
        Assert.Equal(2, group.Branches!.Count);
        Assert.All(group.Branches, b => Assert.Equal(StageKind.Approval, Assert.Single(b).Kind));
    }

    [Fact]
    public void A_new_stage_gets_an_id_no_stage_has_branches_included()
    {
        var drafts = new List<StageDraft> { StageDraft.NewApproval(1), StageDraft.NewParallel(2) };

        var number = StageDraft.FreeNumber(drafts);
        drafts.Add(StageDraft.NewApproval(number));

        var ids = drafts.SelectMany(StageDraft.Flatten).Select(d => d.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }
}

/// <summary>The validator's field paths lead the editor to the stage they are about, however deep.</summary>
public sealed class StageDraftPathTests
{
    private static readonly List<StageDraft> Drafts =
    [
        StageDraft.NewApproval(1),
        StageDraft.NewParallel(2),
        StageDraft.NewCondition(3),
    ];

    [Theory]
    [InlineData("stages[0].name.en", "stage-1")]
    [InlineData("stages[1].branches[1][0].assignees[0].userIds", "stage-22")]
    [InlineData("stages[1].branches[1]", "group-2")]
    [InlineData("stages[2].field", "condition-3")]
    [InlineData("stages[2].then[0].deadline.days", "stage-31")]
    [InlineData("stages[2].else[0].id", "condition-3")]
    [InlineData("stages[9].id", null)]
    [InlineData("key", null)]
    public void A_field_path_names_the_innermost_stage_it_is_about(string field, string? stageId)
        => Assert.Equal(stageId, StageDraft.At(Drafts, field)?.Id);

    [Fact]
    public void A_new_condition_leads_to_one_stage_when_the_field_has_the_value_and_straight_on_otherwise()
    {
        var condition = StageDraft.NewCondition(3).ToStage();

        Assert.Equal(StageKind.Condition, condition.Kind);
        Assert.Equal("stage-31", Assert.Single(condition.Then!).Id);
        Assert.Null(condition.Else);
    }
}
