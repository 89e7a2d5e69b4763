using System.Net;
using System.Text.Json;
using Consortium.Portal.IntegrationTests.Infrastructure;

namespace Consortium.Portal.IntegrationTests.Host;

public abstract class HealthEndpointTests<TPortal>(HostPortal<TPortal> host)
    where TPortal : PortalAppFactory, new()
{
    [Fact]
    public async Task Liveness_answers_anonymously_without_running_checks()
    {
        var response = await host.CreateClient().GetAsync("/health/live");

        var health = await ReadAsync(response, HttpStatusCode.OK);
        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        Assert.Equal(0, health.GetProperty("checks").GetArrayLength());
    }

    [Fact]
    public async Task Readiness_checks_the_database_and_the_blob_storage()
    {
        var response = await host.CreateClient().GetAsync("/health/ready");

        var checks = Checks(await ReadAsync(response, HttpStatusCode.OK));
        Assert.Equal("Healthy", checks["database"]);
        Assert.Equal("Healthy", checks["blob-storage"]);
    }

    [Fact]
    public async Task Readiness_fails_when_the_blob_storage_does_not_answer_and_keeps_the_reason_to_the_log()
    {
        host.Blobs.Available = false;
        try
        {
            var response = await host.CreateClient().GetAsync("/health/ready");

            var health = await ReadAsync(response, HttpStatusCode.ServiceUnavailable);
            Assert.Equal("Unhealthy", Checks(health)["blob-storage"]);
            Assert.Equal("Healthy", Checks(health)["database"]);
            Assert.DoesNotContain("10.0.0.9", health.GetRawText());
        }
        finally
        {
            host.Blobs.Available = true;
        }
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement;
    }

    private static Dictionary<string, string> Checks(JsonElement health)
        => health.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString()!);
}

[Collection(HostCollections.Sqlite)]
public sealed class HealthEndpointTests_Sqlite(HostPortal<SqlitePortal> host) : HealthEndpointTests<SqlitePortal>(host);

[Collection(HostCollections.PostgreSql)]
public sealed class HealthEndpointTests_PostgreSql(HostPortal<PostgreSqlPortal> host) : HealthEndpointTests<PostgreSqlPortal>(host);
