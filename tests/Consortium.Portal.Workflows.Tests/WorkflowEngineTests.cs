using Consortium.Portal.Identity;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Workflows.Domain;
using static Consortium.Portal.Workflows.Tests.EngineScene;

namespace Consortium.Portal.Workflows.Tests;

public sealed class WorkflowEngineTests
{
    private static IReadOnlyList<object> Outcomes(WorkflowInstance instance) => ((IAggregateRoot)instance).PendingEvents.Cast<object>().ToList();

    [Fact]
    public void One_approval_completes_an_any_one_stage_and_closes_the_other_tasks()
    {
        var (ana, vuk) = (Kosovar(), Serbian());
        var scene = new EngineScene([Approval("review"), Approval("coordinator")]).Ask("review", ana, vuk).Ask("coordinator", Coordinator).Start();

        scene.Decide(ana);

        Assert.Equal(["coordinator"], scene.Active);
        Assert.Equal(WorkflowTaskStatus.Closed, scene.Instance.Tasks.Single(t => t.AssigneeId == vuk.UserId).Status);
        Assert.Equal(Coordinator.UserId, Assert.Single(scene.Instance.OpenTasks).AssigneeId);
    }

    [Fact]
    public void The_all_rule_waits_for_every_assignee()
    {
        var (ana, vuk) = (Kosovar(), Serbian());
        var scene = new EngineScene([Approval("co-authors", new DecisionRule(DecisionRuleKind.All))]).Ask("co-authors", ana, vuk).Start();

        scene.Decide(ana);
        Assert.Equal(WorkflowStatus.Running, scene.Instance.Status);

        scene.Decide(vuk);
        Assert.Equal(WorkflowStatus.Completed, scene.Instance.Status);
        Assert.Contains(Outcomes(scene.Instance), e => e is WorkflowCompleted { DefinitionVersion: 1 });
    }

    [Fact]
    public void A_quorum_of_two_completes_on_the_second_approval_not_the_first()
    {
        var people = new[] { Kosovar(), Kosovar(), Serbian() };
        var scene = new EngineScene([Approval("board", new DecisionRule(DecisionRuleKind.Quorum, 2))]).Ask("board", people).Start();

        scene.Decide(people[0]);
        Assert.Equal(WorkflowStatus.Running, scene.Instance.Status);
        scene.Decide(people[2]);

        Assert.Equal(WorkflowStatus.Completed, scene.Instance.Status);
        Assert.Equal(WorkflowTaskStatus.Closed, scene.Instance.Tasks.Single(t => t.AssigneeId == people[1].UserId).Status);
    }

    [Fact]
    public void One_from_each_side_is_not_met_by_two_approvals_from_Kosovo()
    {
        var (ana, besa, vuk) = (Kosovar(), Kosovar(), Serbian());
        var scene = new EngineScene([Approval("cross-partner", new DecisionRule(DecisionRuleKind.Any, EachSide: true))]).Ask("cross-partner", ana, besa, vuk).Start();

        scene.Decide(ana);
        scene.Decide(besa);
        Assert.Equal(WorkflowStatus.Running, scene.Instance.Status);

        scene.Decide(vuk);
        Assert.Equal(WorkflowStatus.Completed, scene.Instance.Status);
    }

    [Fact]
    public void Each_side_combined_with_a_quorum_needs_both_the_number_and_both_sides()
    {
        var (ana, vuk, jelena) = (Kosovar(), Serbian(), Serbian());
        var scene = new EngineScene([Approval("leads", new DecisionRule(DecisionRuleKind.Quorum, 3, EachSide: true))]).Ask("leads", ana, vuk, jelena, Kosovar()).Start();

        scene.Decide(vuk);
        scene.Decide(ana);
        Assert.Equal(WorkflowStatus.Running, scene.Instance.Status); // both sides, but only two of three

        scene.Decide(jelena);
        Assert.Equal(WorkflowStatus.Completed, scene.Instance.Status);
    }

    [Fact]
    public void Approving_twice_with_the_same_action_counts_once()
    {
        var (ana, vuk) = (Kosovar(), Serbian());
        var scene = new EngineScene([Approval("co-authors", new DecisionRule(DecisionRuleKind.All))]).Ask("co-authors", ana, vuk).Start();
        var task = scene.OpenTaskOf(ana).Id;
        var action = Guid.NewGuid();

        var first = scene.Decide(task, ana, actionId: action);
        var again = scene.Decide(task, ana, actionId: action);

        Assert.False(first);
        Assert.True(again);
        Assert.Single(scene.JournalOf(JournalEntryKind.Approved));
        Assert.Equal(WorkflowStatus.Running, scene.Instance.Status);
    }

