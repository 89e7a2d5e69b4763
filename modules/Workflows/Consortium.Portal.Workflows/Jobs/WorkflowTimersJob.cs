using Consortium.Portal.Platform.Jobs;
using Consortium.Portal.Workflows.Application;
using Consortium.Portal.Workflows.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Consortium.Portal.Workflows.Jobs;

/// <summary>
/// Every minute: the reminders and escalations that are due (<see cref="Domain.WorkflowInstance.NextTimerAtUtc"/> at or
/// before now). The due times live in the instances, not in Hangfire, so they survive a restart and a changed schedule;
/// Hangfire runs the sweep on one server at a time, and each task records the reminder and the escalation it had, under
/// the instance's concurrency stamp, so a second run (a retry, another instance) finds nothing left to fire.
/// </summary>
internal sealed class WorkflowTimersJob(WorkflowsDbContext db, WorkflowRuntime runtime, TimeProvider clock, ILogger<WorkflowTimersJob> logger) : IRecurringJob
{
    public const string JobId = "workflows-timers";
    private const int BatchSize = 200;

    public async Task RunAsync(CancellationToken cancellationToken) => await FireDueAsync(cancellationToken);

    /// <summary>Fires what is due; answers how many instances it looked at.</summary>
    public async Task<int> FireDueAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Instances.AsNoTracking()
            .Where(i => i.NextTimerAtUtc != null && i.NextTimerAtUtc <= now && i.RunningKey != null)
            .OrderBy(i => i.NextTimerAtUtc).Select(i => i.Id).Take(BatchSize).ToListAsync(cancellationToken);
        foreach (var id in due)
        {
            try
            {
                await runtime.FireTimersAsync(id, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One instance that fails must not hold up the others' reminders; it is tried again next minute.
                logger.LogError(e, "Firing the timers of workflow instance {InstanceId} failed", id);
            }
            db.ChangeTracker.Clear();
        }
        return due.Count;
    }
}
