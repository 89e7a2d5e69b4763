using Consortium.Portal.Workflows.Domain;

namespace Consortium.Portal.Workflows.Tests;

/// <summary>Two versions side by side: the stages added, removed and changed, and in what.</summary>
public sealed class VersionComparisonTests
{
    private static LocalizedName Name(string en) => new(en, en, en, null);

    private static WorkflowStageDto Approval(string id, string role = "Coordinator", StageDeadline? deadline = null, DecisionRule? rule = null)
        => new(id, StageKind.Approval, Name(id), [new AssigneeRule(AssigneeKinds.Role, role)], rule ?? new DecisionRule(DecisionRuleKind.Any), deadline);

    private static WorkflowDefinitionDto Version(int version, params WorkflowStageDto[] stages)
        => new("joint", version, Name("Joint publication"), null, stages, DateTime.UtcNow, null);

    [Fact]
    public void Added_removed_and_changed_stages_are_told_with_what_changed()
    {
        var older = Version(1,
            Approval("co-authors"),
            Approval("legal"),
            new WorkflowStageDto("research", StageKind.Condition, Name("research"), Field: "type", EqualsValue: "ResearchReport", Then: [Approval("external")]),
            Approval("coordinator"));
        var newer = Version(2,
            Approval("co-authors", deadline: new StageDeadline(5, Escalation: EscalationKind.NotifyCoordinator)),
            new WorkflowStageDto("research", StageKind.Condition, Name("research"), Field: "type", EqualsValue: "PolicyBrief", Then: [Approval("external", role: "PartnerLead")]),
            Approval("cross-partner", rule: new DecisionRule(DecisionRuleKind.Any, EachSide: true)),
            Approval("coordinator"));

        var comparison = VersionComparison.Compare(older, newer);

        Assert.Null(comparison.NameChanged);
        Assert.Equal(
            [
                ("legal", StageChangeKind.Removed, ""),
                ("co-authors", StageChangeKind.Changed, "deadline"),
                ("research", StageChangeKind.Changed, "place,condition"),
                ("external", StageChangeKind.Changed, "assignees"),
                ("cross-partner", StageChangeKind.Added, ""),
                ("coordinator", StageChangeKind.Changed, "place"),
            ],
            comparison.Stages.Select(s => (s.StageId, s.Kind, string.Join(",", s.Aspects))));
    }

    [Fact]
    public void A_version_compared_with_itself_has_no_change()
    {
        var version = Version(3, Approval("one"), Approval("two"));

        var comparison = VersionComparison.Compare(version, version with { Version = 4 });

        Assert.Empty(comparison.Stages);
        Assert.Null(comparison.SubjectTypeChanged);
    }
}
