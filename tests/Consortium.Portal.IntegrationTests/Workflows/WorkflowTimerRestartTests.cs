using System.Collections.Concurrent;
using System.Net.Http.Json;
using Consortium.Portal.Notifications;
using Consortium.Portal.Identity;
using Consortium.Portal.IntegrationTests.Documents;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Tests;
using Consortium.Portal.Workflows;
using Consortium.Portal.Workflows.Api;
using Consortium.Portal.Workflows.Application;
using Consortium.Portal.Workflows.Jobs;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using static Consortium.Portal.IntegrationTests.Workflows.WorkflowsSetUp;

namespace Consortium.Portal.IntegrationTests.Workflows;

/// <summary>
/// The workflows portal with its job server and outbox running, as in production; a test may make reminders to one
/// person fail (<see cref="FailRemindersTo"/>) until it allows them again (<see cref="AllowRemindersTo"/>): the fault
/// falls in the middle of the timer step, after the engine recorded the reminder and before anything is saved.
/// </summary>
/// <remarks>
/// The fault lasts until the test lifts it, not for one send: Hangfire's own minutely run of the sweep may come between
/// the failed run and the test's look at the journal, and a fault of one send would let that run remind.
/// </remarks>
public abstract class RunningWorkflowsPortal<TDatabase> : WorkflowsPortal<TDatabase> where TDatabase : PortalAppFactory, new()
{
    private readonly ConcurrentDictionary<Guid, bool> _failReminders = new();

    protected override bool RunsBackgroundWork => true;

    public void FailRemindersTo(Guid userId) => _failReminders[userId] = true;

    public void AllowRemindersTo(Guid userId) => _failReminders.TryRemove(userId, out _);

    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        var sender = services.Single(d => d.ServiceType == typeof(INotificationSender));
        var implementation = sender.ImplementationType ?? throw new InvalidOperationException("The notification sender is registered by its type.");
        services.Remove(sender);
        services.Add(new ServiceDescriptor(implementation, implementation, sender.Lifetime));
        services.Add(new ServiceDescriptor(typeof(INotificationSender),
            sp => new FaultySender((INotificationSender)sp.GetRequiredService(implementation), _failReminders), sender.Lifetime));
    }

    private sealed class FaultySender(INotificationSender inner, ConcurrentDictionary<Guid, bool> failReminders) : INotificationSender
    {
        public void Send(NotificationRequest request)
        {
            if (request.Type.Contains("reminder", StringComparison.Ordinal) && request.RecipientIds.Any(failReminders.ContainsKey))
            {
                throw new InvalidOperationException("A fault injected by the test.");
            }
            inner.Send(request);
        }
    }
}

public sealed class RunningWorkflowsSqlitePortal : RunningWorkflowsPortal<SqlitePortal>;

public sealed class RunningWorkflowsPostgreSqlPortal : RunningWorkflowsPortal<PostgreSqlPortal>;

