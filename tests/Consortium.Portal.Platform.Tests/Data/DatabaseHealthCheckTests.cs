using Consortium.Portal.Platform.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Consortium.Portal.Platform.Tests.Data;

public sealed class DatabaseHealthCheckTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "portal-platform-tests", Guid.NewGuid().ToString("N"));

    public DatabaseHealthCheckTests() => Directory.CreateDirectory(_folder);

    private static Task<HealthCheckResult> CheckAsync(string connectionString)
    {
        var check = new DatabaseHealthCheck(new DatabaseOptions(DatabaseProvider.Sqlite, connectionString));
        var registration = new HealthCheckRegistration("database", check, HealthStatus.Unhealthy, ["ready"]);
        return check.CheckHealthAsync(new HealthCheckContext { Registration = registration });
    }

    [Fact]
    public async Task A_database_that_answers_is_healthy()
    {
        var result = await CheckAsync($"Data Source={Path.Combine(_folder, "portal.db")}");

        Assert.Equal(HealthStatus.Healthy, result.Status);
    }

    [Fact]
    public async Task A_database_that_cannot_be_opened_is_unhealthy_and_says_so_with_the_reason_kept_for_the_log()
    {
        var result = await CheckAsync($"Data Source={Path.Combine(_folder, "no-such-folder", "portal.db")};Mode=ReadWrite");

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal("the database cannot be reached", result.Description);
        Assert.NotNull(result.Exception);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { /* left to the OS */ }
    }
}
