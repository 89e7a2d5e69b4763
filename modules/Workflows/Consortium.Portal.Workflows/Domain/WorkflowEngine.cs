using Consortium.Portal.Identity;
using Consortium.Portal.Platform.Domain;

namespace Consortium.Portal.Workflows.Domain;

/// <summary>A person the engine may ask: their side (from their partner) and whether they can still sign in.</summary>
public sealed record Candidate(Guid UserId, PartnerSide? Side, bool IsEnabled);

/// <summary>
/// Everything the engine needs from outside, read before it runs so that it stays pure: the time, the subject, who
/// each approval stage's assignees are now, the coordinators, and the people a step may name.
/// </summary>
public sealed record EngineContext(
    DateTime NowUtc,
    WorkflowSubject Subject,
    IReadOnlyDictionary<string, IReadOnlyList<Candidate>> AssigneesByStage,
    IReadOnlyList<Candidate> Coordinators,
    TimeZoneInfo Zone,
    IReadOnlyDictionary<Guid, Candidate>? KnownUsers = null)
{
    public IReadOnlyList<Candidate> AssigneesOf(string stageId) => AssigneesByStage.TryGetValue(stageId, out var found) ? found : [];

    public Candidate? User(Guid userId) => KnownUsers is not null && KnownUsers.TryGetValue(userId, out var found) ? found : null;
}

/// <summary>What a step did that the world outside the instance should hear of (notifications).</summary>
public abstract record EngineEffect;

public sealed record TaskOpened(WorkflowTask Task) : EngineEffect;

public sealed record ReminderDue(WorkflowTask Task) : EngineEffect;

/// <summary>
/// A stage passed its deadline with <see cref="Overdue"/> still open (each escalated once, in the journal): one effect
/// per stage and escalation, so a review of eight partner leads tells the coordinators once, not eight times.
/// </summary>
public sealed record StageOverdue(string StageId, IReadOnlyList<WorkflowTask> Overdue, IReadOnlyList<Guid> CoordinatorIds) : EngineEffect;

public sealed record IncidentRaised(WorkflowIncident Incident) : EngineEffect;

public sealed record WorkflowEnded(WorkflowStatus Status, Guid? ActorId, string? Comment) : EngineEffect;

public sealed record ChangesWereRequested(string StageId, Guid ActorId, string Comment) : EngineEffect;

/// <summary>A refusal because the instance or task is no longer in a state that allows the step (409).</summary>
public sealed class WorkflowConflictException(string messageKey, params object[] arguments)
    : DomainRuleException(messageKey, typeof(WorkflowsResource), arguments)
{
    public override int StatusCode => 409;
}

/// <summary>
/// The engine: an instance and its definition, plus a decision, a resubmission, a cancellation, a reassignment or the
/// passing of time, give the instance's new state, its journal entries, its outcome events and the effects to notify.
/// No I/O: the application reads the context before and saves after (with the concurrency stamp and a retry).
/// </summary>
public static class WorkflowEngine
{
    public const string NoAssignee = "Incident.NoAssignee";
    public const string RuleUnattainable = "Incident.RuleUnattainable";
    public const string NoEscalationTarget = "Incident.NoEscalationTarget";
    public const string AssigneeDisabled = "Incident.AssigneeDisabled";

    public static IReadOnlyList<EngineEffect> Start(WorkflowInstance instance, DefinitionGraph graph, EngineContext context)
    {
        var run = new Run(instance, graph, context);
        instance.Record(JournalEntryKind.Started, context.NowUtc, instance.StartedBy, detail: $"{instance.DefinitionKey}@{instance.DefinitionVersion}");
        run.EnterSequence(graph.Root, 0, null);
        return run.Finish();
    }

