using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Consortium.Portal.Platform.Modularity;

/// <summary>
/// The readiness of work a start runs beside the host (the seeding, the background jobs' start): healthy once it ended
/// well, unhealthy while it runs and after it failed or was cancelled. One rule for every such part of
/// <c>/health/ready</c>.
/// </summary>
internal static class StartTaskHealth
{
    public static Task<HealthCheckResult> Of(Task completion, string running, string failed)
        => Task.FromResult(completion.Status switch
        {
            TaskStatus.RanToCompletion => HealthCheckResult.Healthy(),
            TaskStatus.Faulted or TaskStatus.Canceled => HealthCheckResult.Unhealthy(failed),
            _ => HealthCheckResult.Unhealthy(running),
        });
}
