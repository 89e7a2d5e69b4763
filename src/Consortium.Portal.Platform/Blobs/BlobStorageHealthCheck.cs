using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Consortium.Portal.Platform.Blobs;

/// <summary>Readiness: an instance whose blob storage does not answer cannot serve files, so it takes no traffic.</summary>
public sealed class BlobStorageHealthCheck(IBlobStore blobs) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await blobs.CheckAvailabilityAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (BlobStorageException e)
        {
            // A check run outside the health-check service has no registration.
            return new HealthCheckResult(context.Registration?.FailureStatus ?? HealthStatus.Unhealthy, e.Message, e);
        }
    }
}
