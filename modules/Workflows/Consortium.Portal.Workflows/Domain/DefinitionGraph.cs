namespace Consortium.Portal.Workflows.Domain;

/// <summary>
/// A definition's stages with, for each, where it sits: the list it is in, its position there, and the parallel group
/// or condition that owns that list (none for the top level). The engine walks it to find what comes next.
/// </summary>
public sealed class DefinitionGraph
{
    public sealed record Place(WorkflowStageDto Stage, IReadOnlyList<WorkflowStageDto> Sequence, int Position, WorkflowStageDto? Owner);

    private readonly Dictionary<string, Place> _places = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public DefinitionGraph(IReadOnlyList<WorkflowStageDto> stages)
    {
        Root = stages;
        Add(stages, null);
    }

    public IReadOnlyList<WorkflowStageDto> Root { get; }

    public Place this[string stageId] => _places.TryGetValue(stageId, out var place)
        ? place
        : throw new InvalidOperationException($"Stage '{stageId}' is not in the definition.");

    public bool Contains(string stageId) => _places.ContainsKey(stageId);

    /// <summary>Every stage in document order (depth first).</summary>
    public IEnumerable<WorkflowStageDto> AllStages => _order.Select(id => _places[id].Stage);

    public IEnumerable<WorkflowStageDto> ApprovalStages => AllStages.Where(s => s.Kind == StageKind.Approval);

    /// <summary>The position of the stage in document order, to list active stages in a stable order.</summary>
    public int OrderOf(string stageId) => _order.IndexOf(stageId);

    private void Add(IReadOnlyList<WorkflowStageDto> sequence, WorkflowStageDto? owner)
    {
        for (var i = 0; i < sequence.Count; i++)
        {
            var stage = sequence[i];
            _places.Add(stage.Id!, new Place(stage, sequence, i, owner));
            _order.Add(stage.Id!);
            foreach (var branch in stage.Branches ?? [])
            {
                Add(branch, stage);
            }
            Add(stage.Then ?? [], stage);
            Add(stage.Else ?? [], stage);
        }
    }
}
