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

    internal IEnumerable<string> Validate()
    {
        if (Retention < TimeSpan.Zero)
        {
            yield return "Workflows:Retention must be zero (keep for ever) or a positive time span.";
        }
    }
}
