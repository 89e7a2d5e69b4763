using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Consortium.Portal.Platform.Data;

/// <summary>
/// Part of <c>/health/ready</c>: the database answers a statement. On a plain connection rather than a DbContext
/// (the framework's <c>AddDbContextCheck</c>, used before): a context's first use builds EF's services and loads its
/// model, about 0.1 s of a cold start that the readiness probe waited for, and whether the database can be reached
/// does not depend on EF (issue 16, cold start). The first request that needs a context pays for it as before.
/// </summary>
internal sealed class DatabaseHealthCheck(DatabaseOptions database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = database.CreateConnection();
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or IOException or TimeoutException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "the database cannot be reached", e);
        }
    }
}
