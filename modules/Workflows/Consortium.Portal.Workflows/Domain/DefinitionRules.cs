using System.Text.RegularExpressions;
using Consortium.Portal.Platform.Security;

namespace Consortium.Portal.Workflows.Domain;

/// <summary>
/// Every reason a definition is refused, each with the JSON path of the field it is about ("stages[1].branches[0][0].id")
/// and a text key: the validator lists them all at once, so a coordinator fixes a definition in one pass.
/// </summary>
public static partial class DefinitionRules
{
    public sealed record Problem(string Field, string MessageKey, params object[] Arguments);

    /// <param name="assigneeKinds">The kinds a resolver is registered for.</param>
    /// <param name="conditionFields">The subject type's fields, or null when the definition is not tied to one.</param>
    /// <param name="conditionValues">The values of the fields that have a fixed set (the others take any text).</param>
    public static IReadOnlyList<Problem> Check(PublishWorkflowDefinitionRequest request, IReadOnlySet<string> assigneeKinds, IReadOnlyCollection<string>? conditionFields,
        IReadOnlyDictionary<string, IReadOnlyCollection<string>>? conditionValues = null)
    {
        var problems = new List<Problem>();
        CheckKey(request.Key, problems);
        CheckName(request.Name, "name", problems);
        if (request.Stages is not { Count: > 0 })
        {
            problems.Add(new("stages", "Validation.StagesRequired"));
            return problems;
        }
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var count = 0;
        CheckSequence(request.Stages, "stages", 1, ids, ref count, assigneeKinds, conditionFields, conditionValues, problems);
        if (count > WorkflowsConsts.MaxStages)
        {
            problems.Add(new("stages", "Validation.TooManyStages", WorkflowsConsts.MaxStages));
        }
        return problems;
    }

    /// <summary>
    /// What a draft must be to be kept: a definition's key, names and a number of stages that fit. A draft may be
    /// unfinished (no name, a stage without approvers): publishing it applies <see cref="Check"/>.
    /// </summary>
    public static IReadOnlyList<Problem> CheckDraft(SaveWorkflowDraftRequest request)
    {
        var problems = new List<Problem>();
        CheckKey(request.Key, problems);
        foreach (var (value, part) in new[] { (request.Name?.En, "en"), (request.Name?.Sq, "sq"), (request.Name?.SrLatn, "srLatn"), (request.Name?.SrCyrl, "srCyrl") })
        {
            if (value is not null && value.Trim().Length > WorkflowsConsts.MaxNameLength)
            {
                problems.Add(new($"name.{part}", "Validation.NameTooLong", WorkflowsConsts.MaxNameLength));
            }
        }
        if (request.SubjectType is { } type && type.Trim().Length > WorkflowsConsts.MaxSubjectTypeLength)
        {
            problems.Add(new("subjectType", "Validation.NameTooLong", WorkflowsConsts.MaxSubjectTypeLength));
        }
        if (CountStages(request.Stages, 1) is var count && count > WorkflowsConsts.MaxStages)
        {
            problems.Add(new("stages", "Validation.TooManyStages", WorkflowsConsts.MaxStages));
        }
        return problems;
    }

    // Every stage of the tree, nested ones too; past the nesting limit a draft counts as too big (it could never publish).
    private static int CountStages(IReadOnlyList<WorkflowStageDto>? stages, int depth)
        => depth > WorkflowsConsts.MaxNesting
            ? int.MaxValue / 2
            : (stages ?? []).Sum(s => 1 + (s.Branches ?? []).Sum(b => CountStages(b, depth + 1)) + CountStages(s.Then, depth + 1) + CountStages(s.Else, depth + 1));