    [Fact]
    public void A_new_action_on_a_closed_task_is_a_conflict()
    {
        var ana = Kosovar();
        var scene = new EngineScene([Approval("review"), Approval("final")]).Ask("review", ana).Ask("final", Coordinator).Start();
        var task = scene.OpenTaskOf(ana).Id;
        scene.Decide(task, ana);

        var refused = Assert.Throws<WorkflowConflictException>(() => scene.Decide(task, ana));

        Assert.Equal(409, refused.StatusCode);
        Assert.Equal("Error.TaskClosed", refused.MessageKey);
    }

    [Fact]
    public void A_delegate_s_decision_counts_for_the_assignee_and_the_journal_names_both()
    {
        var (ana, besa) = (Kosovar(), Kosovar());
        var scene = new EngineScene([Approval("review")]).Ask("review", ana).Start();

        WorkflowEngine.Decide(scene.Instance, scene.Graph, scene.Context(), scene.OpenTaskOf(ana).Id, ana.UserId, TaskDecision.Approve, null, Guid.NewGuid(), delegateId: besa.UserId);

        var approved = Assert.Single(scene.JournalOf(JournalEntryKind.Approved));
        Assert.Equal((ana.UserId, besa.UserId), (approved.ActorId!.Value, approved.DelegateId!.Value));
        Assert.Equal(WorkflowStatus.Completed, scene.Instance.Status);
    }

    [Fact]
    public void Someone_not_assigned_may_not_decide_a_task()
    {
        var (ana, vuk) = (Kosovar(), Serbian());
        var scene = new EngineScene([Approval("review")]).Ask("review", ana).Start();

        Assert.Throws<ForbiddenException>(() => scene.Decide(scene.OpenTaskOf(ana).Id, vuk));
        Assert.Equal(WorkflowTaskStatus.Open, scene.OpenTaskOf(ana).Status);
    }

    [Fact]
    public void Requesting_changes_waits_for_the_author_and_the_resubmission_resumes_at_that_stage()
    {
        var (ana, vuk) = (Kosovar(), Serbian());
        var scene = new EngineScene([Approval("co-authors"), Approval("cross-partner", new DecisionRule(DecisionRuleKind.All)), Approval("coordinator")])
            .Ask("co-authors", ana).Ask("cross-partner", ana, vuk).Ask("coordinator", Coordinator).Start();
        scene.Decide(ana);
        scene.Decide(ana); // the cross-partner task of Ana

        scene.Decide(vuk, TaskDecision.RequestChanges, "The Serbian perspective is missing.");

        Assert.Equal(WorkflowStatus.ChangesRequested, scene.Instance.Status);
        Assert.Empty(scene.Instance.OpenTasks);
        var asked = Assert.Single(Outcomes(scene.Instance).OfType<WorkflowChangesRequested>());
        Assert.Equal(("cross-partner", "The Serbian perspective is missing."), (asked.StageId, asked.Comment));

        scene.Resubmit();

        Assert.Equal(WorkflowStatus.Running, scene.Instance.Status);
        Assert.Equal(["cross-partner"], scene.Active);
        // A new round at that stage: both are asked again, the co-authors' stage stays done.
        Assert.Equal(new[] { ana.UserId, vuk.UserId }.Order(), scene.Instance.OpenTasks.Select(t => t.AssigneeId).Order());
        Assert.All(scene.Instance.OpenTasks, t => Assert.Equal(1, t.Round));
        Assert.Contains("co-authors", scene.Instance.FinishedStages);
    }

    [Fact]
    public void Approvals_from_before_the_changes_do_not_count_after_the_resubmission()
    {
        var (ana, vuk) = (Kosovar(), Serbian());
        var scene = new EngineScene([Approval("cross-partner", new DecisionRule(DecisionRuleKind.All))]).Ask("cross-partner", ana, vuk).Start();
        scene.Decide(ana);
        scene.Decide(vuk, TaskDecision.RequestChanges);
        scene.Resubmit();

        scene.Decide(vuk);

        Assert.Equal(WorkflowStatus.Running, scene.Instance.Status);
        Assert.Equal(ana.UserId, Assert.Single(scene.Instance.OpenTasks).AssigneeId);
    }

    [Fact]
    public void Resubmitting_when_no_changes_were_asked_is_a_conflict()
    {
        var scene = new EngineScene([Approval("review")]).Ask("review", Kosovar()).Start();

        Assert.Throws<WorkflowConflictException>(scene.Resubmit);
    }

