using Microsoft.Extensions.Options;

namespace Consortium.Portal.Platform.Outbox;

/// <summary>Configuration section <c>Outbox</c>.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>False keeps the background dispatcher from running; tests then call <see cref="OutboxDispatcher.DispatchPendingAsync"/> themselves.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long the dispatcher waits for a commit's signal before it looks again (retries fall due without one).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many messages one pass claims.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>How long a claimed message belongs to its dispatcher; after that another instance may take it over.</summary>
    public TimeSpan LockDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The wait before the first retry; each further failure doubles it, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Delivered messages older than this many days are purged by the recurring purge job.</summary>
    public int RetentionDays { get; set; } = 7;

    internal IEnumerable<string> Validate()
    {
        if (PollInterval <= TimeSpan.Zero) yield return "Outbox:PollInterval must be positive.";
        if (BatchSize is < 1 or > 1000) yield return "Outbox:BatchSize must be between 1 and 1000.";
        if (LockDuration <= TimeSpan.Zero) yield return "Outbox:LockDuration must be positive.";
        if (RetryDelay <= TimeSpan.Zero || MaxRetryDelay < RetryDelay) yield return "Outbox:RetryDelay must be positive and not above Outbox:MaxRetryDelay.";
        if (RetentionDays < 1) yield return "Outbox:RetentionDays must be 1 or more.";
    }

    /// <summary>The wait after the <paramref name="attempt"/>-th failed delivery.</summary>
    internal TimeSpan RetryDelayAfter(int attempt)
    {
        var factor = Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(RetryDelay.Ticks * factor, MaxRetryDelay.Ticks));
        return delay;
    }
}

/// <summary>A wrong Outbox setting stops the start with a message that names it.</summary>
internal sealed class OutboxOptionsValidation : IValidateOptions<OutboxOptions>
{
    public ValidateOptionsResult Validate(string? name, OutboxOptions options)
    {
        var problems = options.Validate().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
