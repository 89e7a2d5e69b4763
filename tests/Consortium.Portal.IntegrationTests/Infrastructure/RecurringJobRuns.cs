using Consortium.Portal.Tests;
using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.IntegrationTests.Infrastructure;

/// <summary>
/// Runs of a recurring job that a test triggers now, instead of waiting for Hangfire's schedule, and waits for by their
/// job ids.
/// </summary>
/// <remarks>
/// Counting the "succeeded" list or the queues is not enough: other tests' runs are on it already, Hangfire's own
/// minutely runs add to it, and between a worker's fetch and its move to Processing a job is in neither the queue nor
/// the processing list (the race that let a restart test look at the journal before its sweep had run).
/// </remarks>
public static class RecurringJobRuns
{
    /// <summary>Triggers the recurring job once per service provider (the same one twice stands for a retry or a
    /// second server) and waits until each of those runs has succeeded.</summary>
    public static async Task TriggerAndWaitAsync(string recurringJobId, params IServiceProvider[] servers)
    {
        var storage = servers[0].GetRequiredService<JobStorage>();
        var jobIds = servers.Select(s => ((IRecurringJobManagerV2)s.GetRequiredService<IRecurringJobManager>()).TriggerJob(recurringJobId)).ToList();
        Assert.All(jobIds, id => Assert.False(string.IsNullOrEmpty(id), $"Hangfire created no run of '{recurringJobId}'."));
        await Eventually.GetAsync(() => Task.FromResult(jobIds.Select(id => (Id: id, State: StateOf(storage, id))).ToList()),
            runs => runs.All(r => r.State == SucceededState.StateName),
            $"{jobIds.Count} run(s) of '{recurringJobId}' to succeed",
            describe: runs => string.Join(", ", runs.Select(r => $"job {r.Id} {r.State ?? "without a state"}")));
    }

    /// <summary>The job's current state's name, read from the storage, not from the monitoring lists.</summary>
    public static string? StateOf(JobStorage storage, string jobId)
    {
        using var connection = storage.GetConnection();
        return connection.GetStateData(jobId)?.Name;
    }
}
