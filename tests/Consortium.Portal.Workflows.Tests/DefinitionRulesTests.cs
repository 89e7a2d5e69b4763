using Consortium.Portal.Workflows.Domain;
using static Consortium.Portal.Workflows.Tests.EngineScene;

namespace Consortium.Portal.Workflows.Tests;

public sealed class DefinitionRulesTests
{
    private static readonly IReadOnlySet<string> Kinds = new HashSet<string>
    {
        AssigneeKinds.Role, AssigneeKinds.Users, AssigneeKinds.Authors, AssigneeKinds.PartnerLeads, AssigneeKinds.AuthoringPartnerLeads, AssigneeKinds.WorkspaceReviewers,
    };

    private static IReadOnlyList<DefinitionRules.Problem> Check(IReadOnlyList<WorkflowStageDto>? stages, string? key = "publications.joint", IReadOnlyCollection<string>? fields = null)
        => DefinitionRules.Check(new PublishWorkflowDefinitionRequest(key, Name("Joint publication"), null, stages), Kinds, fields);

    [Fact]
    public void A_sound_definition_passes()
        => Assert.Empty(Check([
            Approval("co-authors", new DecisionRule(DecisionRuleKind.All)),
            Parallel("reviews", [Approval("kosovo")], [Approval("serbia")]),
            Condition("by-type", "type", "Research report", [Approval("external", deadline: new StageDeadline(5, true, 24, EscalationKind.NotifyCoordinator))]),
            Approval("coordinator", new DecisionRule(DecisionRuleKind.Quorum, 1, EachSide: true)),
        ], fields: ["type"]));

    [Fact]
    public void An_invalid_definition_is_refused_with_every_reason_and_the_field_of_each()
    {
        var problems = Check([
            Approval("review"),
            Approval("review"),
            new("Bad Id", StageKind.Approval, Name("x"), [new AssigneeRule("astrologer")], new DecisionRule(DecisionRuleKind.Quorum)),
            Parallel("alone", [Approval("only")]),
            Condition("nowhere", "colour", "red", null, null),
            new("no-one", StageKind.Approval, new LocalizedName("", null, null, null), [], Deadline: new StageDeadline(0, Escalation: EscalationKind.ReassignToUser)),
        ], key: "Not A Key", fields: ["type"]);

        Assert.Equal(new[]
        {
            ("key", "Validation.KeyFormat"),
            ("stages[1].id", "Validation.StageIdTaken"),
            ("stages[2].id", "Validation.StageIdFormat"),
            ("stages[2].assignees[0].kind", "Validation.AssigneeKindUnknown"),
            ("stages[2].rule.quorum", "Validation.QuorumRange"),
            ("stages[3].branches", "Validation.ParallelNeedsBranches"),
            ("stages[4].field", "Validation.FieldUnknown"),
            ("stages[4]", "Validation.ConditionWithoutBranches"),
            ("stages[5].name.en", "Validation.NameRequired"),
            ("stages[5].name.sq", "Validation.NameRequired"),
            ("stages[5].name.srLatn", "Validation.NameRequired"),
            ("stages[5].assignees", "Validation.AssigneesRequired"),
            ("stages[5].deadline.days", "Validation.DaysRange"),
            ("stages[5].deadline.escalateToUserId", "Validation.EscalateToUserRequired"),
        }.Order(), problems.Select(p => (p.Field, p.MessageKey)).Order());
    }

    [Fact]
    public void A_definition_without_stages_is_refused()
        => Assert.Equal([("stages", "Validation.StagesRequired")], Check([]).Select(p => (p.Field, p.MessageKey)));

    [Fact]
    public void Nesting_deeper_than_the_limit_is_refused()
    {
        IReadOnlyList<WorkflowStageDto> stages = [Approval("leaf")];
        for (var depth = 0; depth < WorkflowsConsts.MaxNesting; depth++)
        {
            stages = [Parallel($"p{depth}", stages, [Approval($"side{depth}")])];
        }

        Assert.Contains(Check(stages), p => p.MessageKey == "Validation.TooDeep");
    }

    [Fact]
    public void Named_users_are_found_wherever_the_definition_names_them()
    {
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        var named = DefinitionRules.NamedUsers([
            Parallel("g", [new("a", StageKind.Approval, Name("a"), [new AssigneeRule(AssigneeKinds.Users, UserIds: [first])])],
                [new("b", StageKind.Approval, Name("b"), [new AssigneeRule(AssigneeKinds.Authors)], Deadline: new StageDeadline(1, Escalation: EscalationKind.ReassignToUser, EscalateToUserId: second))]),
        ]).ToList();

        Assert.Equal([("stages[0].branches[0][0].assignees[0].userIds", first), ("stages[0].branches[1][0].deadline.escalateToUserId", second)], named);
    }

    [Fact]
    public void A_value_the_field_never_has_is_refused_naming_the_values_it_may_have_and_a_field_without_a_set_takes_any_text()
    {
        var values = new Dictionary<string, IReadOnlyCollection<string>> { ["type"] = ["OpEd", "ResearchReport"] };
        var problems = DefinitionRules.Check(new PublishWorkflowDefinitionRequest("publications.joint", Name("Joint publication"), null, [
            Condition("by-type", "type", "Research report", [Approval("external")]),
            Parallel("reviews", [Condition("nested", "type", "Press release", [Approval("press")])], [Approval("serbia")]),
            Condition("by-activity", "activity", "anything", [Approval("donor")]),
            Condition("known", "type", "ResearchReport", [Approval("reviewer")]),
        ]), Kinds, ["type", "activity"], values);

        Assert.Equal(new[]
        {
            ("stages[0].equalsValue", "Validation.ValueUnknown", "Research report"),
            ("stages[1].branches[0][0].equalsValue", "Validation.ValueUnknown", "Press release"),
        }, problems.Select(p => (p.Field, p.MessageKey, (string)p.Arguments[0])));
        Assert.Equal(["Research report", "type", "OpEd, ResearchReport"], problems[0].Arguments);
    }
}
