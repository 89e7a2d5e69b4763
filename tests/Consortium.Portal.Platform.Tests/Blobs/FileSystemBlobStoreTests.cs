using Consortium.Portal.Platform.Blobs;
using Consortium.Portal.Tests;

namespace Consortium.Portal.Platform.Tests.Blobs;

/// <summary>The contract on the file system, in a temporary folder whose parent is watched too, so an escape would show.</summary>
public sealed class FileSystemBlobStoreTests : BlobStoreContract
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "portal-blobs-" + Guid.NewGuid().ToString("N"));

    private string Root => Path.Combine(_folder, "root");

    protected override Task<IBlobStore> CreateStoreAsync()
    {
        Directory.CreateDirectory(_folder);
        return Task.FromResult<IBlobStore>(new FileSystemBlobStore(Root));
    }

    protected override Task<IReadOnlyList<string>> EverythingStoredAsync()
        => Task.FromResult(Files(_folder).Where(f => !IsLockFile(f)).ToList() as IReadOnlyList<string>);

    protected override Task RemoveEverythingAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    private static IEnumerable<string> Files(string folder) => Directory.Exists(folder)
        ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')).Order(StringComparer.Ordinal)
        : [];

    // The striped lock files are created on first use and kept; they hold no content.
    private static bool IsLockFile(string path) => path.StartsWith("root/.locks/", StringComparison.Ordinal);

    [Theory]
    // Whole direct-write blocks only; and a trickle of small reads, as a network stream hands an upload over.
    [InlineData(2 * 1024 * 1024, 1024 * 1024)]
    [InlineData(3 * 1024 * 1024 + 1, 1000)]
    public async Task Content_round_trips_whatever_the_length_and_the_size_of_the_reads(int size, int largestRead)
    {
        using var source = new GeneratedContentStream(size, largestRead: largestRead);

        var written = await Store.PutAsync(Container, "2026/11/upload", source);

        await using var download = await Store.OpenReadAsync(Container, "2026/11/upload");
        var (length, sha256) = await TestContent.HashAsync(download!.Content);
        Assert.Equal(size, written.Length);
        Assert.Equal(size, length);
        Assert.Equal(written.Sha256, sha256);
    }

    [Fact]
    public async Task A_cancelled_write_leaves_no_file_behind()
    {
        using var cancellation = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.PutAsync(Container, "2026/03/upload",
            new BreakingStream(failAfter: 3 * 1024 * 1024, onBreak: cancellation.Cancel), cancellationToken: cancellation.Token));

        Assert.Empty(await EverythingStoredAsync());
    }

    [Fact]
    public async Task Listing_shows_blobs_only_not_their_records_or_stray_files()
    {
        await Store.PutAsync(Container, "2026/a", TestContent.Text("a"));
        var folder = Path.Combine(Root, Container, "2026");
        // What a crash can leave behind: a half-written version and a record that was never moved into place.
        await File.WriteAllTextAsync(Path.Combine(folder, "b~0123.data"), "orphan");
        await File.WriteAllTextAsync(Path.Combine(folder, "b~4567.tmp"), "{}");
        await File.WriteAllTextAsync(Path.Combine(folder, "notes.txt"), "put there by hand");

        var names = await Store.ListAsync(Container).Select(b => b.Name).ToListAsync();

        Assert.Equal(["2026/a"], names);
    }

    [Fact]
    public async Task The_content_is_one_file_and_its_record_another_under_the_container_folder()
    {
        await Store.PutAsync(Container, "2026/03/minutes", TestContent.Text("minutes"));

        var files = await EverythingStoredAsync();

        Assert.Equal(2, files.Count);
        Assert.All(files, f => Assert.StartsWith("root/documents/2026/03/minutes~", f));
        Assert.Contains("root/documents/2026/03/minutes~blob.json", files);
    }

    [Fact]
    public async Task Replacing_a_blob_removes_the_previous_content_file()
    {
        await Store.PutAsync(Container, "draft", TestContent.Text("first"));

        await Store.PutAsync(Container, "draft", TestContent.Text("second"));

        Assert.Equal(2, (await EverythingStoredAsync()).Count);
    }

    [Fact]
    public async Task Content_opens_as_an_asynchronous_file_stream()
    {
        await Store.PutAsync(Container, "file", TestContent.Text("content"));

        await using var download = await Store.OpenReadAsync(Container, "file");

        var file = Assert.IsType<FileStream>(download!.Content);
        Assert.True(file.IsAsync);
        Assert.False(file.CanWrite);
    }

    [Fact]
    public async Task A_reader_keeps_the_version_it_opened_while_the_blob_is_replaced_or_deleted()
    {
        await Store.PutAsync(Container, "report", TestContent.Text("version 1"));
        await using var download = await Store.OpenReadAsync(Container, "report");

        await Store.PutAsync(Container, "report", TestContent.Text("version 2"));
        Assert.Equal("version 1", await TestContent.ReadTextAsync(download!.Content));
        Assert.True(await Store.DeleteAsync(Container, "report"));
        Assert.Null(await Store.OpenReadAsync(Container, "report"));
    }

    [Theory]
    [InlineData(BlobWriteCondition.CreateOnly)]
    [InlineData(BlobWriteCondition.ReplaceIfUnchanged)]
    public async Task Stores_over_one_folder_let_exactly_one_conditional_write_win(BlobWriteCondition condition)
    {
        // Separate instances stand for separate processes: they share no in-memory lock, only the folder.
        IBlobStore[] stores = [Store, new FileSystemBlobStore(Root), new FileSystemBlobStore(Root), new FileSystemBlobStore(Root)];
        string? etag = null;
        if (condition == BlobWriteCondition.ReplaceIfUnchanged)
        {
            etag = (await Store.PutAsync(Container, "contested", TestContent.Text("version 1"))).ETag;
        }
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = Enumerable.Range(0, 32).Select(i => Task.Run(async () =>
        {
            await start.Task;
            var store = stores[i % stores.Length];
            try
            {
                await store.PutAsync(Container, "contested", TestContent.Text($"writer {i}"), new BlobPutOptions { Condition = condition, IfMatchETag = etag });
                return true;
            }
            catch (Exception e) when (e is BlobAlreadyExistsException or BlobConditionFailedException)
            {
                return false;
            }
        })).ToList();
        start.SetResult();

        var won = await Task.WhenAll(attempts);

        Assert.Single(won, w => w);
        // One record and one content file: the losers' content was cleaned up.
        Assert.Equal(2, (await EverythingStoredAsync()).Count);
    }

    [Fact]
    public async Task A_conditional_write_waits_while_another_process_holds_the_lock()
    {
        var read = await Store.PutAsync(Container, "contested", TestContent.Text("version 1"));
        // What another process does while it checks and moves a record: hold the lock file exclusively.
        var held = Directory.GetFiles(Path.Combine(Root, ".locks"))
            .Select(f => new FileStream(f, FileMode.Open, FileAccess.ReadWrite, FileShare.None)).ToList();
        Assert.NotEmpty(held);

        var storedBefore = (await EverythingStoredAsync()).Count;

        var write = Store.PutAsync(Container, "contested", TestContent.Text("version 2"),
            new BlobPutOptions { Condition = BlobWriteCondition.ReplaceIfUnchanged, IfMatchETag = read.ETag });
        // The write streams its content and its new record first, then needs the lock to publish them: once both files
        // are there, it is at the lock (or past it, which is what must not happen), however slow the machine is.
        await Eventually.TrueAsync(async () => write.IsCompleted || (await EverythingStoredAsync()).Count >= storedBefore + 2,
            "the write to reach the lock");
        var finishedWhileHeld = write.IsCompleted;
        held.ForEach(f => f.Dispose());
        await write;

        Assert.False(finishedWhileHeld);
        Assert.Equal(TestContent.Sha256("version 2"), (await Store.GetPropertiesAsync(Container, "contested"))!.Sha256);
    }

    [Fact]
    public async Task The_availability_check_fails_when_the_folder_cannot_be_written()
    {
        var blocked = Path.Combine(_folder, "a-file");
        await File.WriteAllTextAsync(blocked, "a file where the root folder should be");
        var store = new FileSystemBlobStore(Path.Combine(blocked, "blobs"));

        await Assert.ThrowsAsync<BlobStorageUnavailableException>(() => store.CheckAvailabilityAsync());
    }
}
