namespace Consortium.Portal.Training;

/// <summary>The Training module's settings (configuration section <c>Training</c>).</summary>
public sealed class TrainingOptions
{
    public const string Section = "Training";

    /// <summary>How long a client may keep a public library page or download before asking again (with its ETag).</summary>
    public TimeSpan PublicCacheLifetime { get; set; } = TimeSpan.FromMinutes(1);

    public IEnumerable<string> Validate()
    {
        if (PublicCacheLifetime < TimeSpan.Zero)
        {
            yield return "Training:PublicCacheLifetime must not be negative.";
        }
    }
}