    private static void CheckKey(string? key, List<Problem> problems)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            problems.Add(new("key", "Validation.KeyRequired"));
        }
        else if (key.Length > WorkflowsConsts.MaxKeyLength || !KeyPattern().IsMatch(key))
        {
            problems.Add(new("key", "Validation.KeyFormat", WorkflowsConsts.MaxKeyLength));
        }
    }

    private static void CheckName(LocalizedName? name, string field, List<Problem> problems)
    {
        // Serbian Cyrillic may be left empty: the portal shows the English name then.
        foreach (var (value, part) in new[] { (name?.En, "en"), (name?.Sq, "sq"), (name?.SrLatn, "srLatn") })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                problems.Add(new($"{field}.{part}", "Validation.NameRequired"));
            }
        }
        foreach (var (value, part) in new[] { (name?.En, "en"), (name?.Sq, "sq"), (name?.SrLatn, "srLatn"), (name?.SrCyrl, "srCyrl") })
        {
            if (value is not null && value.Trim().Length > WorkflowsConsts.MaxNameLength)
            {
                problems.Add(new($"{field}.{part}", "Validation.NameTooLong", WorkflowsConsts.MaxNameLength));
            }
        }
    }

    private static void CheckSequence(IReadOnlyList<WorkflowStageDto>? stages, string path, int depth, HashSet<string> ids, ref int count,
        IReadOnlySet<string> assigneeKinds, IReadOnlyCollection<string>? conditionFields, IReadOnlyDictionary<string, IReadOnlyCollection<string>>? conditionValues,
        List<Problem> problems)
    {
        if (depth > WorkflowsConsts.MaxNesting)
        {
            problems.Add(new(path, "Validation.TooDeep", WorkflowsConsts.MaxNesting));
            return;
        }
        for (var i = 0; i < (stages?.Count ?? 0); i++)
        {
            count++;
            var stage = stages![i];
            var at = $"{path}[{i}]";
            if (stage is null)
            {
                problems.Add(new(at, "Validation.StageRequired"));
                continue;
            }
            if (string.IsNullOrWhiteSpace(stage.Id) || stage.Id.Length > WorkflowsConsts.MaxStageIdLength || !StageIdPattern().IsMatch(stage.Id))
            {
                problems.Add(new($"{at}.id", "Validation.StageIdFormat", WorkflowsConsts.MaxStageIdLength));
            }
            else if (!ids.Add(stage.Id))
            {
                problems.Add(new($"{at}.id", "Validation.StageIdTaken", stage.Id));
            }
            CheckName(stage.Name, $"{at}.name", problems);
            switch (stage.Kind)
            {
                case StageKind.Approval:
                    CheckApproval(stage, at, assigneeKinds, problems);
                    if (stage.Branches is { Count: > 0 } || stage.Then is { Count: > 0 } || stage.Else is { Count: > 0 })
                    {
                        problems.Add(new(at, "Validation.ApprovalHasNoBranches"));
                    }
                    break;
                case StageKind.Parallel:
                    if (stage.Branches is not { Count: >= 2 })
                    {
                        problems.Add(new($"{at}.branches", "Validation.ParallelNeedsBranches"));
                    }
                    for (var b = 0; b < (stage.Branches?.Count ?? 0); b++)
                    {
                        if (stage.Branches![b] is not { Count: > 0 })
                        {
                            problems.Add(new($"{at}.branches[{b}]", "Validation.BranchEmpty"));
                            continue;
                        }
                        CheckSequence(stage.Branches[b], $"{at}.branches[{b}]", depth + 1, ids, ref count, assigneeKinds, conditionFields, conditionValues, problems);
                    }
                    CheckNoAssignees(stage, at, problems);
                    break;
                case StageKind.Condition:
                    if (string.IsNullOrWhiteSpace(stage.Field))
                    {
                        problems.Add(new($"{at}.field", "Validation.FieldRequired"));
                    }
                    else if (conditionFields is not null && !conditionFields.Contains(stage.Field.Trim()))
                    {
                        problems.Add(new($"{at}.field", "Validation.FieldUnknown", stage.Field, string.Join(", ", conditionFields)));
                    }
                    if (string.IsNullOrWhiteSpace(stage.EqualsValue) || stage.EqualsValue.Length > WorkflowsConsts.MaxFieldValueLength)
                    {
                        problems.Add(new($"{at}.equalsValue", "Validation.ValueRequired", WorkflowsConsts.MaxFieldValueLength));
                    }
                    else if (stage.Field is not null && conditionValues is not null && conditionValues.TryGetValue(stage.Field.Trim(), out var allowed) && !allowed.Contains(stage.EqualsValue.Trim()))
                    {
                        // A value the subject never has would send every instance down the same answer, silently.
                        problems.Add(new($"{at}.equalsValue", "Validation.ValueUnknown", stage.EqualsValue, stage.Field.Trim(), string.Join(", ", allowed)));
                    }
                    if (stage.Then is not { Count: > 0 } && stage.Else is not { Count: > 0 })
                    {
                        // Both ways lead straight on: the condition decides nothing and its branches can never be reached.
                        problems.Add(new(at, "Validation.ConditionWithoutBranches"));
                    }
                    CheckSequence(stage.Then, $"{at}.then", depth + 1, ids, ref count, assigneeKinds, conditionFields, conditionValues, problems);
                    CheckSequence(stage.Else, $"{at}.else", depth + 1, ids, ref count, assigneeKinds, conditionFields, conditionValues, problems);
                    CheckNoAssignees(stage, at, problems);
                    break;
                default:
                    problems.Add(new($"{at}.kind", "Validation.StageKind"));
                    break;
            }
        }
    }

    private static void CheckNoAssignees(WorkflowStageDto stage, string at, List<Problem> problems)
    {
        if (stage.Assignees is { Count: > 0 } || stage.Rule is not null || stage.Deadline is not null)
        {
            problems.Add(new(at, "Validation.OnlyApprovalsHaveAssignees"));
        }
    }

    private static void CheckApproval(WorkflowStageDto stage, string at, IReadOnlySet<string> assigneeKinds, List<Problem> problems)
    {
        if (stage.Assignees is not { Count: > 0 })
        {
            problems.Add(new($"{at}.assignees", "Validation.AssigneesRequired"));
        }
        for (var a = 0; a < (stage.Assignees?.Count ?? 0); a++)
        {
            var assignee = stage.Assignees![a];
            var field = $"{at}.assignees[{a}]";
            if (assignee?.Kind is not { } kind || !assigneeKinds.Contains(kind))
            {
                problems.Add(new($"{field}.kind", "Validation.AssigneeKindUnknown", assignee?.Kind ?? "", string.Join(", ", assigneeKinds.Order())));
                continue;
            }
            if (kind == AssigneeKinds.Role && (assignee.Role is null || !PortalRoles.All.Contains(assignee.Role)))
            {
                problems.Add(new($"{field}.role", "Validation.RoleUnknown", string.Join(", ", PortalRoles.All)));
            }
            if (kind == AssigneeKinds.Users && assignee.UserIds is not { Count: > 0 })
            {
                problems.Add(new($"{field}.userIds", "Validation.UsersRequired"));
            }
        }
        var rule = stage.Rule ?? new DecisionRule(DecisionRuleKind.Any);
        if (!Enum.IsDefined(rule.Kind))
        {
            problems.Add(new($"{at}.rule.kind", "Validation.RuleKind"));
        }
        if (rule.Kind == DecisionRuleKind.Quorum && rule.Quorum is not (>= 1 and <= 100))
        {
            problems.Add(new($"{at}.rule.quorum", "Validation.QuorumRange", 1, 100));
        }
        if (rule.Kind != DecisionRuleKind.Quorum && rule.Quorum is not null)
        {
            problems.Add(new($"{at}.rule.quorum", "Validation.QuorumOnlyForQuorum"));
        }
        if (stage.Deadline is { } deadline)
        {
            if (deadline.Days is < 1 or > WorkflowsConsts.MaxDeadlineDays)
            {
                problems.Add(new($"{at}.deadline.days", "Validation.DaysRange", 1, WorkflowsConsts.MaxDeadlineDays));
            }
            if (deadline.RemindHoursBefore is { } hours && (hours < 1 || hours >= Math.Max(1, deadline.Days) * 24 * (deadline.WorkingDays ? 3 : 1)))
            {
                problems.Add(new($"{at}.deadline.remindHoursBefore", "Validation.ReminderRange"));
            }
            if (!Enum.IsDefined(deadline.Escalation))
            {
                problems.Add(new($"{at}.deadline.escalation", "Validation.EscalationKind"));
            }
            if (deadline.Escalation == EscalationKind.ReassignToUser && deadline.EscalateToUserId is null)
            {
                problems.Add(new($"{at}.deadline.escalateToUserId", "Validation.EscalateToUserRequired"));
            }
        }
    }

    /// <summary>Every user id a definition names (assignees and escalation targets), with the field that names it.</summary>
    public static IEnumerable<(string Field, Guid UserId)> NamedUsers(IReadOnlyList<WorkflowStageDto>? stages, string path = "stages")
    {
        for (var i = 0; i < (stages?.Count ?? 0); i++)
        {
            var stage = stages![i];
            if (stage is null)
            {
                continue;
            }
            var at = $"{path}[{i}]";
            for (var a = 0; a < (stage.Assignees?.Count ?? 0); a++)
            {
                if (stage.Assignees![a] is { Kind: AssigneeKinds.Users, UserIds: { } ids })
                {
                    foreach (var id in ids)
                    {
                        yield return ($"{at}.assignees[{a}].userIds", id);
                    }
                }
            }
            if (stage.Deadline?.EscalateToUserId is { } target)
            {
                yield return ($"{at}.deadline.escalateToUserId", target);
            }
            for (var b = 0; b < (stage.Branches?.Count ?? 0); b++)
            {
                foreach (var named in NamedUsers(stage.Branches![b], $"{at}.branches[{b}]"))
                {
                    yield return named;
                }
            }
            foreach (var named in NamedUsers(stage.Then, $"{at}.then").Concat(NamedUsers(stage.Else, $"{at}.else")))
            {
                yield return named;
            }
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9-]*(\\.[a-z0-9][a-z0-9-]*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex StageIdPattern();
}
