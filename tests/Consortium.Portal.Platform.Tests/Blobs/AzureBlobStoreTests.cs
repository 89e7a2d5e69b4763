using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Azure.Storage.Blobs;
using Consortium.Portal.Platform.Blobs;

namespace Consortium.Portal.Platform.Tests.Blobs;

/// <summary>
/// The contract on Azure Blob Storage, run against Azurite. Each test class instance has its own container prefix,
/// so tests running side by side never see each other's containers.
/// </summary>
public sealed class AzureBlobStoreTests : BlobStoreContract
{
    private readonly string _prefix = $"t{Guid.NewGuid():N}"[..9] + "-";
    private BlobServiceClient _account = null!;

    protected override Task<IBlobStore> CreateStoreAsync()
    {
        var connectionString = TestServers.Azurite;
        _account = new BlobServiceClient(connectionString);
        return Task.FromResult<IBlobStore>(new AzureBlobStore(connectionString, _prefix));
    }

    protected override async Task<IReadOnlyList<string>> EverythingStoredAsync()
    {
        var stored = new List<string>();
        await foreach (var container in _account.GetBlobContainersAsync(prefix: _prefix))
        {
            await foreach (var blob in _account.GetBlobContainerClient(container.Name).GetBlobsAsync())
            {
                stored.Add($"{container.Name}/{blob.Name}");
            }
        }
        stored.Sort(StringComparer.Ordinal);
        return stored;
    }

    protected override async Task RemoveEverythingAsync()
    {
        if (_account is null)
        {
            return;
        }
        await foreach (var container in _account.GetBlobContainersAsync(prefix: _prefix))
        {
            await _account.DeleteBlobContainerAsync(container.Name);
        }
    }

    [Fact]
    public async Task Containers_carry_the_configured_prefix()
    {
        await Store.PutAsync(Container, "minutes", TestContent.Text("minutes"));

        Assert.Equal([$"{_prefix}{Container}/minutes"], await EverythingStoredAsync());
    }

    [Fact]
    public async Task A_container_name_that_the_prefix_makes_too_long_is_refused()
    {
        var longest = new string('c', 63);

        await Assert.ThrowsAsync<InvalidBlobNameException>(() => Store.PutAsync(longest, "name", TestContent.Text("payload")));
    }

    [Fact]
    public async Task The_sha256_is_kept_in_the_blob_metadata()
    {
        await Store.PutAsync(Container, "minutes", TestContent.Text("minutes"));

        var properties = await _account.GetBlobContainerClient(_prefix + Container).GetBlobClient("minutes").GetPropertiesAsync();

        Assert.Equal(TestContent.Sha256("minutes"), properties.Value.Metadata[AzureBlobStore.Sha256MetadataKey]);
    }
}

/// <summary>Storage that does not answer must fail fast with the exception the API turns into 503.</summary>
public sealed class UnreachableAzureBlobStoreTests : IDisposable
{
    private readonly AzureBlobStore _store = new(
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Convert.ToBase64String(new byte[64])};" +
        $"BlobEndpoint=http://127.0.0.1:{ClosedPort()}/devstoreaccount1;");

    public void Dispose() => _store.Dispose();

    /// <summary>A loopback port that was free a moment ago and that nothing listens on.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task An_unreachable_endpoint_fails_within_seconds_as_unavailable()
    {
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAsync<BlobStorageUnavailableException>(() => _store.PutAsync("documents", "name", TestContent.Text("payload")));
        await Assert.ThrowsAsync<BlobStorageUnavailableException>(() => _store.OpenReadAsync("documents", "name"));
        await Assert.ThrowsAsync<BlobStorageUnavailableException>(() => _store.CheckAvailabilityAsync());

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"Three calls took {clock.Elapsed.TotalSeconds:0.0} s.");
    }

    [Fact]
    public async Task The_readiness_check_reports_unreachable_storage_as_unhealthy()
    {
        var result = await new BlobStorageHealthCheck(_store).CheckHealthAsync(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext());

        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy, result.Status);
        Assert.IsType<BlobStorageUnavailableException>(result.Exception);
    }
}
