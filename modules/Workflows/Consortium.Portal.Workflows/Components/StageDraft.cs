namespace Consortium.Portal.Workflows.Components;

/// <summary>
/// One stage as the definition editor holds it while the coordinator edits: plain settable fields the form binds to,
/// made from a published stage and turned back into one. An approval stage is edited field by field, a parallel group
/// as its branches (each a list of stages); a condition is carried through unchanged (edited in the JSON).
/// </summary>
internal sealed class StageDraft
{
    public string Id { get; set; } = "";
    public StageKind Kind { get; set; } = StageKind.Approval;
    public string NameEn { get; set; } = "";
    public string NameSq { get; set; } = "";
    public string NameSr { get; set; } = "";
    public string AssigneeKind { get; set; } = AssigneeKinds.Role;
    public string Role { get; set; } = Platform.Security.PortalRoles.Coordinator;
    public List<Guid> UserIds { get; set; } = [];
    public DecisionRuleKind Rule { get; set; } = DecisionRuleKind.Any;
    public int? Quorum { get; set; }
    public bool EachSide { get; set; }
    public bool HasDeadline { get; set; }
    public int Days { get; set; } = 5;
    public bool WorkingDays { get; set; } = true;
    public int? RemindHoursBefore { get; set; } = 24;
    public EscalationKind Escalation { get; set; } = EscalationKind.NotifyCoordinator;
    public Guid? EscalateToUserId { get; set; }
    public List<List<StageDraft>> Branches { get; set; } = [];

    /// <summary>A stage the editor does not edit (a condition), kept as it was.</summary>
    public WorkflowStageDto? Unedited { get; private set; }

    public static StageDraft NewApproval(int number) => new() { Id = $"stage-{number}" };

    public static StageDraft NewParallel(int number) => new()
    {
        Id = $"group-{number}",
        Kind = StageKind.Parallel,
        Branches = [[NewApproval(number * 10 + 1)], [NewApproval(number * 10 + 2)]],
    };

    public static StageDraft From(WorkflowStageDto stage)
    {
        var draft = new StageDraft
        {
            Id = stage.Id ?? "",
            Kind = stage.Kind,
            NameEn = stage.Name?.En ?? "",
            NameSq = stage.Name?.Sq ?? "",
            NameSr = stage.Name?.SrLatn ?? "",
        };
        switch (stage.Kind)
        {
            case StageKind.Approval:
                var assignee = stage.Assignees?.FirstOrDefault();
                draft.AssigneeKind = assignee?.Kind ?? AssigneeKinds.Role;
                draft.Role = assignee?.Role ?? Platform.Security.PortalRoles.Coordinator;
                draft.UserIds = assignee?.UserIds?.ToList() ?? [];
                draft.Rule = stage.Rule?.Kind ?? DecisionRuleKind.Any;
                draft.Quorum = stage.Rule?.Quorum;
                draft.EachSide = stage.Rule?.EachSide ?? false;
                if (stage.Deadline is { } deadline)
                {
                    (draft.HasDeadline, draft.Days, draft.WorkingDays, draft.RemindHoursBefore, draft.Escalation, draft.EscalateToUserId) =
                        (true, deadline.Days, deadline.WorkingDays, deadline.RemindHoursBefore, deadline.Escalation, deadline.EscalateToUserId);
                }
                break;
            case StageKind.Parallel:
                draft.Branches = (stage.Branches ?? []).Select(b => b.Select(From).ToList()).ToList();
                break;
            default:
                draft.Unedited = stage;
                break;
        }
        return draft;
    }

    public WorkflowStageDto ToStage()
    {
        if (Unedited is not null)
        {
            return Unedited;
        }
        var name = new LocalizedName(NameEn, NameSq, NameSr, null);
        return Kind == StageKind.Parallel
            ? new WorkflowStageDto(Id, StageKind.Parallel, name, Branches: Branches.Select(b => (IReadOnlyList<WorkflowStageDto>)b.Select(s => s.ToStage()).ToList()).ToList())
            : new WorkflowStageDto(Id, StageKind.Approval, name,
                [new AssigneeRule(AssigneeKind, AssigneeKind == AssigneeKinds.Role ? Role : null, AssigneeKind == AssigneeKinds.Users ? UserIds.ToList() : null)],
                new DecisionRule(Rule, Rule == DecisionRuleKind.Quorum ? Quorum : null, EachSide),
                HasDeadline ? new StageDeadline(Days, WorkingDays, RemindHoursBefore, Escalation, Escalation == EscalationKind.ReassignToUser ? EscalateToUserId : null) : null);
    }

    /// <summary>A number for a new stage's id that no stage of <paramref name="stages"/> (branches included) uses yet.</summary>
    public static int FreeNumber(IEnumerable<StageDraft> stages)
    {
        var ids = stages.SelectMany(Flatten).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var number = ids.Count;
        do
        {
            number++;
        }
        while (ids.Contains($"stage-{number}") || ids.Contains($"group-{number}") || ids.Contains($"stage-{number * 10 + 1}") || ids.Contains($"stage-{number * 10 + 2}"));
        return number;
    }

    public static IEnumerable<StageDraft> Flatten(StageDraft stage) => [stage, .. stage.Branches.SelectMany(b => b).SelectMany(Flatten)];

    /// <summary>Moves the stage at <paramref name="index"/> by <paramref name="by"/> places (up: -1, down: +1) within its list.</summary>
    public static void Move(List<StageDraft> stages, int index, int by)
    {
        var to = index + by;
        if (to < 0 || to >= stages.Count)
        {
            return;
        }
        (stages[index], stages[to]) = (stages[to], stages[index]);
    }
}
