using Consortium.Portal.Identity;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Tests;
using Consortium.Portal.Workflows;
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