    [Fact]
    public void Rejecting_ends_the_workflow_closes_every_task_and_tells_why()
    {
        var (ana, vuk) = (Kosovar(), Serbian());
        var scene = new EngineScene([Approval("review", new DecisionRule(DecisionRuleKind.All)), Approval("final")]).Ask("review", ana, vuk).Ask("final", Coordinator).Start();

        scene.Decide(ana, TaskDecision.Reject, "Not a joint position.");

        Assert.Equal(WorkflowStatus.Rejected, scene.Instance.Status);
        Assert.Null(scene.Instance.RunningKey);
        Assert.Empty(scene.Instance.OpenTasks);
        Assert.Empty(scene.Active);
        Assert.Equal("Not a joint position.", Assert.Single(Outcomes(scene.Instance).OfType<WorkflowRejected>()).Comment);
    }

    [Theory]
    [InlineData(TaskDecision.Reject)]
    [InlineData(TaskDecision.RequestChanges)]
    public void Rejecting_or_requesting_changes_without_a_comment_is_refused_and_changes_nothing(TaskDecision decision)
    {
        var ana = Kosovar();
        var scene = new EngineScene([Approval("review")]).Ask("review", ana).Start();
        var journal = scene.Instance.Journal.Count;

        // The validator refuses it first on the comment field; the engine holds the rule, in the reader's language, too.
        var refused = Assert.Throws<DomainRuleException>(() => WorkflowEngine.Decide(scene.Instance, scene.Graph, scene.Context(),
            scene.OpenTaskOf(ana).Id, ana.UserId, decision, "  ", Guid.NewGuid()));
        Assert.Equal(("Validation.CommentRequired", typeof(WorkflowsResource)), (refused.MessageKey, refused.LocalizationResource));

        Assert.Equal(journal, scene.Instance.Journal.Count);
        Assert.Equal(WorkflowStatus.Running, scene.Instance.Status);
    }

    [Fact]
    public void A_parallel_group_finishes_only_when_every_branch_has()
    {
        var (ana, vuk, legal) = (Kosovar(), Serbian(), Kosovar());
        var scene = new EngineScene([
                Parallel("reviews", [Approval("kosovo"), Approval("legal")], [Approval("serbia")]),
                Approval("coordinator")])
            .Ask("kosovo", ana).Ask("legal", legal).Ask("serbia", vuk).Ask("coordinator", Coordinator).Start();
        Assert.Equal(new[] { "kosovo", "serbia" }.Order(), scene.Active.Order());

        scene.Decide(vuk);
        Assert.Equal(["kosovo"], scene.Active);
        scene.Decide(ana);
        Assert.Equal(["legal"], scene.Active);
        scene.Decide(legal);

        Assert.Equal(["coordinator"], scene.Active);
        Assert.Single(scene.JournalOf(JournalEntryKind.StageCompleted), e => e.StageId == "reviews");
    }

    [Theory]
    [InlineData("Research report", "external")]
    [InlineData("Op-ed", "editor")]
    public void A_condition_takes_the_branch_the_subject_field_calls_for(string type, string expectedStage)
    {
        var (external, editor) = (Kosovar(), Serbian());
        var scene = new EngineScene([Condition("by-type", "type", "research report", [Approval("external")], [Approval("editor")]), Approval("coordinator")],
                new Dictionary<string, string> { ["type"] = type })
            .Ask("external", external).Ask("editor", editor).Ask("coordinator", Coordinator).Start();

        Assert.Equal([expectedStage], scene.Active);
        scene.Decide(expectedStage == "external" ? external : editor);
        Assert.Equal(["coordinator"], scene.Active);
    }

    [Fact]
    public void A_condition_whose_branch_is_empty_goes_straight_on()
    {
        var scene = new EngineScene([Condition("by-type", "type", "Research report", [Approval("external")]), Approval("coordinator")],
                new Dictionary<string, string> { ["type"] = "Op-ed" })
            .Ask("external", Kosovar()).Ask("coordinator", Coordinator).Start();

        Assert.Equal(["coordinator"], scene.Active);
        Assert.Equal("else", Assert.Single(scene.JournalOf(JournalEntryKind.ConditionEvaluated)).Detail);
    }

    [Fact]
    public void A_stage_nobody_can_be_asked_at_becomes_an_incident_that_reassigning_resolves()
    {
        var disabled = Kosovar() with { IsEnabled = false };
        var scene = new EngineScene([Approval("review")]).Ask("review", disabled).Start();
        var incident = Assert.Single(scene.Instance.Incidents);
        Assert.Equal(WorkflowEngine.NoAssignee, incident.ReasonKey);
        Assert.Empty(scene.Instance.OpenTasks);

        var stand_in = Serbian();
        WorkflowEngine.ResolveIncident(scene.Instance, scene.Graph, scene.Context(stand_in), incident.Id, stand_in, Coordinator.UserId);

        Assert.True(incident.IsResolved);
        scene.Decide(stand_in);
        Assert.Equal(WorkflowStatus.Completed, scene.Instance.Status);
    }

