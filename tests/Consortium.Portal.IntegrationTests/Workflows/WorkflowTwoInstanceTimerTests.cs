using Consortium.Portal.Identity;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Platform;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Tests;
using Consortium.Portal.Workflows;
using Consortium.Portal.Workflows.Application;
using Consortium.Portal.Workflows.Jobs;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Consortium.Portal.IntegrationTests.Workflows.WorkflowsSetUp;

namespace Consortium.Portal.IntegrationTests.Workflows;

/// <summary>
/// Two portal instances on one PostgreSQL database, each with its job server and outbox running, as two servers behind
/// the load balancer: every due reminder and escalation fires once, whichever server's sweep reaches it, however many
/// sweeps run at once.
/// </summary>
public sealed class WorkflowTwoInstanceTimerTests(RunningWorkflowsPostgreSqlPortal portal) : IClassFixture<RunningWorkflowsPostgreSqlPortal>
{
    [Fact]
    public async Task Each_reminder_and_escalation_fires_once_with_two_instances_sweeping_at_once()
    {
        await using var second = portal.AnotherInstance();
        var ana = portal.NewPerson("Arta Krasniqi", ConsortiumPartners.Kcss, PortalRoles.PartnerLead);
        var coordinator = portal.NewPerson("Two-instance coordinator", null, PortalRoles.Coordinator);
        var key = "tests." + Guid.NewGuid().ToString("N")[..12];
        await PublishAsync(portal.App.Services, key, Stage("review", Users(ana.Id),
            deadline: new StageDeadline(2, RemindHoursBefore: 12, Escalation: EscalationKind.ReassignToUser, EscalateToUserId: coordinator.Id)));
        // Started on both instances: each server sweeps the other's instances too.
        var started = new List<WorkflowInstanceDto>();
        for (var i = 0; i < 3; i++)
        {
            started.Add(await StartAsync(portal.App.Services, key));
            started.Add(await StartAsync(second.Services, key));
        }

        // Past the reminder, then past the deadline: each time both servers sweep twice, by Hangfire and by hand at once.
        portal.Clock.Advance(TimeSpan.FromHours(37));
        await SweepOnBothAsync(second);
        portal.Clock.Advance(TimeSpan.FromHours(12));
        await SweepOnBothAsync(second);

        foreach (var instance in started)
        {
            await using var scope = portal.Scope();
            var after = await scope.ServiceProvider.GetRequiredService<WorkflowViews>().InstanceAsync(instance.Id);
            Assert.Single(after.Journal, j => j.Kind == JournalEntryKind.ReminderSent);
            Assert.Single(after.Journal, j => j.Kind == JournalEntryKind.Escalated);
            Assert.Equal(coordinator.Id, Assert.Single(after.OpenTasks).AssigneeId);
        }
        await using (var scope = portal.Scope())
        {
            // One reminder to Arta per instance went through the outbox: the notifications are not doubled either.
            var payloads = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().OutboxMessages.AsNoTracking()
                .Where(m => m.EventName == "notifications.requested").Select(m => m.Payload).ToListAsync();
            Assert.Equal(started.Count, payloads.Count(p => p.Contains("workflows.task-reminder") && p.Contains(ana.Id.ToString())));
        }
    }

    private async Task SweepOnBothAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> second)
    {
        // Hangfire's own runs, queued on the shared storage: either server's worker takes each.
        var hangfireRuns = RecurringJobRuns.TriggerAndWaitAsync(WorkflowTimersJob.JobId, portal.App.Services, second.Services);
        // And a sweep on each server at the same moment, as two minutes' runs that overlap would be.
        await Task.WhenAll(new[] { portal.App.Services, second.Services }.Select(async services =>
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<WorkflowTimersJob>().FireDueAsync();
        }));
        await hangfireRuns;
    }
}
