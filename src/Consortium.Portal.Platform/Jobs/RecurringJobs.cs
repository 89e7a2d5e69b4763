using Hangfire;
using Hangfire.States;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Consortium.Portal.Platform.Jobs;

/// <summary>Work that runs on a schedule, in a DI scope of its own, on whichever instance's job server picks it up first.</summary>
public interface IRecurringJob
{
    Task RunAsync(CancellationToken cancellationToken);
}

/// <summary>A recurring job a module contributes; applied to Hangfire when the portal starts.</summary>
public interface IRecurringJobRegistration
{
    /// <summary>Stable across releases: Hangfire keeps the schedule under it.</summary>
    string JobId { get; }

    /// <summary>Schedules the job on <paramref name="cronExpression"/>, or on the module's own schedule when it is null.</summary>
    void Apply(IRecurringJobManager jobs, string? cronExpression = null);

    /// <summary>
    /// Whether <paramref name="stored"/> is what <see cref="Apply"/> would store: the same job, schedule and time zone,
    /// and nothing that Hangfire's own update would mend (a load error, a missing next run).
    /// </summary>
    bool IsStoredAs(RecurringJobDto stored, string? cronExpression = null);
}

internal sealed class RecurringJobRegistration<TJob>(string jobId, string schedule, TimeZoneInfo timeZone)
    : IRecurringJobRegistration where TJob : class, IRecurringJob
{
    public string JobId { get; } = jobId;

    // Hangfire replaces the CancellationToken argument with the job's own token when it runs the job.
    public void Apply(IRecurringJobManager jobs, string? cronExpression = null)
        => jobs.AddOrUpdate<TJob>(JobId, job => job.RunAsync(CancellationToken.None), cronExpression ?? schedule, new RecurringJobOptions { TimeZone = timeZone });

    public bool IsStoredAs(RecurringJobDto stored, string? cronExpression = null)
        => stored is { Removed: false, LoadException: null, Error: null, NextExecution: not null }
            && stored.Id == JobId
            && stored.Cron == (cronExpression ?? schedule)
            && stored.TimeZoneId == timeZone.Id
            && stored.Queue is null or EnqueuedState.DefaultQueue
            && stored.Job?.Type == typeof(TJob)
            && stored.Job.Method.Name == nameof(IRecurringJob.RunAsync);
}

public static class RecurringJobServiceCollectionExtensions
{
    /// <summary>Runs <typeparamref name="TJob"/> on the cron schedule (in <paramref name="timeZone"/>, UTC by default).</summary>
    public static IServiceCollection AddRecurringJob<TJob>(this IServiceCollection services, string jobId, string cronExpression, TimeZoneInfo? timeZone = null)
        where TJob : class, IRecurringJob
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        ArgumentException.ThrowIfNullOrWhiteSpace(cronExpression);
        services.TryAddScoped<TJob>();
        services.AddSingleton<IRecurringJobRegistration>(new RecurringJobRegistration<TJob>(jobId, cronExpression, timeZone ?? TimeZoneInfo.Utc));
        return services;
    }
}

/// <summary>
/// Applies the modules' recurring jobs at start (on the schedule <c>Jobs:Schedules</c> gives one, if it does), and
/// removes those no module registers any more.
/// </summary>
internal sealed class RecurringJobsRegistrar(
    IEnumerable<IRecurringJobRegistration> registrations,
    IRecurringJobManager jobs,
    JobStorage storage,
    IOptions<JobsOptions> options,
    ILogger<RecurringJobsRegistrar> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var byId = new Dictionary<string, IRecurringJobRegistration>(StringComparer.Ordinal);
        foreach (var registration in registrations)
        {
            if (!byId.TryAdd(registration.JobId, registration))
            {
                throw new InvalidOperationException($"Two recurring jobs are registered as '{registration.JobId}'.");
            }
        }
        var schedules = options.Value.Schedules;
        // A mistyped id would leave the job on its old schedule without a word.
        if (schedules.Keys.FirstOrDefault(id => !byId.ContainsKey(id)) is { } unknown)
        {
            throw new InvalidOperationException($"Jobs:Schedules:{unknown} names no recurring job a module registers.");
        }
        // Read once, and only what differs is written: Hangfire's update of one job takes a distributed lock, that is
        // a write to take it and one to give it back, even when nothing changed. At every start that was 14 jobs,
        // about 200 ms that /health/ready waited for on SQLite (issue 16, cold start); usually nothing has changed.
        using var connection = storage.GetConnection();
        var stored = connection.GetRecurringJobs().ToDictionary(j => j.Id, StringComparer.Ordinal);
        foreach (var registration in byId.Values)
        {
            var schedule = schedules.GetValueOrDefault(registration.JobId);
            if (!stored.TryGetValue(registration.JobId, out var current) || !registration.IsStoredAs(current, schedule))
            {
                registration.Apply(jobs, schedule);
            }
        }

        // A job whose class was removed would fail on every run; nobody registers it now, so it goes.
        foreach (var stale in stored.Values.Where(j => !byId.ContainsKey(j.Id)))
        {
            logger.LogInformation("Removing recurring job {JobId}: no module registers it", stale.Id);
            jobs.RemoveIfExists(stale.Id);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