    [Fact]
    public void A_rule_the_people_asked_cannot_meet_is_an_incident_from_the_start()
    {
        var scene = new EngineScene([Approval("cross-partner", new DecisionRule(DecisionRuleKind.Any, EachSide: true))]).Ask("cross-partner", Kosovar(), Kosovar()).Start();

        Assert.Equal(WorkflowEngine.RuleUnattainable, Assert.Single(scene.Instance.Incidents).ReasonKey);
        Assert.Equal(2, scene.Instance.OpenTasks.Count());
    }

    [Fact]
    public void A_disabled_assignee_s_open_task_becomes_an_incident_once()
    {
        var ana = Kosovar();
        var scene = new EngineScene([Approval("review")]).Ask("review", ana).Start();

        WorkflowEngine.AssigneeUnavailable(scene.Instance, scene.Graph, scene.Context(), ana.UserId);
        WorkflowEngine.AssigneeUnavailable(scene.Instance, scene.Graph, scene.Context(), ana.UserId);

        var incident = Assert.Single(scene.Instance.Incidents);
        Assert.Equal((WorkflowEngine.AssigneeDisabled, scene.OpenTaskOf(ana).Id), (incident.ReasonKey, incident.TaskId!.Value));
    }

    [Fact]
    public void The_reminder_and_the_escalation_fire_once_each_however_often_the_timers_run()
    {
        var ana = Kosovar();
        var deadline = new StageDeadline(3, RemindHoursBefore: 24, Escalation: EscalationKind.NotifyCoordinator);
        var scene = new EngineScene([Approval("review", deadline: deadline)]).Ask("review", ana).Start();
        var task = scene.OpenTaskOf(ana);
        Assert.Equal(scene.Now.AddDays(3), task.DueAtUtc);

        scene.Now = scene.Now.AddDays(2).AddHours(1);
        scene.FireTimers();
        scene.FireTimers();
        scene.Now = scene.Now.AddDays(1);
        scene.FireTimers();
        scene.FireTimers();

        Assert.Single(scene.Effects.OfType<ReminderDue>());
        Assert.Equal(Coordinator.UserId, Assert.Single(Assert.Single(scene.Effects.OfType<StageOverdue>()).CoordinatorIds));
        Assert.Single(scene.JournalOf(JournalEntryKind.ReminderSent));
        Assert.Single(scene.JournalOf(JournalEntryKind.Escalated));
        Assert.Equal(WorkflowTaskStatus.Open, task.Status);
    }

    [Fact]
    public void An_overdue_stage_of_eight_partner_leads_tells_the_coordinator_once_naming_every_open_task()
    {
        var leads = new[] { Kosovar(), Kosovar(), Kosovar(), Kosovar(), Serbian(), Serbian(), Serbian(), Serbian() };
        var deadline = new StageDeadline(5, WorkingDays: true, RemindHoursBefore: 24, Escalation: EscalationKind.NotifyCoordinator);
        var scene = new EngineScene([Approval("cross-partner", new DecisionRule(DecisionRuleKind.All), deadline)]).Ask("cross-partner", leads).Start();
        Assert.False(scene.Decide(leads[0]));

        scene.Now = scene.Now.AddDays(8);
        scene.FireTimers();
        scene.FireTimers();

        // Each open task escalates (the journal says whose), and the coordinator hears of the stage once.
        Assert.Equal(7, scene.JournalOf(JournalEntryKind.Escalated).Count());
        var overdue = Assert.Single(scene.Effects.OfType<StageOverdue>());
        Assert.Equal("cross-partner", overdue.StageId);
        Assert.Equal(leads[1..].Select(l => l.UserId).Order(), overdue.Overdue.Select(t => t.AssigneeId).Order());
        Assert.Equal(Coordinator.UserId, Assert.Single(overdue.CoordinatorIds));
    }

