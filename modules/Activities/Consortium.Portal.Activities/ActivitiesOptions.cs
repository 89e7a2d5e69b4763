namespace Consortium.Portal.Activities;

/// <summary><c>Activities:*</c> settings.</summary>
public sealed class ActivitiesOptions
{
    /// <summary>How long after an event its registrants' personal data is kept before it is reduced to anonymous counts.</summary>
    public TimeSpan RegistrantDataRetention { get; set; } = TimeSpan.FromDays(365);

    /// <summary>How long after an event ends its feedback form stays open.</summary>
    public TimeSpan FeedbackWindow { get; set; } = TimeSpan.FromDays(14);

    /// <summary>A registration form sent back sooner than this after it was shown is taken for a robot's.</summary>
    public TimeSpan MinimumFormFillTime { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>A form older than this is expired: the page is shown again with a fresh one.</summary>
    public TimeSpan FormLifetime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Registrations accepted per client address and minute (the rate limiter).</summary>
    public int RegistrationsPerMinute { get; set; } = 20;

    /// <summary>The hour of the day before an event, in the event's time zone, from which its registrants are reminded.</summary>
    public int ReminderHour { get; set; } = 9;

    /// <summary>
    /// How long a public event's page is kept rendered (Platform's PublicAnswers) when nothing about it changes; any saved
    /// change to an event, an activity or a town, or a place taken or freed, drops it at once, and it is never kept past the event's
    /// start (when registration closes). Zero: rendered for every request.
    /// </summary>
    public TimeSpan PublicPageCacheLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The largest photo of an event that is kept (bytes).</summary>
    public long MaxPhotoBytes { get; set; } = 10 * 1024 * 1024;
}