public abstract class WorkflowTimerRestartTests<TPortal, TDatabase>(TPortal portal) : IClassFixture<TPortal>
    where TPortal : RunningWorkflowsPortal<TDatabase>
    where TDatabase : PortalAppFactory, new()
{
    private async Task<WorkflowInstanceDto> InstanceAsync(Guid instanceId)
    {
        await using var scope = portal.Scope();
        return await scope.ServiceProvider.GetRequiredService<WorkflowViews>().InstanceAsync(instanceId);
    }

    /// <summary>Hangfire's sweep of due timers, run twice at once (a retry, or a second server), finished.</summary>
    private Task SweepTwiceAsync() => RecurringJobRuns.TriggerAndWaitAsync(WorkflowTimersJob.JobId, portal.App.Services, portal.App.Services);

    private async Task<TaskActionResultDto> ApproveAsync(Person person, Guid taskId)
    {
        // A client of the portal now running: the person's browser after the restart.
        using var client = portal.SignedIn(PortalRoles.PartnerLead, person.Id);
        var response = await client.PostAsJsonAsync($"{WorkflowsPaths.Api}/tasks/{taskId}/decision", new ActOnTaskRequest(Guid.NewGuid(), TaskDecision.Approve, null), DocumentsClient.Json);
        return await response.ReadAsync<TaskActionResultDto>();
    }

    [Fact]
    public async Task A_run_stopped_while_waiting_on_a_stage_goes_on_in_the_new_portal_its_reminder_and_escalation_once_and_its_decisions_counted()
    {
        var ana = portal.NewPerson("Arta Krasniqi", ConsortiumPartners.Kcss, PortalRoles.PartnerLead);
        var coordinator = portal.NewPerson("Restart coordinator", null, PortalRoles.Coordinator);
        var key = "tests." + Guid.NewGuid().ToString("N")[..12];
        await PublishAsync(portal.App.Services, key,
            Stage("review", Users(ana.Id), deadline: new StageDeadline(2, RemindHoursBefore: 12, Escalation: EscalationKind.NotifyCoordinator)),
            Stage("sign-off", Users(coordinator.Id)));
        var instance = await StartAsync(portal.App.Services, key);

        // The portal stops while the instance waits on "review", its reminder and deadline still ahead, and a new one
        // starts on the same database.
        await portal.RestartAsync();
        portal.Clock.Advance(TimeSpan.FromHours(37));
        await SweepTwiceAsync();
        Assert.Single((await InstanceAsync(instance.Id)).Journal, j => j.Kind == JournalEntryKind.ReminderSent);

        // Stopped again between the reminder and the deadline: the escalation is still due once, and the reminder not again.
        await portal.RestartAsync();
        portal.Clock.Advance(TimeSpan.FromHours(12));
        await SweepTwiceAsync();
        await SweepTwiceAsync();
        var escalated = await InstanceAsync(instance.Id);
        Assert.Single(escalated.Journal, j => j.Kind == JournalEntryKind.ReminderSent);
        Assert.Single(escalated.Journal, j => j.Kind == JournalEntryKind.Escalated);
        var review = Assert.Single(escalated.OpenTasks);
        Assert.Equal((ana.Id, "review"), (review.AssigneeId, review.StageId));

        // Ana decides in the new portal: the run goes on to the next stage, and the coordinator's approval ends it.
        Assert.Equal(WorkflowStatus.Running, (await ApproveAsync(ana, review.Id)).InstanceStatus);
        var signOff = Assert.Single((await InstanceAsync(instance.Id)).OpenTasks);
        Assert.Equal((coordinator.Id, "sign-off"), (signOff.AssigneeId, signOff.StageId));
        Assert.Equal(WorkflowStatus.Completed, (await ApproveAsync(coordinator, signOff.Id)).InstanceStatus);

        var after = await InstanceAsync(instance.Id);
        Assert.Single(after.Journal, j => j.Kind == JournalEntryKind.Started);
        Assert.Equal(2, after.Journal.Count(j => j.Kind == JournalEntryKind.Approved));
        Assert.Single(after.Journal, j => j.Kind == JournalEntryKind.Completed);
    }

    [Fact]
    public async Task A_sweep_that_fails_ends_failed_is_retried_by_hangfire_and_the_reminder_and_escalation_each_happen_once()
    {
        var ana = portal.NewPerson("Arta Krasniqi", ConsortiumPartners.Kcss, PortalRoles.PartnerLead);
        var key = "tests." + Guid.NewGuid().ToString("N")[..12];
        await PublishAsync(portal.App.Services, key,
            Stage("review", Users(ana.Id), deadline: new StageDeadline(2, RemindHoursBefore: 12, Escalation: EscalationKind.NotifyCoordinator)));
        var instance = await StartAsync(portal.App.Services, key);
        var storage = portal.App.Services.GetRequiredService<JobStorage>();
        var monitoring = storage.GetMonitoringApi();

        // The reminder is due, and writing it fails, in the middle of the step, until the test lifts the fault.
        portal.Clock.Advance(TimeSpan.FromHours(37));
        portal.FailRemindersTo(ana.Id);
        // Two runs: the one triggered, and Hangfire's minutely run, which may fall at any moment of the test (the race
        // that made a fault of one send flaky in CI).
        var timers = portal.App.Services.GetRequiredService<IRecurringJobManager>();
        timers.Trigger(WorkflowTimersJob.JobId);
        timers.Trigger(WorkflowTimersJob.JobId);

        // The sweep ends failed, and Hangfire's automatic retry schedules it again with its attempt counted: the
        // dashboard's "Scheduled" list shows it with the reason.
        var retries = await Eventually.GetAsync(() => Task.FromResult(monitoring.ScheduledJobs(0, 100)
            .Where(j => j.Value.Job?.Type == typeof(WorkflowTimersJob)).Select(j => j.Key).ToList()), ids => ids.Count >= 2, "both failed sweeps scheduled for a retry");
        var retry = retries[0];
        using (var connection = storage.GetConnection())
        {
            Assert.Equal("1", connection.GetJobParameter(retry, "RetryCount"));
        }
        Assert.Contains(monitoring.JobDetails(retry).History, h => h.StateName == "Failed");
        // Nothing of the failed step was kept: no reminder recorded, still due.
        Assert.DoesNotContain((await InstanceAsync(instance.Id)).Journal, j => j.Kind == JournalEntryKind.ReminderSent);

        // The fault is mended; the retry, run now rather than after Hangfire's back-off (the dashboard's "Requeue" does
        // the same), reminds once.
        portal.AllowRemindersTo(ana.Id);
        portal.App.Services.GetRequiredService<IBackgroundJobClient>().Requeue(retry);
        await Eventually.TrueAsync(() => monitoring.JobDetails(retry).History.FirstOrDefault()?.StateName == "Succeeded", "the retried sweep");
        Assert.Single((await InstanceAsync(instance.Id)).Journal, j => j.Kind == JournalEntryKind.ReminderSent);

        // The deadline then passes: one escalation, and the reminder not again, however many sweeps run.
        portal.Clock.Advance(TimeSpan.FromHours(12));
        await SweepTwiceAsync();
        var after = await InstanceAsync(instance.Id);
        Assert.Single(after.Journal, j => j.Kind == JournalEntryKind.ReminderSent);
        Assert.Single(after.Journal, j => j.Kind == JournalEntryKind.Escalated);
        Assert.Equal(ana.Id, Assert.Single(after.OpenTasks).AssigneeId);
    }

    [Fact]
    public async Task A_deadline_that_passed_while_the_portal_was_down_escalates_after_the_restart_once()
    {
        var ana = portal.NewPerson("Arta Krasniqi", ConsortiumPartners.Kcss, PortalRoles.PartnerLead);
        var coordinator = portal.NewPerson("Restart coordinator", null, PortalRoles.Coordinator);
        var key = "tests." + Guid.NewGuid().ToString("N")[..12];
        await PublishAsync(portal.App.Services, key, Stage("review", Users(ana.Id), deadline: new StageDeadline(1, Escalation: EscalationKind.ReassignToUser, EscalateToUserId: coordinator.Id)));
        var instance = await StartAsync(portal.App.Services, key);

        // The portal stops, stays down past the deadline, and starts again.
        await portal.RestartAsync();
        portal.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromHours(1));
        // Hangfire would run the sweep within the minute; two runs at once now stand for a retry or a second server.
        await SweepTwiceAsync();

        var after = await InstanceAsync(instance.Id);
        Assert.Single(after.Journal, j => j.Kind == JournalEntryKind.Escalated);
        Assert.Single(after.Journal, j => j.Kind == JournalEntryKind.Reassigned);
        Assert.Equal(coordinator.Id, Assert.Single(after.OpenTasks).AssigneeId);
    }
}

public sealed class WorkflowTimerRestartTests_Sqlite(RunningWorkflowsSqlitePortal portal) : WorkflowTimerRestartTests<RunningWorkflowsSqlitePortal, SqlitePortal>(portal);

public sealed class WorkflowTimerRestartTests_PostgreSql(RunningWorkflowsPostgreSqlPortal portal) : WorkflowTimerRestartTests<RunningWorkflowsPostgreSqlPortal, PostgreSqlPortal>(portal);
