namespace Consortium.Portal.Workflows.Components;

/// <summary>
/// One stage as the definition editor holds it while the coordinator edits: plain settable fields the form binds to,
/// made from a published stage and turned back into one. An approval stage is edited field by field, a parallel group
/// as its branches (each a list of stages), a condition as its field, value and the two lists it chooses between.
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
    /// <summary>The subject's field a condition compares (one its module exposes) and the value it compares with.</summary>
    public string? Field { get; set; }
    public string? EqualsValue { get; set; }
    /// <summary>A condition's stages when the field has the value, and when it has not (either may be empty: straight on).</summary>
    public List<StageDraft> Then { get; set; } = [];
    public List<StageDraft> Else { get; set; } = [];

    public static StageDraft NewApproval(int number) => new() { Id = $"stage-{number}" };

    public static StageDraft NewParallel(int number) => new()
    {
        Id = $"group-{number}",
        Kind = StageKind.Parallel,
        Branches = [[NewApproval(number * 10 + 1)], [NewApproval(number * 10 + 2)]],
    };

    /// <summary>A new condition: one stage when the field has the value, straight on otherwise.</summary>
    public static StageDraft NewCondition(int number) => new()
    {
        Id = $"condition-{number}",
        Kind = StageKind.Condition,
        Then = [NewApproval(number * 10 + 1)],
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
            case StageKind.Condition:
                (draft.Field, draft.EqualsValue) = (stage.Field, stage.EqualsValue);
                draft.Then = (stage.Then ?? []).Select(From).ToList();
                draft.Else = (stage.Else ?? []).Select(From).ToList();
                break;
        }
        return draft;
    }

    public WorkflowStageDto ToStage()
    {
        var name = new LocalizedName(NameEn, NameSq, NameSr, null);
        return Kind switch
        {
            StageKind.Parallel => new WorkflowStageDto(Id, StageKind.Parallel, name,
                Branches: Branches.Select(b => (IReadOnlyList<WorkflowStageDto>)b.Select(s => s.ToStage()).ToList()).ToList()),
            // An empty side is sent as null, as a definition written by hand leaves it out.
            StageKind.Condition => new WorkflowStageDto(Id, StageKind.Condition, name, Field: Field, EqualsValue: EqualsValue,
                Then: Then.Count == 0 ? null : Then.Select(s => s.ToStage()).ToList(),
                Else: Else.Count == 0 ? null : Else.Select(s => s.ToStage()).ToList()),
            _ => new WorkflowStageDto(Id, StageKind.Approval, name,
                [new AssigneeRule(AssigneeKind, AssigneeKind == AssigneeKinds.Role ? Role : null, AssigneeKind == AssigneeKinds.Users ? UserIds.ToList() : null)],
                new DecisionRule(Rule, Rule == DecisionRuleKind.Quorum ? Quorum : null, EachSide),
                HasDeadline ? new StageDeadline(Days, WorkingDays, RemindHoursBefore, Escalation, Escalation == EscalationKind.ReassignToUser ? EscalateToUserId : null) : null),
        };
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
        while (ids.Contains($"stage-{number}") || ids.Contains($"group-{number}") || ids.Contains($"condition-{number}") || ids.Contains($"stage-{number * 10 + 1}") || ids.Contains($"stage-{number * 10 + 2}"));
        return number;
    }

    public static IEnumerable<StageDraft> Flatten(StageDraft stage)
        => [stage, .. stage.Branches.SelectMany(b => b).Concat(stage.Then).Concat(stage.Else).SelectMany(Flatten)];

    /// <summary>
    /// The stage a validator's field path is about (<c>stages[2].then[0].id</c>, <c>stages[1].branches[0][1].name.en</c>):
    /// the innermost stage it names, or null when the path names none (the key, the name) or no longer fits the list.
    /// </summary>
    public static StageDraft? At(IReadOnlyList<StageDraft> stages, string field)
    {
        StageDraft? found = null;
        IReadOnlyList<StageDraft>? list = stages;
        var rest = field;
        while (list is not null && PathStep.Match(rest) is { Success: true } match)
        {
            if (match.Groups["list"].Value is "branches" or "then" or "else" && found is null)
            {
                return null;
            }
            list = match.Groups["list"].Value switch
            {
                "stages" => list,
                "then" => found!.Then,
                "else" => found!.Else,
                _ => match.Groups["branch"].Success && int.Parse(match.Groups["branch"].Value, System.Globalization.CultureInfo.InvariantCulture) is var b && b < found!.Branches.Count ? found.Branches[b] : null,
            };
            var index = int.Parse(match.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (list is null || index >= list.Count)
            {
                return found;
            }
            found = list[index];
            rest = rest[match.Length..];
        }
        return found;
    }

    private static readonly System.Text.RegularExpressions.Regex PathStep = new(@"^\.?(?<list>stages|then|else|branches)(?:\[(?<branch>\d+)\](?=\[))?\[(?<index>\d+)\]", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

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
