using Consortium.Portal.Platform.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Consortium.Portal.Platform.Tests.Blobs;

public sealed class BlobStorageOptionsTests
{
    private const string DataFolder = "/srv/portal-data";
    private const string AzuriteLikeConnectionString =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;";

    private static IConfiguration Configuration(params (string Key, string Value)[] values)
        => new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Without_configuration_blobs_go_to_the_file_system_in_the_data_folder()
    {
        var options = BlobStorageOptions.FromConfiguration(Configuration(), DataFolder);

        Assert.Equal(BlobStorageProvider.FileSystem, options.Provider);
        Assert.Equal(Path.Combine(DataFolder, "blobs"), options.FileSystemRoot);
    }

    [Fact]
    public void A_relative_file_system_root_is_taken_from_the_data_folder()
    {
        var options = BlobStorageOptions.FromConfiguration(Configuration(("Blobs:Provider", "filesystem"), ("Blobs:FileSystem:Root", "files")), DataFolder);

        Assert.Equal(Path.Combine(DataFolder, "files"), options.FileSystemRoot);
    }

    [Theory]
    [InlineData("S3")]
    [InlineData("1")]
    [InlineData("Azure")]
    public void An_unknown_provider_stops_the_start_and_names_the_known_ones(string provider)
    {
        var error = Assert.Throws<InvalidOperationException>(() => BlobStorageOptions.FromConfiguration(Configuration(("Blobs:Provider", provider)), DataFolder));

        Assert.Contains($"Blobs:Provider '{provider}'", error.Message);
        Assert.Contains("'FileSystem'", error.Message);
        Assert.Contains("'AzureBlobStorage'", error.Message);
    }

    [Fact]
    public void Azure_without_a_connection_string_stops_the_start_and_says_what_to_set()
    {
        var error = Assert.Throws<InvalidOperationException>(() => BlobStorageOptions.FromConfiguration(Configuration(("Blobs:Provider", "AzureBlobStorage")), DataFolder));

        Assert.Contains("Blobs:Azure:ConnectionString", error.Message);
    }

    [Fact]
    public void A_malformed_azure_connection_string_stops_the_start_without_showing_it()
    {
        var error = Assert.Throws<InvalidOperationException>(() => BlobStorageOptions.FromConfiguration(
            Configuration(("Blobs:Provider", "AzureBlobStorage"), ("Blobs:Azure:ConnectionString", "secret-key-not-a-connection-string")), DataFolder));

        Assert.Contains("Blobs:Azure:ConnectionString is not a valid", error.Message);
        Assert.DoesNotContain("secret-key", error.Message);
    }

    [Theory]
    [InlineData("Portal-")]
    [InlineData("-portal")]
    [InlineData("portal--")]
    [InlineData("portal_")]
    public void A_container_prefix_outside_the_container_rules_stops_the_start(string prefix)
    {
        var error = Assert.Throws<InvalidOperationException>(() => BlobStorageOptions.FromConfiguration(Configuration(
            ("Blobs:Provider", "AzureBlobStorage"), ("Blobs:Azure:ConnectionString", AzuriteLikeConnectionString), ("Blobs:Azure:ContainerPrefix", prefix)), DataFolder));

        Assert.Contains("Blobs:Azure:ContainerPrefix", error.Message);
    }

    [Fact]
    public void The_registered_store_is_the_configured_provider()
    {
        using var fileSystem = new ServiceCollection().AddPortalBlobStorage(Configuration(), Path.GetTempPath()).BuildServiceProvider();
        using var azure = new ServiceCollection().AddPortalBlobStorage(Configuration(
            ("Blobs:Provider", "AzureBlobStorage"), ("Blobs:Azure:ConnectionString", AzuriteLikeConnectionString), ("Blobs:Azure:ContainerPrefix", "portal-")), DataFolder).BuildServiceProvider();

        Assert.Equal(Path.Combine(Path.GetTempPath(), "blobs"), Assert.IsType<FileSystemBlobStore>(fileSystem.GetRequiredService<IBlobStore>()).Root);
        Assert.IsType<AzureBlobStore>(azure.GetRequiredService<IBlobStore>());
    }

    [Fact]
    public async Task The_readiness_check_is_healthy_when_the_store_answers()
    {
        var root = Path.Combine(Path.GetTempPath(), "portal-blobs-" + Guid.NewGuid().ToString("N"));
        try
        {
            var result = await new BlobStorageHealthCheck(new FileSystemBlobStore(root)).CheckHealthAsync(new HealthCheckContext());

            Assert.Equal(HealthStatus.Healthy, result.Status);
            Assert.Empty(Directory.EnumerateFileSystemEntries(root));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
