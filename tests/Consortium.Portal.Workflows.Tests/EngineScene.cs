using Consortium.Portal.Identity;
using Consortium.Portal.Workflows.Domain;

namespace Consortium.Portal.Workflows.Tests;

/// <summary>
/// A definition, the people it may ask (with their sides) and an instance started from it, driven through the pure
/// engine with a clock the test moves: what the application does around the engine, without a database.
/// </summary>
internal sealed class EngineScene
{
    public static readonly TimeZoneInfo Belgrade = TimeZoneInfo.FindSystemTimeZoneById("Europe/Belgrade");

    private readonly Dictionary<string, IReadOnlyList<Candidate>> _assignees = new(StringComparer.Ordinal);

    public EngineScene(IReadOnlyList<WorkflowStageDto> stages, IReadOnlyDictionary<string, string>? fields = null, int version = 1)
    {
        Definition = WorkflowDefinition.Publish("test.flow", version, Name("Test flow"), null, stages, Now, null);
        Graph = new DefinitionGraph(Definition.Stages);
        Subject = new WorkflowSubject(Guid.NewGuid(), "Policy brief on the dialogue", "/publications/1", [Author.UserId], [], null,
            fields ?? new Dictionary<string, string>());
    }

    public DateTime Now { get; set; } = new(2026, 12, 2, 9, 0, 0, DateTimeKind.Utc); // a Wednesday

    public WorkflowDefinition Definition { get; private set; }
    public DefinitionGraph Graph { get; private set; }
    public WorkflowSubject Subject { get; }
    public WorkflowInstance Instance { get; private set; } = default!;
    public List<EngineEffect> Effects { get; } = [];

    public static readonly Candidate Author = new(Guid.NewGuid(), PartnerSide.Kosovo, true);
    public static readonly Candidate Coordinator = new(Guid.NewGuid(), null, true);

    public static Candidate Kosovar() => new(Guid.NewGuid(), PartnerSide.Kosovo, true);
    public static Candidate Serbian() => new(Guid.NewGuid(), PartnerSide.Serbia, true);

    public static LocalizedName Name(string en) => new(en, en + " (sq)", en + " (sr)", null);

    public static WorkflowStageDto Approval(string id, DecisionRule? rule = null, StageDeadline? deadline = null)
        => new(id, StageKind.Approval, Name(id), [new AssigneeRule(AssigneeKinds.Users, UserIds: [Guid.NewGuid()])], rule ?? new DecisionRule(DecisionRuleKind.Any), deadline);

    public static WorkflowStageDto Parallel(string id, params IReadOnlyList<WorkflowStageDto>[] branches)
        => new(id, StageKind.Parallel, Name(id), Branches: branches);

    public static WorkflowStageDto Condition(string id, string field, string value, IReadOnlyList<WorkflowStageDto>? then, IReadOnlyList<WorkflowStageDto>? otherwise = null)
        => new(id, StageKind.Condition, Name(id), Field: field, EqualsValue: value, Then: then, Else: otherwise);

    /// <summary>Who the resolvers answer for a stage.</summary>
    public EngineScene Ask(string stageId, params Candidate[] people)
    {
        _assignees[stageId] = people;
        return this;
    }

    public EngineContext Context(params Candidate[] alsoKnown) => new(Now, Subject, _assignees, [Coordinator], Belgrade,
        _assignees.Values.SelectMany(v => v).Concat([Coordinator]).Concat(alsoKnown).DistinctBy(c => c.UserId).ToDictionary(c => c.UserId));

    public EngineScene Start()
    {
        Instance = WorkflowInstance.New(Definition, "tests.subject", Subject, Now, Author.UserId);
        Effects.AddRange(WorkflowEngine.Start(Instance, Graph, Context()));
        return this;
    }

    /// <summary>
    /// A restart: what the engine changed is saved to <paramref name="store"/>, the context that held it is dropped, and
    /// the definition and the instance are read back whole by a new one, as the portal's next request would after a
    /// restart. Nothing in memory survives it but the clock and the people.
    /// </summary>
    public void Restart(WorkflowStore store)
    {
        (Definition, Instance) = store.SaveAndReadBack(Definition, Instance);
        Graph = new DefinitionGraph(Definition.Stages);
    }

    public WorkflowTask OpenTaskOf(Candidate person) => Instance.OpenTasks.Single(t => t.AssigneeId == person.UserId);

    public bool Decide(Candidate person, TaskDecision decision = TaskDecision.Approve, string? comment = null, Guid? actionId = null)
        => Decide(OpenTaskOf(person).Id, person, decision, comment, actionId);

    public bool Decide(Guid taskId, Candidate person, TaskDecision decision = TaskDecision.Approve, string? comment = null, Guid? actionId = null)
    {
        var (already, effects) = WorkflowEngine.Decide(Instance, Graph, Context(), taskId, person.UserId, decision,
            comment ?? (decision == TaskDecision.Approve ? null : "Please look at section 2."), actionId ?? Guid.NewGuid());
        Effects.AddRange(effects);
        return already;
    }

    public void Resubmit() => Effects.AddRange(WorkflowEngine.Resubmit(Instance, Graph, Context(), Author.UserId, "Fixed section 2."));

    public void FireTimers(params Candidate[] alsoKnown) => Effects.AddRange(WorkflowEngine.FireTimers(Instance, Graph, Context(alsoKnown)));

    public IReadOnlySet<string> Active => Instance.ActiveStages;

    public IEnumerable<WorkflowJournalEntry> JournalOf(JournalEntryKind kind) => Instance.Journal.Where(e => e.Kind == kind);
}
