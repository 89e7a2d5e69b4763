using Consortium.Portal.Identity;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Events;

namespace Consortium.Portal.Workflows.Domain;

/// <summary>
/// A running (or ended) workflow for one subject, pinned to the definition version it started with. Its state, open
/// tasks, incidents and journal change only through <see cref="WorkflowEngine"/>, which touches <see cref="Revision"/> on
/// every change: the concurrency stamp then guards the whole aggregate, so two decisions saved at once cannot both
/// complete a stage.
/// </summary>
public sealed class WorkflowInstance : AggregateRoot<Guid>, IAuditedEntity
{
    private WorkflowInstance() { }

    public static WorkflowInstance New(WorkflowDefinition definition, string subjectType, WorkflowSubject subject, DateTime nowUtc, Guid? startedBy) => new()
    {
        Id = Guid.CreateVersion7(),
        DefinitionId = definition.Id,
        DefinitionKey = definition.Key,
        DefinitionVersion = definition.Version,
        SubjectType = subjectType,
        SubjectId = subject.Id,
        SubjectTitle = Truncate(subject.Title, WorkflowsConsts.MaxNameLength),
        SubjectLink = subject.Link,
        Status = WorkflowStatus.Running,
        RunningKey = RunningKeyOf(subjectType, subject.Id),
        StartedAtUtc = nowUtc,
        StartedBy = startedBy,
    };

    /// <summary>Set while the workflow has not ended; unique, so a subject has at most one running workflow.</summary>
    public static string RunningKeyOf(string subjectType, Guid subjectId) => $"{subjectType}/{subjectId:N}";

    public Guid DefinitionId { get; private set; }
    public string DefinitionKey { get; private set; } = "";
    public int DefinitionVersion { get; private set; }
    public string SubjectType { get; private set; } = "";
    public Guid SubjectId { get; private set; }
    public string SubjectTitle { get; private set; } = "";
    public string? SubjectLink { get; private set; }
    public WorkflowStatus Status { get; internal set; }
    public string? RunningKey { get; internal set; }
    /// <summary>Starts at 0; a resubmission opens a new round of tasks at the stages that were active.</summary>
    public int Round { get; internal set; }
    public int Revision { get; internal set; }
    /// <summary>Approval stages with open work, space-separated (stage ids have no spaces).</summary>
    public string ActiveStageIds { get; internal set; } = "";
    /// <summary>Stages and groups that completed, space-separated.</summary>
    public string FinishedStageIds { get; internal set; } = "";
    public string? ChangesRequestedStageId { get; internal set; }
    public DateTime StartedAtUtc { get; private set; }
    public Guid? StartedBy { get; private set; }
    public DateTime? EndedAtUtc { get; internal set; }
    /// <summary>The earliest reminder or due time of an open task: the timer job looks only at instances that have one due.</summary>
    public DateTime? NextTimerAtUtc { get; internal set; }

    public List<WorkflowTask> Tasks { get; private set; } = [];
    public List<WorkflowJournalEntry> Journal { get; private set; } = [];
    public List<WorkflowIncident> Incidents { get; private set; } = [];

