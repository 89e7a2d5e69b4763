using System.Text.Json.Serialization;

namespace Consortium.Portal.Workflows;

// ---- Definitions: data, versioned ----

/// <summary>A name in the consortium's four languages.</summary>
public sealed record LocalizedName(string? En, string? Sq, string? SrLatn, string? SrCyrl)
{
    /// <summary>The name in <paramref name="culture"/> (en, sq, sr-Latn, sr-Cyrl), English when that one is empty.</summary>
    public string For(string culture)
    {
        var name = culture switch
        {
            "sq" => Sq,
            "sr-Latn" or "sr" => SrLatn,
            "sr-Cyrl" => SrCyrl,
            _ => En,
        };
        return string.IsNullOrWhiteSpace(name) ? En ?? "" : name;
    }
}

[JsonConverter(typeof(JsonStringEnumConverter<StageKind>))]
public enum StageKind
{
    /// <summary>People decide; <see cref="WorkflowStageDto.Rule"/> says when the stage is done.</summary>
    Approval,
    /// <summary>Every branch runs at once; the group is done when all of them are.</summary>
    Parallel,
    /// <summary>Runs <see cref="WorkflowStageDto.Then"/> when the subject's field has the value, otherwise <see cref="WorkflowStageDto.Else"/>.</summary>
    Condition,
}

/// <summary>The assignee kinds the engine resolves itself; a module may register more (<see cref="IWorkflowAssigneeResolver"/>).</summary>
public static class AssigneeKinds
{
    /// <summary>Every enabled user with <see cref="AssigneeRule.Role"/>.</summary>
    public const string Role = "role";
    /// <summary>The PartnerLeads of the subject's authoring partners.</summary>
    public const string AuthoringPartnerLeads = "authoring-partner-leads";
    /// <summary>The PartnerLeads of every partner.</summary>
    public const string PartnerLeads = "partner-leads";
    /// <summary>The users named in <see cref="AssigneeRule.UserIds"/>.</summary>
    public const string Users = "users";
    /// <summary>The Reviewers of the subject's workspace (exactly that role, direct or through the partner).</summary>
    public const string WorkspaceReviewers = "workspace-reviewers";
    /// <summary>The subject's authors.</summary>
    public const string Authors = "authors";
}

/// <summary>Who is asked at an approval stage: a resolver <see cref="Kind"/> and what it needs.</summary>
public sealed record AssigneeRule(string? Kind, string? Role = null, IReadOnlyList<Guid>? UserIds = null);

[JsonConverter(typeof(JsonStringEnumConverter<DecisionRuleKind>))]
public enum DecisionRuleKind
{
    /// <summary>One approval is enough.</summary>
    Any,
    /// <summary>Every assignee approves.</summary>
    All,
    /// <summary>At least <see cref="DecisionRule.Quorum"/> approvals.</summary>
    Quorum,
}

/// <summary>
/// When an approval stage is done. <see cref="EachSide"/> adds "at least one approval from Kosovo and one from Serbia"
/// (the approver's partner's side) to the kind: how the consortium signs off joint work.
/// </summary>
public sealed record DecisionRule(DecisionRuleKind Kind, int? Quorum = null, bool EachSide = false);

[JsonConverter(typeof(JsonStringEnumConverter<EscalationKind>))]
public enum EscalationKind
{
    /// <summary>The task shows as overdue; nobody is told.</summary>
    None,
    /// <summary>The Coordinator is told; the task stays with its assignee.</summary>
    NotifyCoordinator,
    /// <summary>The task moves to the Coordinator.</summary>
    ReassignToCoordinator,
    /// <summary>The task moves to <see cref="StageDeadline.EscalateToUserId"/>.</summary>
    ReassignToUser,
}

/// <summary>
/// When a task of the stage is due: <see cref="Days"/> calendar days or working days (Monday to Friday, in the
/// consortium's time zone) after it was opened; a reminder <see cref="RemindHoursBefore"/> hours before; then the escalation.
/// </summary>
public sealed record StageDeadline(int Days, bool WorkingDays = false, int? RemindHoursBefore = null,
    EscalationKind Escalation = EscalationKind.None, Guid? EscalateToUserId = null);

/// <summary>
/// One node of a definition's graph. Stages run in list order; a <see cref="StageKind.Parallel"/> node holds
/// <see cref="Branches"/> (each a list of stages), a <see cref="StageKind.Condition"/> node <see cref="Then"/> and
/// <see cref="Else"/>. <see cref="Id"/> is unique in the definition (lower-case letters, digits and '-').
/// </summary>
public sealed record WorkflowStageDto(
    string? Id,
    StageKind Kind,
    LocalizedName? Name,
    IReadOnlyList<AssigneeRule>? Assignees = null,
    DecisionRule? Rule = null,
    StageDeadline? Deadline = null,
    IReadOnlyList<IReadOnlyList<WorkflowStageDto>>? Branches = null,
    string? Field = null,
    string? EqualsValue = null,
    IReadOnlyList<WorkflowStageDto>? Then = null,
    IReadOnlyList<WorkflowStageDto>? Else = null);

