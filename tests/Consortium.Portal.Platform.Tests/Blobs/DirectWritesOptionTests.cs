using Consortium.Portal.Platform.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.Platform.Tests.Blobs;

/// <summary>
/// <c>Blobs:FileSystem:DirectWrites</c> is a speed option only: whichever way it is set, the store the portal registers
/// keeps and hands back the same bytes. How fast each way is belongs to build/bench/documents, not to a unit test.
/// </summary>
public sealed class DirectWritesOptionTests : IDisposable
{
    // Beside the test binaries: on the disk the portal's data would be on, not on a tmpfs /tmp that refuses O_DIRECT
    // (the store would then fall back to cached writes and the "on" case would test nothing new).
    private readonly string _dataFolder = Path.Combine(AppContext.BaseDirectory, $"direct-writes-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_dataFolder))
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
    }

    private static IConfiguration Configuration(string? directWrites) => new ConfigurationBuilder()
        .AddInMemoryCollection(directWrites is null ? [] : [new KeyValuePair<string, string?>("Blobs:FileSystem:DirectWrites", directWrites)])
        .Build();

    [Theory]
    [InlineData(null, true)]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("False", false)]
    public async Task Either_way_the_registered_store_keeps_and_returns_a_large_blob_intact(string? setting, bool expectedDirect)
    {
        using var services = new ServiceCollection().AddPortalBlobStorage(Configuration(setting), _dataFolder).BuildServiceProvider();
        var store = Assert.IsType<FileSystemBlobStore>(services.GetRequiredService<IBlobStore>());
        // Three whole 1 MiB blocks and one byte: the direct path writes the blocks past the cache and the unaligned
        // tail through it; small reads, as a network stream hands an upload over.
        const int size = 3 * 1024 * 1024 + 1;
        using var upload = new GeneratedContentStream(size, largestRead: 16 * 1024);

        var written = await store.PutAsync("documents", "2026/12/report", upload);

        Assert.Equal(expectedDirect, store.DirectWrites);
        Assert.Equal(size, written.Length);
        Assert.Equal(upload.Sha256, written.Sha256);
        await using var download = await store.OpenReadAsync("documents", "2026/12/report");
        var (length, sha256) = await TestContent.HashAsync(download!.Content);
        Assert.Equal(size, length);
        Assert.Equal(upload.Sha256, sha256);
    }

    [Fact]
    public async Task Either_way_a_small_blob_is_kept_and_returned_intact()
    {
        foreach (var setting in new[] { "true", "false" })
        {
            using var services = new ServiceCollection().AddPortalBlobStorage(Configuration(setting), _dataFolder).BuildServiceProvider();
            var store = services.GetRequiredService<IBlobStore>();

            await store.PutAsync("documents", $"notes-{setting}", TestContent.Text($"minutes, direct writes {setting}"));

            await using var download = await store.OpenReadAsync("documents", $"notes-{setting}");
            Assert.Equal($"minutes, direct writes {setting}", await TestContent.ReadTextAsync(download!.Content));
        }
    }

    [Fact]
    public void A_value_that_is_not_a_boolean_stops_the_start_and_names_the_setting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => BlobStorageOptions.FromConfiguration(Configuration("yes"), _dataFolder));

        Assert.Contains("Blobs:FileSystem:DirectWrites 'yes'", error.Message);
    }
}
