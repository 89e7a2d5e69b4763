using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Consortium.Portal.Platform.Web;

/// <summary>
/// The portal's own meter and activity source, both named "Consortium.Portal" and exported with the framework's
/// metrics and traces. A module injects this and creates its instruments once, for example
/// <c>telemetry.Meter.CreateCounter&lt;long&gt;("portal.documents.uploaded")</c>.
/// </summary>
public sealed class PortalTelemetry(IMeterFactory meters)
{
    public const string Name = "Consortium.Portal";

    public static readonly ActivitySource ActivitySource = new(Name);

    public Meter Meter { get; } = meters.Create(Name);
}
