using System.Text.Json;

namespace Consortium.Portal.Workflows.Domain;

/// <summary>
/// What changed between two versions of a definition, stage by stage (a stage is the same stage in both when it has the
/// same id): added, removed, or changed in its name, kind, place in the flow, approvers, decision rule, deadline or
/// condition; and whether the definition's own name or subject type changed.
/// </summary>
public static class VersionComparison
{
    /// <summary>The aspects of a stage that may change, in the order they are listed.</summary>
    public static readonly IReadOnlyList<string> Aspects = ["name", "kind", "place", "assignees", "rule", "deadline", "condition"];

    public static DefinitionComparisonDto Compare(WorkflowDefinitionDto older, WorkflowDefinitionDto newer)
    {
        var (before, after) = (new DefinitionGraph(older.Stages), new DefinitionGraph(newer.Stages));
        var changes = new List<StageChangeDto>();
        foreach (var stage in before.AllStages.Where(s => !after.Contains(s.Id!)))
        {
            changes.Add(new(stage.Id!, StageChangeKind.Removed, stage.Name, []));
        }
        foreach (var stage in after.AllStages)
        {
            if (!before.Contains(stage.Id!))
            {
                changes.Add(new(stage.Id!, StageChangeKind.Added, stage.Name, []));
                continue;
            }
            var old = before[stage.Id!].Stage;
            var aspects = Aspects.Where(aspect => Of(aspect, before, old) != Of(aspect, after, stage)).ToList();
            if (aspects.Count > 0)
            {
                changes.Add(new(stage.Id!, StageChangeKind.Changed, stage.Name, aspects));
            }
        }
        return new DefinitionComparisonDto(older, newer,
            Same(older.Name, newer.Name) ? null : "name",
            older.SubjectType == newer.SubjectType ? null : "subjectType",
            changes);
    }

    private static bool Same(object? a, object? b) => Json(a) == Json(b);

    private static string Json(object? value) => JsonSerializer.Serialize(value, WorkflowDefinition.Json);

    /// <summary>One aspect of a stage as comparable text.</summary>
    private static string Of(string aspect, DefinitionGraph graph, WorkflowStageDto stage) => aspect switch
    {
        "name" => Json(stage.Name),
        "kind" => stage.Kind.ToString(),
        "place" => Place(graph, stage),
        "assignees" => Json(stage.Assignees),
        "rule" => Json(stage.Rule),
        "deadline" => Json(stage.Deadline),
        "condition" => $"{stage.Field}={stage.EqualsValue}",
        _ => "",
    };

    /// <summary>
    /// Where a stage sits: the stage (or group, or condition answer) it follows and what owns its list. Moving a stage
    /// past another changes its place; adding a stage before it does too, which is what the reader sees in the flow.
    /// </summary>
    private static string Place(DefinitionGraph graph, WorkflowStageDto stage)
    {
        var place = graph[stage.Id!];
        var previous = place.Position > 0 ? place.Sequence[place.Position - 1].Id : "";
        var owner = place.Owner;
        var list = owner switch
        {
            null => "",
            { Kind: StageKind.Condition } => ReferenceEquals(owner.Then, place.Sequence) ? $"{owner.Id}:then" : $"{owner.Id}:else",
            _ => $"{owner.Id}:branch{owner.Branches!.ToList().FindIndex(b => ReferenceEquals(b, place.Sequence))}",
        };
        return $"{list}/{previous}";
    }
}
