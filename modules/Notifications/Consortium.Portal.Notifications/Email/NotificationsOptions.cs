namespace Consortium.Portal.Notifications.Email;

/// <summary>Configuration section <c>Notifications</c>.</summary>
public sealed class NotificationsOptions
{
    public const string Section = "Notifications";

    /// <summary>The local hour (in each user's own time zone) at which their daily digest goes out.</summary>
    public int DigestHour { get; set; } = 7;

    /// <summary>How many times an e-mail is tried before it is given up.</summary>
    public int EmailAttempts { get; set; } = 6;

    /// <summary>The wait before the first retry of a failed e-mail; each further failure doubles it.</summary>
    public TimeSpan EmailRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many e-mails one job sends; a notification to many people is split into jobs of this size.</summary>
    public int EmailBatchSize { get; set; } = 50;

    internal IEnumerable<string> Validate()
    {
        if (DigestHour is < 0 or > 23) yield return "Notifications:DigestHour must be an hour from 0 to 23.";
        if (EmailAttempts is < 1 or > 20) yield return "Notifications:EmailAttempts must be between 1 and 20.";
        if (EmailRetryDelay <= TimeSpan.Zero) yield return "Notifications:EmailRetryDelay must be positive.";
        if (EmailBatchSize is < 1 or > 1000) yield return "Notifications:EmailBatchSize must be between 1 and 1000.";
    }

    /// <summary>The wait after the <paramref name="attempt"/>-th failed attempt.</summary>
    internal TimeSpan RetryDelayAfter(int attempt) => EmailRetryDelay * Math.Pow(2, Math.Clamp(attempt - 1, 0, 16));
}
