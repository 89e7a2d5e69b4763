namespace Consortium.Portal.Training;

/// <summary>The Training module's settings (configuration section <c>Training</c>).</summary>
public sealed class TrainingOptions
{
    public const string Section = "Training";

    /// <summary>How long a client may keep a public library page or download before asking again (with its ETag).</summary>
    public TimeSpan PublicCacheLifetime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a page of the consortium's material list is kept for every reader (zero: not kept). A saved material
    /// drops the pages at once; only download counts, and so the most-used order, may be this far behind.
    /// </summary>
    public TimeSpan ListCacheLifetime { get; set; } = TimeSpan.FromSeconds(5);

    public IEnumerable<string> Validate()
    {
        if (ListCacheLifetime < TimeSpan.Zero || ListCacheLifetime > TimeSpan.FromMinutes(1))
        {
            yield return "Training:ListCacheLifetime must be between zero and one minute.";
        }
        if (PublicCacheLifetime < TimeSpan.Zero)
        {
            yield return "Training:PublicCacheLifetime must not be negative.";
        }
    }
}