    public DateTime CreatedAtUtc { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTime? ModifiedAtUtc { get; set; }
    public Guid? ModifiedBy { get; set; }

    public bool HasEnded => Status is WorkflowStatus.Completed or WorkflowStatus.Rejected or WorkflowStatus.Cancelled;

    public IReadOnlySet<string> ActiveStages => Split(ActiveStageIds);

    public IReadOnlySet<string> FinishedStages => Split(FinishedStageIds);

    public IEnumerable<WorkflowTask> OpenTasks => Tasks.Where(t => t.Status == WorkflowTaskStatus.Open);

    internal void SetActive(string stageId, bool active) => ActiveStageIds = Toggle(ActiveStageIds, stageId, active);

    internal void MarkFinished(string stageId) => FinishedStageIds = Toggle(FinishedStageIds, stageId, true);

    internal void ClearActive() => ActiveStageIds = "";

    internal void MoveTo(WorkflowDefinition definition)
    {
        DefinitionId = definition.Id;
        DefinitionVersion = definition.Version;
    }

    internal void RaiseOutcome(IIntegrationEvent outcome) => Raise(outcome);

    internal WorkflowJournalEntry Record(JournalEntryKind kind, DateTime atUtc, Guid? actorId = null, string? stageId = null, Guid? taskId = null,
        string? comment = null, string? detail = null, Guid? actionId = null, Guid? delegateId = null)
    {
        var entry = new WorkflowJournalEntry
        {
            Id = Guid.CreateVersion7(),
            InstanceId = Id,
            Sequence = Journal.Count + 1,
            AtUtc = atUtc,
            Kind = kind,
            ActorId = actorId,
            StageId = stageId,
            TaskId = taskId,
            Comment = comment,
            Detail = detail,
            ActionId = actionId,
            DelegateId = delegateId,
        };
        Journal.Add(entry);
        return entry;
    }

    private static IReadOnlySet<string> Split(string ids) => ids.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);

    private static string Toggle(string ids, string id, bool on)
    {
        var set = ids.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        set.Remove(id);
        if (on)
        {
            set.Add(id);
        }
        return string.Join(' ', set);
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}

/// <summary>What one person is asked to decide at one stage, in one round.</summary>
public sealed class WorkflowTask
{
    public Guid Id { get; internal set; }
    public Guid InstanceId { get; internal set; }
    public string StageId { get; internal set; } = "";
    public int Round { get; internal set; }
    public Guid AssigneeId { get; internal set; }
    /// <summary>The side of the assignee's partner when the task was opened: what "one from each side" counts.</summary>
    public PartnerSide? AssigneeSide { get; internal set; }
    public WorkflowTaskStatus Status { get; internal set; }
    public DateTime OpenedAtUtc { get; internal set; }
    public DateTime? DueAtUtc { get; internal set; }
    public DateTime? RemindAtUtc { get; internal set; }
    public DateTime? ReminderSentAtUtc { get; internal set; }
    public DateTime? EscalatedAtUtc { get; internal set; }
    public DateTime? ClosedAtUtc { get; internal set; }

    internal void Close(WorkflowTaskStatus status, DateTime atUtc)
    {
        Status = status;
        ClosedAtUtc = atUtc;
    }
}

/// <summary>One step of an instance, as the timeline shows it and as <see cref="JournalReplay"/> reads it back.</summary>
public sealed class WorkflowJournalEntry
{
    public Guid Id { get; internal set; }
    public Guid InstanceId { get; internal set; }
    public int Sequence { get; internal set; }
    public DateTime AtUtc { get; internal set; }
    public JournalEntryKind Kind { get; internal set; }
    public Guid? ActorId { get; internal set; }
    /// <summary>Who acted for <see cref="ActorId"/>, when a delegate did.</summary>
    public Guid? DelegateId { get; internal set; }
    public string? StageId { get; internal set; }
    public Guid? TaskId { get; internal set; }
    /// <summary>The client's id of the action that made this entry: the same action twice is found here and counts once.</summary>
    public Guid? ActionId { get; internal set; }
    public string? Comment { get; internal set; }
    /// <summary>What else the kind needs: the stage kind entered, the branch taken, the new assignee, the escalation.</summary>
    public string? Detail { get; internal set; }
}

/// <summary>A step the engine could not take on its own (nobody to ask, a rule that cannot be met): the coordinator resolves it.</summary>
public sealed class WorkflowIncident
{
    public Guid Id { get; internal set; }
    public Guid InstanceId { get; internal set; }
    public string StageId { get; internal set; } = "";
    public Guid? TaskId { get; internal set; }
    public string ReasonKey { get; internal set; } = "";
    public DateTime RaisedAtUtc { get; internal set; }
    public DateTime? ResolvedAtUtc { get; internal set; }
    public Guid? ResolvedBy { get; internal set; }

    public bool IsResolved => ResolvedAtUtc is not null;
}
