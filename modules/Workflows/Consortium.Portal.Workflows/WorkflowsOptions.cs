namespace Consortium.Portal.Workflows;

/// <summary>Settings of the Workflows module (section <c>Workflows</c>).</summary>
public sealed class WorkflowsOptions
{
    public const string Section = "Workflows";

    /// <summary>
    /// How long a finished instance is kept after it ended; then its journal is summarised into the audit log and it is
    /// removed. Zero keeps finished instances for ever.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(730);

    /// <summary>
    /// How long a page of someone's task inbox is kept after it was read (a speed option; zero reads it every time).
    /// Any task, instance or delegation saved on this instance drops every kept page; a decision made on another
    /// instance shows here at most this long later. At most 30 seconds.
    /// </summary>
    public TimeSpan InboxCacheLifetime { get; set; } = TimeSpan.FromSeconds(5);

    internal IEnumerable<string> Validate()
    {
        if (Retention < TimeSpan.Zero)
        {
            yield return "Workflows:Retention must be zero (keep for ever) or a positive time span.";
        }
        if (InboxCacheLifetime < TimeSpan.Zero || InboxCacheLifetime > TimeSpan.FromSeconds(30))
        {
            yield return "Workflows:InboxCacheLifetime must be between zero and 30 seconds: it is how late another instance's decision shows in an inbox.";
        }
    }
}