    /// <summary>
    /// A decision by <paramref name="actorId"/> on a task, or by <paramref name="delegateId"/> in their name (the application
    /// has checked the delegation). The same <paramref name="actionId"/> again changes nothing and answers true (already
    /// applied); someone else's task is refused (403); a closed task is a conflict (409).
    /// </summary>
    public static (bool AlreadyApplied, IReadOnlyList<EngineEffect> Effects) Decide(WorkflowInstance instance, DefinitionGraph graph, EngineContext context,
        Guid taskId, Guid actorId, TaskDecision decision, string? comment, Guid actionId, Guid? delegateId = null)
    {
        if (instance.Journal.Any(e => e.ActionId == actionId))
        {
            return (true, []);
        }
        var task = instance.Tasks.FirstOrDefault(t => t.Id == taskId) ?? throw new EntityNotFoundException(nameof(WorkflowTask), taskId);
        if (task.AssigneeId != actorId)
        {
            throw new ForbiddenException("Only the task's assignee may decide it.");
        }
        if (task.Status != WorkflowTaskStatus.Open)
        {
            throw new WorkflowConflictException("Error.TaskClosed");
        }
        var text = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (decision != TaskDecision.Approve && text is null)
        {
            // The validator asks for it first, in the reader's language; this holds the rule for any other caller.
            throw new DomainRuleException("Validation.CommentRequired", typeof(WorkflowsResource));
        }
        var run = new Run(instance, graph, context);
        var stage = graph[task.StageId].Stage;
        var now = context.NowUtc;
        switch (decision)
        {
            case TaskDecision.Approve:
                task.Close(WorkflowTaskStatus.Approved, now);
                instance.Record(JournalEntryKind.Approved, now, actorId, stage.Id, task.Id, text, actionId: actionId, delegateId: delegateId);
                run.Evaluate(stage);
                break;
            case TaskDecision.RequestChanges:
                task.Close(WorkflowTaskStatus.ChangesRequested, now);
                instance.Record(JournalEntryKind.ChangesRequested, now, actorId, stage.Id, task.Id, text, actionId: actionId, delegateId: delegateId);
                run.PauseForChanges(task.StageId, actorId, text!);
                break;
            case TaskDecision.Reject:
                task.Close(WorkflowTaskStatus.Rejected, now);
                instance.Record(JournalEntryKind.Rejected, now, actorId, stage.Id, task.Id, text, actionId: actionId, delegateId: delegateId);
                run.End(WorkflowStatus.Rejected, actorId, text!);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(decision), decision, null);
        }
        return (false, run.Finish());
    }

    /// <summary>The author resubmitted: a new round of tasks at every stage that was active when changes were requested.</summary>
    public static IReadOnlyList<EngineEffect> Resubmit(WorkflowInstance instance, DefinitionGraph graph, EngineContext context, Guid? actorId, string? comment)
    {
        if (instance.Status != WorkflowStatus.ChangesRequested)
        {
            throw new WorkflowConflictException("Error.NotWaitingForChanges");
        }
        var run = new Run(instance, graph, context);
        instance.Status = WorkflowStatus.Running;
        instance.Round++;
        instance.Record(JournalEntryKind.Resubmitted, context.NowUtc, actorId, instance.ChangesRequestedStageId,
            comment: string.IsNullOrWhiteSpace(comment) ? null : comment.Trim());
        instance.ChangesRequestedStageId = null;
        foreach (var stageId in instance.ActiveStages.OrderBy(graph.OrderOf))
        {
            run.OpenTasks(graph[stageId].Stage);
        }
        return run.Finish();
    }

    public static IReadOnlyList<EngineEffect> Cancel(WorkflowInstance instance, DefinitionGraph graph, EngineContext context, Guid? actorId, string reason)
    {
        if (instance.HasEnded)
        {
            throw new WorkflowConflictException("Error.AlreadyEnded");
        }
        var run = new Run(instance, graph, context);
        run.End(WorkflowStatus.Cancelled, actorId, reason.Trim());
        return run.Finish();
    }

    /// <summary>
    /// Reminders and escalations that are due at the context's time. Each fires once: the task remembers that it did, so
    /// a second firing (a retried job, a second instance, a restart) finds nothing to do.
    /// </summary>
    public static IReadOnlyList<EngineEffect> FireTimers(WorkflowInstance instance, DefinitionGraph graph, EngineContext context)
    {
        var run = new Run(instance, graph, context);
        if (instance.Status == WorkflowStatus.Running)
        {
            foreach (var task in instance.OpenTasks.ToList())
            {
                run.FireTimers(task);
            }
            run.TellCoordinatorsOfOverdueStages();
        }
        return run.Finish();
    }

    /// <summary>The coordinator resolves an incident by naming who decides instead.</summary>
    public static IReadOnlyList<EngineEffect> ResolveIncident(WorkflowInstance instance, DefinitionGraph graph, EngineContext context,
        Guid incidentId, Candidate assignee, Guid? actorId)
    {
        var incident = instance.Incidents.FirstOrDefault(i => i.Id == incidentId) ?? throw new EntityNotFoundException(nameof(WorkflowIncident), incidentId);
        if (incident.IsResolved || instance.Status != WorkflowStatus.Running)
        {
            throw new WorkflowConflictException("Error.IncidentClosed");
        }
        if (!assignee.IsEnabled)
        {
            // The runtime refuses it first on the user field; this holds the rule for any other caller.
            throw new DomainRuleException("Validation.AssigneeCannotSignIn", typeof(WorkflowsResource));
        }
        var run = new Run(instance, graph, context);
        var stage = graph[incident.StageId].Stage;
        var task = incident.TaskId is { } taskId ? instance.Tasks.FirstOrDefault(t => t.Id == taskId && t.Status == WorkflowTaskStatus.Open) : null;
        if (task is not null)
        {
            run.Reassign(task, assignee, actorId);
        }
        else
        {
            run.OpenTask(stage, assignee, withDeadline: true);
        }
        incident.ResolvedAtUtc = context.NowUtc;
        incident.ResolvedBy = actorId;
        instance.Record(JournalEntryKind.IncidentResolved, context.NowUtc, actorId, stage.Id, task?.Id, detail: assignee.UserId.ToString());
        return run.Finish();
    }

    /// <summary>
    /// Moves a running instance to <paramref name="target"/> (the plan has said it can): it goes on from the same stages,
    /// whose rules are those of the new version from now on, so a stage the new rule already finds met completes.
    /// </summary>
    public static IReadOnlyList<EngineEffect> MoveToVersion(WorkflowInstance instance, DefinitionGraph from, WorkflowDefinition target, DefinitionGraph to,
        EngineContext context, Guid? actorId)
    {
        var plan = VersionMoves.PlanFor(instance, from, to);
        if (!plan.CanMove)
        {
            throw new WorkflowConflictException(plan.ReasonKey!, plan.StageId ?? "");
        }
        var run = new Run(instance, to, context);
        instance.Record(JournalEntryKind.MovedToVersion, context.NowUtc, actorId, detail: $"{instance.DefinitionVersion}@{target.Version}");
        instance.MoveTo(target);
        if (instance.Status == WorkflowStatus.Running)
        {
            foreach (var stageId in plan.LandsAt)
            {
                if (instance.ActiveStages.Contains(stageId))
                {
                    run.Evaluate(to[stageId].Stage);
                }
            }
        }
        return run.Finish();
    }

    /// <summary>A user can no longer sign in: each of their open tasks becomes an incident for the coordinator.</summary>
    public static IReadOnlyList<EngineEffect> AssigneeUnavailable(WorkflowInstance instance, DefinitionGraph graph, EngineContext context, Guid userId)
    {
        var run = new Run(instance, graph, context);
        foreach (var task in instance.OpenTasks.Where(t => t.AssigneeId == userId).ToList())
        {
            if (!instance.Incidents.Any(i => i.TaskId == task.Id && !i.IsResolved))
            {
                run.RaiseIncident(task.StageId, task.Id, AssigneeDisabled);
            }
        }
        return run.Finish();
    }

    /// <summary>Whether approvals with these sides meet the rule, given how many tasks of the stage are still open.</summary>
    public static bool IsMet(DecisionRule rule, IReadOnlyCollection<PartnerSide?> approvalSides, int stillOpen)
    {
        var count = approvalSides.Count;
        var enough = rule.Kind switch
        {
            DecisionRuleKind.Any => count >= 1,
            DecisionRuleKind.All => count >= 1 && stillOpen == 0,
            DecisionRuleKind.Quorum => count >= (rule.Quorum ?? 1),
            _ => false,
        };
        var sides = !rule.EachSide || (approvalSides.Contains(PartnerSide.Kosovo) && approvalSides.Contains(PartnerSide.Serbia));
        return enough && sides;
    }

    /// <summary>Whether these assignees could ever meet the rule, were they all to approve.</summary>
    public static bool IsAttainable(DecisionRule rule, IReadOnlyCollection<PartnerSide?> assigneeSides)
        => IsMet(rule, assigneeSides, 0);

    private sealed class Run(WorkflowInstance instance, DefinitionGraph graph, EngineContext context)
    {
        private readonly List<EngineEffect> _effects = [];

        // The tasks whose escalation tells the coordinators, gathered per stage by TellCoordinatorsOfOverdueStages.
        private readonly List<WorkflowTask> _overdue = [];

        private DateTime Now => context.NowUtc;

        public IReadOnlyList<EngineEffect> Finish()
        {
            instance.Revision++;
            instance.NextTimerAtUtc = instance.OpenTasks
                .SelectMany(t => new[] { t.ReminderSentAtUtc is null ? t.RemindAtUtc : null, t.EscalatedAtUtc is null ? t.DueAtUtc : null })
                .Where(at => at is not null)
                .Min();
            return _effects;
        }

        public void EnterSequence(IReadOnlyList<WorkflowStageDto> sequence, int index, WorkflowStageDto? owner)
        {
            if (instance.HasEnded)
            {
                return;
            }
            if (index < sequence.Count)
            {
                Enter(sequence[index]);
                return;
            }
            switch (owner)
            {
                case null:
                    Complete();
                    break;
                case { Kind: StageKind.Condition }:
                    CompleteNode(owner);
                    break;
                case { Kind: StageKind.Parallel }:
                    if (AllBranchesFinished(owner))
                    {
                        CompleteNode(owner);
                    }
                    break;
            }
        }

        private bool AllBranchesFinished(WorkflowStageDto group)
        {
            var finished = instance.FinishedStages;
            return (group.Branches ?? []).All(b => b.Count == 0 || finished.Contains(b[^1].Id!));
        }

        private void Enter(WorkflowStageDto stage)
        {
            switch (stage.Kind)
            {
                case StageKind.Approval:
                    instance.SetActive(stage.Id!, true);
                    instance.Record(JournalEntryKind.StageEntered, Now, stageId: stage.Id, detail: nameof(StageKind.Approval));
                    OpenTasks(stage);
                    break;
                case StageKind.Parallel:
                    instance.Record(JournalEntryKind.StageEntered, Now, stageId: stage.Id, detail: nameof(StageKind.Parallel));
                    var branches = (stage.Branches ?? []).Where(b => b.Count > 0).ToList();
                    if (branches.Count == 0)
                    {
                        CompleteNode(stage);
                    }
                    foreach (var branch in branches)
                    {
                        EnterSequence(branch, 0, stage);
                    }
                    break;
                case StageKind.Condition:
                    var value = context.Subject.Fields.TryGetValue(stage.Field ?? "", out var found) ? found : null;
                    var holds = value is not null && string.Equals(value.Trim(), stage.EqualsValue?.Trim(), StringComparison.OrdinalIgnoreCase);
                    instance.Record(JournalEntryKind.ConditionEvaluated, Now, stageId: stage.Id, detail: holds ? "then" : "else");
                    EnterSequence((holds ? stage.Then : stage.Else) ?? [], 0, stage);
                    break;
            }
        }

        public void OpenTasks(WorkflowStageDto stage)
        {
            var enabled = context.AssigneesOf(stage.Id!).Where(c => c.IsEnabled).DistinctBy(c => c.UserId).ToList();
            if (enabled.Count == 0)
            {
                RaiseIncident(stage.Id!, null, NoAssignee);
                return;
            }
            foreach (var candidate in enabled)
            {
                OpenTask(stage, candidate, withDeadline: true);
            }
            if (!IsAttainable(stage.Rule ?? new DecisionRule(DecisionRuleKind.Any), enabled.Select(c => c.Side).ToList()))
            {
                RaiseIncident(stage.Id!, null, RuleUnattainable);
            }
        }

        public WorkflowTask OpenTask(WorkflowStageDto stage, Candidate assignee, bool withDeadline)
        {
            var task = new WorkflowTask
            {
                Id = Guid.CreateVersion7(),
                InstanceId = instance.Id,
                StageId = stage.Id!,
                Round = instance.Round,
                AssigneeId = assignee.UserId,
                AssigneeSide = assignee.Side,
                Status = WorkflowTaskStatus.Open,
                OpenedAtUtc = Now,
            };
            if (withDeadline && stage.Deadline is { } deadline)
            {
                task.DueAtUtc = DueDates.DueAt(Now, deadline, context.Zone);
                task.RemindAtUtc = DueDates.RemindAt(Now, task.DueAtUtc.Value, deadline);
            }
            instance.Tasks.Add(task);
            instance.Record(JournalEntryKind.TaskOpened, Now, stageId: stage.Id, taskId: task.Id, detail: assignee.UserId.ToString());
            _effects.Add(new TaskOpened(task));
            return task;
        }

        public void Evaluate(WorkflowStageDto stage)
        {
            var round = instance.Tasks.Where(t => t.StageId == stage.Id && t.Round == instance.Round).ToList();
            var approvals = round.Where(t => t.Status == WorkflowTaskStatus.Approved).Select(t => t.AssigneeSide).ToList();
            var open = round.Where(t => t.Status == WorkflowTaskStatus.Open).ToList();
            if (IsMet(stage.Rule ?? new DecisionRule(DecisionRuleKind.Any), approvals, open.Count))
            {
                CompleteNode(stage);
            }
            else if (open.Count == 0 && !instance.Incidents.Any(i => i.StageId == stage.Id && !i.IsResolved))
            {
                RaiseIncident(stage.Id!, null, RuleUnattainable);
            }
        }

        private void CompleteNode(WorkflowStageDto stage)
        {
            if (instance.FinishedStages.Contains(stage.Id!))
            {
                throw new InvalidOperationException($"Stage '{stage.Id}' of instance {instance.Id} would complete twice.");
            }
            if (stage.Kind == StageKind.Approval)
            {
                foreach (var task in instance.OpenTasks.Where(t => t.StageId == stage.Id).ToList())
                {
                    CloseTask(task, "not-needed");
                }
                ResolveIncidentsOf(stage.Id!, "stage-completed");
                instance.SetActive(stage.Id!, false);
            }
            instance.MarkFinished(stage.Id!);
            instance.Record(JournalEntryKind.StageCompleted, Now, stageId: stage.Id);
            var place = graph[stage.Id!];
            EnterSequence(place.Sequence, place.Position + 1, place.Owner);
        }

        private void Complete()
        {
            instance.Status = WorkflowStatus.Completed;
            instance.EndedAtUtc = Now;
            instance.RunningKey = null;
            instance.ClearActive();
            instance.Record(JournalEntryKind.Completed, Now);
            instance.RaiseOutcome(new WorkflowCompleted(instance.Id, instance.SubjectType, instance.SubjectId, instance.DefinitionKey, instance.DefinitionVersion));
            _effects.Add(new WorkflowEnded(WorkflowStatus.Completed, null, null));
        }

        public void PauseForChanges(string stageId, Guid actorId, string comment)
        {
            foreach (var task in instance.OpenTasks.ToList())
            {
                CloseTask(task, "changes-requested");
            }
            instance.Status = WorkflowStatus.ChangesRequested;
            instance.ChangesRequestedStageId = stageId;
            instance.RaiseOutcome(new WorkflowChangesRequested(instance.Id, instance.SubjectType, instance.SubjectId, stageId, actorId, comment));
            _effects.Add(new ChangesWereRequested(stageId, actorId, comment));
        }

        public void End(WorkflowStatus status, Guid? actorId, string comment)
        {
            foreach (var task in instance.OpenTasks.ToList())
            {
                CloseTask(task, "ended");
            }
            foreach (var incident in instance.Incidents.Where(i => !i.IsResolved))
            {
                incident.ResolvedAtUtc = Now;
                incident.ResolvedBy = actorId;
            }
            instance.Status = status;
            instance.EndedAtUtc = Now;
            instance.RunningKey = null;
            instance.ClearActive();
            if (status == WorkflowStatus.Cancelled)
            {
                instance.Record(JournalEntryKind.Cancelled, Now, actorId, comment: comment);
                instance.RaiseOutcome(new WorkflowCancelled(instance.Id, instance.SubjectType, instance.SubjectId, actorId, comment));
            }
            else
            {
                instance.RaiseOutcome(new WorkflowRejected(instance.Id, instance.SubjectType, instance.SubjectId, actorId!.Value, comment));
            }
            _effects.Add(new WorkflowEnded(status, actorId, comment));
        }

        public void FireTimers(WorkflowTask task)
        {
            if (task.DueAtUtc is { } due && due <= Now && task.EscalatedAtUtc is null)
            {
                task.EscalatedAtUtc = Now;
                task.ReminderSentAtUtc ??= Now;
                var deadline = graph[task.StageId].Stage.Deadline!;
                instance.Record(JournalEntryKind.Escalated, Now, stageId: task.StageId, taskId: task.Id, detail: deadline.Escalation.ToString());
                switch (deadline.Escalation)
                {
                    case EscalationKind.NotifyCoordinator:
                        _overdue.Add(task);
                        break;
                    case EscalationKind.ReassignToCoordinator:
                        ReassignOrRaise(task, context.Coordinators.FirstOrDefault(c => c.IsEnabled && c.UserId != task.AssigneeId));
                        break;
                    case EscalationKind.ReassignToUser:
                        var named = deadline.EscalateToUserId is { } id ? context.User(id) : null;
                        ReassignOrRaise(task, named is { IsEnabled: true } ? named : null);
                        break;
                }
                return;
            }
            if (task.RemindAtUtc is { } remind && remind <= Now && task.ReminderSentAtUtc is null)
            {
                task.ReminderSentAtUtc = Now;
                instance.Record(JournalEntryKind.ReminderSent, Now, stageId: task.StageId, taskId: task.Id, detail: task.AssigneeId.ToString());
                _effects.Add(new ReminderDue(task));
            }
        }

        /// <summary>
        /// One notice per stage for the tasks that escalated in this run. The tasks of a stage are opened together, so
        /// they fall due together; each task's EscalatedAtUtc (saved under the instance's stamp with the notice, in the
        /// outbox) keeps a second run, a retry or another server from telling again.
        /// </summary>
        public void TellCoordinatorsOfOverdueStages()
        {
            var coordinators = context.Coordinators.Where(c => c.IsEnabled).Select(c => c.UserId).ToList();
            foreach (var stage in _overdue.GroupBy(t => t.StageId, StringComparer.Ordinal))
            {
                _effects.Add(new StageOverdue(stage.Key, stage.ToList(), coordinators));
            }
            _overdue.Clear();
        }

        private void ReassignOrRaise(WorkflowTask task, Candidate? target)
        {
            if (target is null)
            {
                RaiseIncident(task.StageId, task.Id, NoEscalationTarget);
            }
            else
            {
                Reassign(task, target, null);
            }
        }

        public void Reassign(WorkflowTask task, Candidate target, Guid? actorId)
        {
            task.Close(WorkflowTaskStatus.Reassigned, Now);
            instance.Record(JournalEntryKind.Reassigned, Now, actorId, task.StageId, task.Id, detail: target.UserId.ToString());
            // The new assignee gets no deadline of their own: the escalation has happened, and the coordinator watches incidents.
            OpenTask(graph[task.StageId].Stage, target, withDeadline: false);
        }

        public void RaiseIncident(string stageId, Guid? taskId, string reasonKey)
        {
            var incident = new WorkflowIncident
            {
                Id = Guid.CreateVersion7(),
                InstanceId = instance.Id,
                StageId = stageId,
                TaskId = taskId,
                ReasonKey = reasonKey,
                RaisedAtUtc = Now,
            };
            instance.Incidents.Add(incident);
            instance.Record(JournalEntryKind.IncidentRaised, Now, stageId: stageId, taskId: taskId, detail: reasonKey);
            _effects.Add(new IncidentRaised(incident));
        }

        private void ResolveIncidentsOf(string stageId, string why)
        {
            foreach (var incident in instance.Incidents.Where(i => i.StageId == stageId && !i.IsResolved))
            {
                incident.ResolvedAtUtc = Now;
                instance.Record(JournalEntryKind.IncidentResolved, Now, stageId: stageId, taskId: incident.TaskId, detail: why);
            }
        }

        private void CloseTask(WorkflowTask task, string why)
        {
            task.Close(WorkflowTaskStatus.Closed, Now);
            instance.Record(JournalEntryKind.TaskClosed, Now, stageId: task.StageId, taskId: task.Id, detail: why);
        }
    }
}
