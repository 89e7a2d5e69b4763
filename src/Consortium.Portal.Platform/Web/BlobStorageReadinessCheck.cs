using Consortium.Portal.Platform.Blobs;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Consortium.Portal.Platform.Web;

/// <summary>Ready only when the blob storage answers: without it no file can be read or written.</summary>
internal sealed class BlobStorageReadinessCheck(IBlobStore blobs) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await blobs.CheckAvailabilityAsync(cancellationToken);
            return HealthCheckResult.Healthy("The blob storage answers.");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "The blob storage does not answer.", e);
        }
    }
}