/// <summary>
/// A new version of definition <see cref="Key"/> (version 1 when the key is new). <see cref="SubjectType"/>, when given,
/// is the only kind of subject it may run for, and its condition fields are checked against that type's fields.
/// </summary>
public sealed record PublishWorkflowDefinitionRequest(string? Key, LocalizedName? Name, string? SubjectType, IReadOnlyList<WorkflowStageDto>? Stages);

public sealed record WorkflowDefinitionDto(
    string Key,
    int Version,
    LocalizedName Name,
    string? SubjectType,
    IReadOnlyList<WorkflowStageDto> Stages,
    DateTime PublishedAtUtc,
    Guid? PublishedBy);

/// <summary>One published version of a definition, for its list of versions.</summary>
public sealed record WorkflowDefinitionVersionDto(int Version, DateTime PublishedAtUtc, Guid? PublishedBy, int StageCount);

[JsonConverter(typeof(JsonStringEnumConverter<StageChangeKind>))]
public enum StageChangeKind
{
    Added,
    Removed,
    Changed,
}

/// <summary>
/// A stage that differs between two versions (the same id is the same stage): added, removed, or changed in
/// <see cref="Aspects"/> (name, kind, place, assignees, rule, deadline, condition). <see cref="Name"/> is its newest name.
/// </summary>
public sealed record StageChangeDto(string StageId, StageChangeKind Kind, LocalizedName? Name, IReadOnlyList<string> Aspects);

/// <summary>Two versions of a definition side by side, and what changed from <see cref="From"/> to <see cref="To"/>.</summary>
/// <param name="NameChanged">"name" when the definition's name changed, else null.</param>
/// <param name="SubjectTypeChanged">"subjectType" when the kind of subject it runs for changed, else null.</param>
public sealed record DefinitionComparisonDto(WorkflowDefinitionDto From, WorkflowDefinitionDto To, string? NameChanged, string? SubjectTypeChanged,
    IReadOnlyList<StageChangeDto> Stages);

public sealed record WorkflowDefinitionSummaryDto(string Key, int LatestVersion, LocalizedName Name, string? SubjectType, DateTime PublishedAtUtc);

/// <summary>
/// Saves the draft of definition <see cref="Key"/>'s next version as the editor holds it (it need not be valid yet).
/// <see cref="ConcurrencyStamp"/> is the draft's as the coordinator read it, or null to start one: a draft saved by
/// someone else meanwhile (or started by them) answers 409 with theirs.
/// </summary>
public sealed record SaveWorkflowDraftRequest(string? Key, LocalizedName? Name, string? SubjectType, IReadOnlyList<WorkflowStageDto>? Stages, Guid? ConcurrencyStamp);

/// <summary>Publishes the draft as it was read (<see cref="ConcurrencyStamp"/>); the draft is gone once its version exists.</summary>
public sealed record PublishWorkflowDraftRequest(Guid? ConcurrencyStamp);

/// <summary>The draft of a definition's next version, with who saved it last and when.</summary>
/// <param name="LatestVersion">The definition's latest published version, or null when the draft is of a new definition.</param>
public sealed record WorkflowDefinitionDraftDto(string Key, LocalizedName Name, string? SubjectType, IReadOnlyList<WorkflowStageDto> Stages,
    DateTime SavedAtUtc, Guid? SavedBy, string? SavedByName, int? LatestVersion, Guid ConcurrencyStamp);

// ---- Instances ----

[JsonConverter(typeof(JsonStringEnumConverter<WorkflowStatus>))]
public enum WorkflowStatus
{
    Running,
    /// <summary>Waiting for the author to resubmit.</summary>
    ChangesRequested,
    Completed,
    Rejected,
    Cancelled,
}

[JsonConverter(typeof(JsonStringEnumConverter<TaskDecision>))]
public enum TaskDecision
{
    Approve,
    RequestChanges,
    Reject,
}

[JsonConverter(typeof(JsonStringEnumConverter<WorkflowTaskStatus>))]
public enum WorkflowTaskStatus
{
    Open,
    Approved,
    ChangesRequested,
    Rejected,
    /// <summary>Closed without a decision: the stage was decided without it, or the workflow ended or paused.</summary>
    Closed,
    /// <summary>Moved to someone else (an escalation or the coordinator).</summary>
    Reassigned,
}

[JsonConverter(typeof(JsonStringEnumConverter<JournalEntryKind>))]
public enum JournalEntryKind
{
    Started,
    StageEntered,
    ConditionEvaluated,
    TaskOpened,
    Approved,
    ChangesRequested,
    Rejected,
    TaskClosed,
    StageCompleted,
    Resubmitted,
    ReminderSent,
    Escalated,
    Reassigned,
    IncidentRaised,
    IncidentResolved,
    Completed,
    Cancelled,
    /// <summary>The coordinator moved the running instance to another version of its definition (<c>Detail</c>: from@to).</summary>
    MovedToVersion,
}

/// <summary>What another module asks for: a workflow of definition <see cref="DefinitionKey"/> (its latest version) for a subject.</summary>
public sealed record StartWorkflowRequest(string? SubjectType, Guid SubjectId, string? DefinitionKey);

