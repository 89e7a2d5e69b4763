namespace Consortium.Portal.Platform.Jobs;

/// <summary>Configuration section <c>Jobs</c>.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>The schema of Hangfire's tables on PostgreSQL, beside the portal's own.</summary>
    public const string PostgreSqlSchema = "hangfire";

    /// <summary>The file of Hangfire's storage on SQLite, in the data folder.</summary>
    public const string SqliteFileName = "hangfire.db";

    /// <summary>False runs no job server in this instance (tests; an instance that only serves pages). Jobs can still be queued.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Jobs this instance runs at once; small, because the portal shares its machine with the web requests.</summary>
    public int WorkerCount { get; set; } = 2;

    /// <summary>How often an idle server looks for queued jobs.</summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often the server looks for scheduled and recurring jobs that are due: Hangfire's own 15 s. A recurring job
    /// whose schedule has seconds (a six-part cron) runs at most this often.
    /// </summary>
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Schedules (cron, five parts or six with seconds first) by recurring job id, replacing the one the module
    /// registered: an operator's choice without a release, and the browser tests' way to run a sweep every few seconds
    /// instead of waiting for the next minute. An id no module registers stops the start.
    /// </summary>
    public Dictionary<string, string> Schedules { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    internal IEnumerable<string> Validate()
    {
        if (WorkerCount is < 1 or > 64) yield return "Jobs:WorkerCount must be between 1 and 64.";
        if (QueuePollInterval <= TimeSpan.Zero) yield return "Jobs:QueuePollInterval must be positive.";
        if (SchedulePollingInterval <= TimeSpan.Zero) yield return "Jobs:SchedulePollingInterval must be positive.";
        foreach (var (jobId, cron) in Schedules)
        {
            if (string.IsNullOrWhiteSpace(cron)) yield return $"Jobs:Schedules:{jobId} must be a cron expression.";
        }
    }
}
