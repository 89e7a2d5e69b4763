using System.Net.Http.Json;
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

/// <summary>The workflows portal with its job server and outbox running, as in production.</summary>
public abstract class RunningWorkflowsPortal<TDatabase> : WorkflowsPortal<TDatabase> where TDatabase : PortalAppFactory, new()
{
    protected override bool RunsBackgroundWork => true;
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
    private async Task SweepTwiceAsync()
    {
        var monitoring = portal.App.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var before = monitoring.SucceededListCount();
        var jobs = portal.App.Services.GetRequiredService<IRecurringJobManager>();
        jobs.Trigger(WorkflowTimersJob.JobId);
        jobs.Trigger(WorkflowTimersJob.JobId);
        await Eventually.TrueAsync(() => monitoring.SucceededListCount() >= before + 2 && monitoring.ProcessingCount() == 0 && monitoring.EnqueuedCount("default") == 0,
            "both runs of the timer job");
    }

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
        var jobs = portal.App.Services.GetRequiredService<IRecurringJobManager>();
        // Hangfire would run the sweep within the minute; two runs at once now stand for a retry or a second server.
        jobs.Trigger(WorkflowTimersJob.JobId);
        jobs.Trigger(WorkflowTimersJob.JobId);
        var monitoring = portal.App.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        await Eventually.TrueAsync(() => monitoring.SucceededListCount() >= 2 && monitoring.ProcessingCount() == 0 && monitoring.EnqueuedCount("default") == 0,
            "both runs of the timer job");

        var after = await InstanceAsync(instance.Id);
        Assert.Single(after.Journal, j => j.Kind == JournalEntryKind.Escalated);
        Assert.Single(after.Journal, j => j.Kind == JournalEntryKind.Reassigned);
        Assert.Equal(coordinator.Id, Assert.Single(after.OpenTasks).AssigneeId);
    }
}

public sealed class WorkflowTimerRestartTests_Sqlite(RunningWorkflowsSqlitePortal portal) : WorkflowTimerRestartTests<RunningWorkflowsSqlitePortal, SqlitePortal>(portal);

public sealed class WorkflowTimerRestartTests_PostgreSql(RunningWorkflowsPostgreSqlPortal portal) : WorkflowTimerRestartTests<RunningWorkflowsPostgreSqlPortal, PostgreSqlPortal>(portal);