/// <summary>
/// A decision on a task. <see cref="ActionId"/> is made by the client once per intended action (a button press) and sent
/// again on a retry: the same action counts once. A comment is required to request changes or reject.
/// </summary>
public sealed record ActOnTaskRequest(Guid ActionId, TaskDecision? Decision, string? Comment);

public sealed record CancelWorkflowRequest(string? Reason);

public sealed record ReassignIncidentRequest(Guid? UserId);

/// <param name="AlreadyApplied">True when this action id had been applied before: nothing was done again.</param>
public sealed record TaskActionResultDto(Guid InstanceId, Guid TaskId, WorkflowTaskStatus TaskStatus, WorkflowStatus InstanceStatus, bool AlreadyApplied);

/// <summary>A task in someone's inbox: what is asked of them, about what, by when.</summary>
public sealed record WorkflowTaskDto(
    Guid Id,
    Guid InstanceId,
    string StageId,
    LocalizedName StageName,
    Guid AssigneeId,
    WorkflowTaskStatus Status,
    DateTime OpenedAtUtc,
    DateTime? DueAtUtc,
    bool IsOverdue,
    string SubjectType,
    Guid SubjectId,
    string SubjectTitle,
    string? SubjectLink,
    LocalizedName DefinitionName,
    Guid? DelegatedBy = null);

public sealed record WorkflowJournalEntryDto(
    int Sequence,
    DateTime AtUtc,
    JournalEntryKind Kind,
    Guid? ActorId,
    string? ActorName,
    string? StageId,
    LocalizedName? StageName,
    Guid? TaskId,
    string? Comment,
    string? Detail,
    Guid? DelegateId = null,
    string? DelegateName = null);

public sealed record WorkflowIncidentDto(
    Guid Id,
    Guid InstanceId,
    string StageId,
    LocalizedName StageName,
    Guid? TaskId,
    string ReasonKey,
    DateTime RaisedAtUtc,
    string SubjectTitle,
    bool IsResolved);

public sealed record WorkflowActiveStageDto(string StageId, LocalizedName Name);

/// <summary>An instance as its detail page and the subject's timeline show it.</summary>
public sealed record WorkflowInstanceDto(
    Guid Id,
    string DefinitionKey,
    int DefinitionVersion,
    LocalizedName DefinitionName,
    string SubjectType,
    Guid SubjectId,
    string SubjectTitle,
    string? SubjectLink,
    WorkflowStatus Status,
    DateTime StartedAtUtc,
    Guid? StartedBy,
    DateTime? EndedAtUtc,
    IReadOnlyList<WorkflowActiveStageDto> ActiveStages,
    IReadOnlyList<WorkflowTaskDto> OpenTasks,
    IReadOnlyList<WorkflowIncidentDto> OpenIncidents,
    IReadOnlyList<WorkflowJournalEntryDto> Journal,
    Guid ConcurrencyStamp);

/// <summary>A line of the coordinator's list of instances.</summary>
public sealed record WorkflowInstanceSummaryDto(
    Guid Id,
    string DefinitionKey,
    int DefinitionVersion,
    string SubjectType,
    Guid SubjectId,
    string SubjectTitle,
    WorkflowStatus Status,
    DateTime StartedAtUtc,
    DateTime? EndedAtUtc,
    int OpenTaskCount,
    int OpenIncidentCount);

// ---- Delegation ----

/// <summary>
/// The signed-in user hands their tasks to <see cref="DelegateId"/>, a colleague of the same partner, from
/// <see cref="FromUtc"/> (now when empty) until <see cref="ToUtc"/>, for example over the holidays. The delegate acts
/// for them; the journal names both.
/// </summary>
public sealed record CreateDelegationRequest(Guid? DelegateId, DateTime? FromUtc, DateTime? ToUtc);

public sealed record WorkflowDelegationDto(Guid Id, Guid DelegatorId, Guid DelegateId, string DelegateName, DateTime FromUtc, DateTime ToUtc);

// ---- Analytics ----

/// <summary>
/// How long a stage of a definition takes: stages completed (with the average and longest time from entering to
/// completing, changes awaited from the author included) and work waiting there now (with the longest wait).
/// </summary>
public sealed record StageTimeDto(
    string DefinitionKey,
    string StageId,
    LocalizedName StageName,
    int Completed,
    double AverageHours,
    double LongestHours,
    int WaitingNow,
    double LongestWaitingHours);

// ---- Moving running instances to a new version ----

/// <summary>
/// Where a running instance would land on the latest version: its active stages, or why it cannot move
/// (<see cref="ReasonKey"/>, about <see cref="StageId"/>).
/// </summary>
public sealed record VersionMoveDto(Guid InstanceId, string SubjectTitle, int FromVersion, int ToVersion, bool CanMove,
    IReadOnlyList<string> LandsAt, string? ReasonKey, string? StageId);

/// <summary>The instances to move to the latest version; all that can move when empty.</summary>
public sealed record MoveInstancesRequest(IReadOnlyList<Guid>? InstanceIds);
