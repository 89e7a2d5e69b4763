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

    /// <summary>
    /// Hangfire's entry: a sweep in which an instance failed ends failed, after every other instance was handled, so the
    /// jobs dashboard shows it and Hangfire's automatic retry runs it again (the failed instances are still due; what
    /// was done is not done twice).
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var sweep = await FireDueAsync(cancellationToken);
        if (sweep.Failed.Count > 0)
        {
            throw new AggregateException(
                $"The timers of {sweep.Failed.Count} workflow instance(s) failed ({string.Join(", ", sweep.Failed.Select(f => f.InstanceId))}); they stay due and are tried again.",
                sweep.Failed.Select(f => f.Error));
        }
    }

    /// <summary>What a sweep did: how many instances it looked at, and those whose firing failed (still due).</summary>
    public sealed record Sweep(int Looked, IReadOnlyList<(Guid InstanceId, Exception Error)> Failed);

    /// <summary>
    /// Fires what is due, a batch at a time until nothing more is (a sweep that took one batch a minute would hold
    /// thousands of due reminders back for an hour). An instance whose firing failed stays due for the next run, and is
    /// not tried twice in this one.
    /// </summary>
    public async Task<Sweep> FireDueAsync(CancellationToken cancellationToken = default)
    {
        var tried = new HashSet<Guid>();
        var failed = new List<(Guid, Exception)>();
        while (true)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var due = await db.Instances.AsNoTracking()
                .Where(i => i.NextTimerAtUtc != null && i.NextTimerAtUtc <= now && i.RunningKey != null)
                .OrderBy(i => i.NextTimerAtUtc).Select(i => i.Id).Take(BatchSize).ToListAsync(cancellationToken);
            var fresh = due.Where(tried.Add).ToList();
            foreach (var id in fresh)
            {
                try
                {
                    await runtime.FireTimersAsync(id, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // One instance that fails must not hold up the others' reminders; nothing of it was saved (the step,
                    // its journal and its notifications commit together), and it is tried again.
                    logger.LogError(e, "Firing the timers of workflow instance {InstanceId} failed", id);
                    failed.Add((id, e));
                }
                db.ChangeTracker.Clear();
            }
            // A short batch was the last; a batch of nothing new means only failed (or still due, later) ones are left.
            if (due.Count < BatchSize || fresh.Count == 0)
            {
                return new Sweep(tried.Count, failed);
            }
        }
    }
}