    [Fact]
    public void Stages_that_fall_due_together_each_tell_the_coordinator_once()
    {
        var (ana, besa, vuk, jelena) = (Kosovar(), Kosovar(), Serbian(), Serbian());
        var deadline = new StageDeadline(2, Escalation: EscalationKind.NotifyCoordinator);
        var scene = new EngineScene([Parallel("both", [Approval("kosovo", new DecisionRule(DecisionRuleKind.All), deadline)],
                [Approval("serbia", new DecisionRule(DecisionRuleKind.All), deadline)])])
            .Ask("kosovo", ana, besa).Ask("serbia", vuk, jelena).Start();

        scene.Now = scene.Now.AddDays(3);
        scene.FireTimers();

        Assert.Equal(["kosovo", "serbia"], scene.Effects.OfType<StageOverdue>().Select(o => o.StageId).Order());
        Assert.All(scene.Effects.OfType<StageOverdue>(), o => Assert.Equal(2, o.Overdue.Count));
    }

    [Fact]
    public void An_escalation_can_move_the_task_to_the_coordinator()
    {
        var ana = Kosovar();
        var scene = new EngineScene([Approval("review", deadline: new StageDeadline(1, Escalation: EscalationKind.ReassignToCoordinator))]).Ask("review", ana).Start();

        scene.Now = scene.Now.AddDays(1);
        scene.FireTimers();

        Assert.Equal(WorkflowTaskStatus.Reassigned, scene.Instance.Tasks.Single(t => t.AssigneeId == ana.UserId).Status);
        var moved = Assert.Single(scene.Instance.OpenTasks);
        Assert.Equal(Coordinator.UserId, moved.AssigneeId);
        Assert.Null(moved.DueAtUtc);
        scene.Decide(Coordinator);
        Assert.Equal(WorkflowStatus.Completed, scene.Instance.Status);
    }

    [Fact]
    public void An_escalation_to_a_named_person_who_cannot_sign_in_becomes_an_incident()
    {
        var ana = Kosovar();
        var gone = Serbian() with { IsEnabled = false };
        var scene = new EngineScene([Approval("review", deadline: new StageDeadline(1, Escalation: EscalationKind.ReassignToUser, EscalateToUserId: gone.UserId))])
            .Ask("review", ana).Start();

        scene.Now = scene.Now.AddDays(2);
        scene.FireTimers(gone);

        Assert.Equal(WorkflowEngine.NoEscalationTarget, Assert.Single(scene.Instance.Incidents).ReasonKey);
        Assert.Equal(ana.UserId, Assert.Single(scene.Instance.OpenTasks).AssigneeId);
    }

    [Fact]
    public void Cancelling_ends_the_workflow_with_the_reason_and_a_second_cancel_is_a_conflict()
    {
        var scene = new EngineScene([Approval("review")]).Ask("review", Kosovar()).Start();

        WorkflowEngine.Cancel(scene.Instance, scene.Graph, scene.Context(), Coordinator.UserId, "Withdrawn by the authors");

        Assert.Equal(WorkflowStatus.Cancelled, scene.Instance.Status);
        Assert.Empty(scene.Instance.OpenTasks);
        Assert.Equal("Withdrawn by the authors", Assert.Single(Outcomes(scene.Instance).OfType<WorkflowCancelled>()).Reason);
        Assert.Throws<WorkflowConflictException>(() => WorkflowEngine.Cancel(scene.Instance, scene.Graph, scene.Context(), Coordinator.UserId, "again"));
    }

    [Fact]
    public void An_instance_keeps_the_version_it_started_with()
    {
        var scene = new EngineScene([Approval("review")], version: 3).Ask("review", Kosovar()).Start();

        Assert.Equal((scene.Definition.Id, 3), (scene.Instance.DefinitionId, scene.Instance.DefinitionVersion));
        Assert.Equal("test.flow@3", Assert.Single(scene.JournalOf(JournalEntryKind.Started)).Detail);
    }

    [Fact]
    public void Every_step_touches_the_revision_so_the_concurrency_stamp_guards_the_whole_instance()
    {
        var ana = Kosovar();
        var scene = new EngineScene([Approval("review", new DecisionRule(DecisionRuleKind.All))]).Ask("review", ana, Serbian()).Start();
        var before = scene.Instance.Revision;

        scene.Decide(ana);

        Assert.Equal(before + 1, scene.Instance.Revision);
    }

    [Fact]
    public void The_next_timer_is_the_earliest_reminder_or_due_time_still_to_fire()
    {
        var scene = new EngineScene([Approval("review", deadline: new StageDeadline(2, RemindHoursBefore: 12))]).Ask("review", Kosovar()).Start();
        var task = Assert.Single(scene.Instance.OpenTasks);
        Assert.Equal(task.RemindAtUtc, scene.Instance.NextTimerAtUtc);

        scene.Now = task.RemindAtUtc!.Value;
        scene.FireTimers();

        Assert.Equal(task.DueAtUtc, scene.Instance.NextTimerAtUtc);
    }
}
