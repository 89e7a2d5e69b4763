using System.Security.Cryptography;
using Consortium.Portal.Platform.Blobs;

namespace Consortium.Portal.Platform.Tests.Blobs;

/// <summary>
/// What every <see cref="IBlobStore"/> provider promises. Each provider runs it through a sealed subclass,
/// so the file system and Azure behave the same for the modules that store files.
/// </summary>
public abstract class BlobStoreContract : IAsyncLifetime
{
    protected const string Container = "documents";

    protected IBlobStore Store { get; private set; } = null!;

    protected abstract Task<IBlobStore> CreateStoreAsync();

    /// <summary>Every item the provider holds anywhere in the space the test owns, as sorted paths; shows whether a refused write left a trace.</summary>
    protected abstract Task<IReadOnlyList<string>> EverythingStoredAsync();

    protected abstract Task RemoveEverythingAsync();

    public async Task InitializeAsync() => Store = await CreateStoreAsync();

    public async Task DisposeAsync()
    {
        (Store as IDisposable)?.Dispose();
        await RemoveEverythingAsync();
    }

    private Task<BlobProperties> PutTextAsync(string name, string text, BlobPutOptions? options = null, string container = Container)
        => Store.PutAsync(container, name, TestContent.Text(text), options);

    private async Task<string?> ReadTextAsync(string name)
    {
        await using var download = await Store.OpenReadAsync(Container, name);
        return download is null ? null : await TestContent.ReadTextAsync(download.Content);
    }

    [Fact]
    public async Task A_blob_reads_back_with_its_length_and_sha256()
    {
        const string text = "Minutes of the forum meeting, Pristina, 12 March";

        var written = await PutTextAsync("2026/03/minutes", text);

        Assert.Equal(TestContent.Sha256(text), written.Sha256);
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(text), written.Length);
        await using var download = await Store.OpenReadAsync(Container, "2026/03/minutes");
        Assert.NotNull(download);
        Assert.Equal(written.Sha256, download.Properties.Sha256);
        Assert.Equal(written.Length, download.Properties.Length);
        Assert.Equal(written.ETag, download.Properties.ETag);
        Assert.Equal(text, await TestContent.ReadTextAsync(download.Content));
        var properties = await Store.GetPropertiesAsync(Container, "2026/03/minutes");
        Assert.Equal(written with { LastModified = properties!.LastModified }, properties);
    }

    [Fact]
    public async Task An_empty_blob_round_trips()
    {
        var written = await Store.PutAsync(Container, "empty", new MemoryStream());

        Assert.Equal(0, written.Length);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData([])), written.Sha256);
        Assert.Equal("", await ReadTextAsync("empty"));
    }

    [Fact]
    public async Task The_content_type_is_kept()
    {
        await PutTextAsync("agenda.pdf", "%PDF-1.7", new BlobPutOptions { ContentType = "application/pdf" });

        Assert.Equal("application/pdf", (await Store.GetPropertiesAsync(Container, "agenda.pdf"))!.ContentType);
        await using var download = await Store.OpenReadAsync(Container, "agenda.pdf");
        Assert.Equal("application/pdf", download!.Properties.ContentType);
        Assert.Equal("application/pdf", Assert.Single(await Store.ListAsync(Container).ToListAsync()).ContentType);
    }

    [Fact]
    public async Task An_unconditional_write_replaces_the_blob_and_its_etag()
    {
        var first = await PutTextAsync("draft", "first");

        var second = await PutTextAsync("draft", "second");

        Assert.NotEqual(first.ETag, second.ETag);
        Assert.Equal(TestContent.Sha256("second"), second.Sha256);
        Assert.Equal("second", await ReadTextAsync("draft"));
    }

    [Fact]
    public async Task Create_only_refuses_an_existing_blob_and_keeps_its_content()
    {
        var original = await PutTextAsync("report", "original", new BlobPutOptions { Condition = BlobWriteCondition.CreateOnly });

        await Assert.ThrowsAsync<BlobAlreadyExistsException>(
            () => PutTextAsync("report", "intruder", new BlobPutOptions { Condition = BlobWriteCondition.CreateOnly }));

        Assert.Equal("original", await ReadTextAsync("report"));
        Assert.Equal(original.ETag, (await Store.GetPropertiesAsync(Container, "report"))!.ETag);
    }

    [Fact]
    public async Task Replace_if_unchanged_succeeds_with_the_current_etag()
    {
        var original = await PutTextAsync("policy-brief", "version 1");

        var replaced = await PutTextAsync("policy-brief", "version 2",
            new BlobPutOptions { Condition = BlobWriteCondition.ReplaceIfUnchanged, IfMatchETag = original.ETag });

        Assert.NotEqual(original.ETag, replaced.ETag);
        Assert.Equal("version 2", await ReadTextAsync("policy-brief"));
        Assert.Equal(TestContent.Sha256("version 2"), (await Store.GetPropertiesAsync(Container, "policy-brief"))!.Sha256);
    }

    [Fact]
    public async Task Replace_if_unchanged_fails_with_a_stale_etag_and_keeps_the_newer_content()
    {
        var read = await PutTextAsync("policy-brief", "version 1");
        await PutTextAsync("policy-brief", "version 2 by a colleague");

        await Assert.ThrowsAsync<BlobConditionFailedException>(() => PutTextAsync("policy-brief", "version 2 by me",
            new BlobPutOptions { Condition = BlobWriteCondition.ReplaceIfUnchanged, IfMatchETag = read.ETag }));

        Assert.Equal("version 2 by a colleague", await ReadTextAsync("policy-brief"));
    }

    [Fact]
    public async Task Replace_if_unchanged_fails_when_the_blob_was_deleted()
    {
        var read = await PutTextAsync("policy-brief", "version 1");
        await Store.DeleteAsync(Container, "policy-brief");

        await Assert.ThrowsAsync<BlobConditionFailedException>(() => PutTextAsync("policy-brief", "version 2",
            new BlobPutOptions { Condition = BlobWriteCondition.ReplaceIfUnchanged, IfMatchETag = read.ETag }));

        Assert.False(await Store.ExistsAsync(Container, "policy-brief"));
    }

    [Fact]
    public async Task A_missing_blob_has_no_content_no_properties_and_does_not_exist()
    {
        await PutTextAsync("present", "here");

        Assert.Null(await Store.OpenReadAsync(Container, "absent"));
        Assert.Null(await Store.GetPropertiesAsync(Container, "absent"));
        Assert.False(await Store.ExistsAsync(Container, "absent"));
        Assert.False(await Store.ExistsAsync("never-written", "absent"));
        Assert.Null(await Store.OpenReadAsync("never-written", "absent"));
    }

    [Fact]
    public async Task Deleting_removes_the_blob_and_says_whether_there_was_one()
    {
        await PutTextAsync("to-delete", "bye");
        Assert.True(await Store.ExistsAsync(Container, "to-delete"));

        Assert.True(await Store.DeleteAsync(Container, "to-delete"));

        Assert.False(await Store.ExistsAsync(Container, "to-delete"));
        Assert.Null(await Store.OpenReadAsync(Container, "to-delete"));
        Assert.False(await Store.DeleteAsync(Container, "to-delete"));
        Assert.False(await Store.DeleteAsync("never-written", "to-delete"));
    }

    [Fact]
    public async Task Listing_returns_the_blobs_under_a_prefix_in_name_order()
    {
        foreach (var name in new[] { "2026/03/b", "2026/03/a", "2026/04/c", "2026/03-x", "2025/12/z", "2026/03/a.v2", "2026/03/.dotted" })
        {
            await PutTextAsync(name, name);
        }
        await PutTextAsync("2026/03/elsewhere", "another container", container: "archive");

        var all = await Store.ListAsync(Container).Select(b => b.Name).ToListAsync();
        var march = await Store.ListAsync(Container, "2026/03/").ToListAsync();

        Assert.Equal(["2025/12/z", "2026/03-x", "2026/03/.dotted", "2026/03/a", "2026/03/a.v2", "2026/03/b", "2026/04/c"], all);
        Assert.Equal(["2026/03/.dotted", "2026/03/a", "2026/03/a.v2", "2026/03/b"], march.Select(b => b.Name));
        Assert.Equal(["2026/03-x", "2026/03/.dotted", "2026/03/a", "2026/03/a.v2", "2026/03/b"], await Store.ListAsync(Container, "2026/03").Select(b => b.Name).ToListAsync());
        Assert.All(march, b => Assert.Equal(TestContent.Sha256(b.Name), b.Sha256));
        Assert.All(march, b => Assert.Equal(b.Name.Length, b.Length));
        Assert.Empty(await Store.ListAsync(Container, "2027/").ToListAsync());
        Assert.Empty(await Store.ListAsync("never-written").ToListAsync());
    }

    [Fact]
    public async Task A_name_can_also_be_the_folder_of_other_names()
    {
        await PutTextAsync("reports", "the blob");
        await PutTextAsync("reports/2026", "a blob below it");

        Assert.Equal("the blob", await ReadTextAsync("reports"));
        Assert.Equal("a blob below it", await ReadTextAsync("reports/2026"));
        Assert.Equal(["reports", "reports/2026"], await Store.ListAsync(Container).Select(b => b.Name).ToListAsync());
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("a/../../escape")]
    [InlineData("a/./b")]
    [InlineData("/etc/passwd")]
    [InlineData("trailing/")]
    [InlineData("a//b")]
    [InlineData("..\\escape")]
    [InlineData("folder\\file")]
    [InlineData("C:\\Windows\\win.ini")]
    [InlineData("bell\u0007")]
    [InlineData("new\nline")]
    [InlineData("final-line-feed\n")]
    [InlineData("folder\n/file")]
    [InlineData("nul\0byte")]
    [InlineData("with space")]
    [InlineData("tilde~1")]
    [InlineData("trailing-dot.")]
    [InlineData("folder./file")]
    [InlineData("")]
    public async Task A_name_that_is_not_a_plain_key_is_refused_and_nothing_is_written(string name)
    {
        await PutTextAsync("existing", "so the container exists");
        var before = await EverythingStoredAsync();

        await Assert.ThrowsAsync<InvalidBlobNameException>(() => PutTextAsync(name, "payload"));
        await Assert.ThrowsAsync<InvalidBlobNameException>(() => PutTextAsync(name, "payload", new BlobPutOptions { Condition = BlobWriteCondition.CreateOnly }));
        await Assert.ThrowsAsync<InvalidBlobNameException>(() => Store.OpenReadAsync(Container, name));
        await Assert.ThrowsAsync<InvalidBlobNameException>(() => Store.GetPropertiesAsync(Container, name));
        await Assert.ThrowsAsync<InvalidBlobNameException>(() => Store.ExistsAsync(Container, name));
        await Assert.ThrowsAsync<InvalidBlobNameException>(() => Store.DeleteAsync(Container, name));

        Assert.Equal(before, await EverythingStoredAsync());
    }

    [Fact]
    public async Task Names_up_to_the_length_limits_are_kept_and_longer_ones_refused()
    {
        var longestSegment = new string('s', BlobName.MaxSegmentLength);
        var longestName = string.Join('/', Enumerable.Repeat(new string('n', 50), 10)) + "/" + new string('x', BlobName.MaxNameLength - 510);
        Assert.Equal(BlobName.MaxNameLength, longestName.Length);

        await PutTextAsync(longestSegment, "longest segment");
        await PutTextAsync(longestName, "longest name");

        Assert.Equal("longest segment", await ReadTextAsync(longestSegment));
        Assert.Equal("longest name", await ReadTextAsync(longestName));
        var before = await EverythingStoredAsync();
        await Assert.ThrowsAsync<InvalidBlobNameException>(() => PutTextAsync(longestSegment + "s", "payload"));
        await Assert.ThrowsAsync<InvalidBlobNameException>(() => PutTextAsync(longestName + "x", "payload"));
        Assert.Equal(before, await EverythingStoredAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("..")]
    [InlineData("../documents")]
    [InlineData("docs/../..")]
    [InlineData("Documents")]
    [InlineData("ab")]
    [InlineData("-documents")]
    [InlineData("documents-")]
    [InlineData("double--hyphen")]
    [InlineData("with/slash")]
    [InlineData("with\\backslash")]
    [InlineData("ctrl\u0001x")]
    [InlineData("documents\n")]
    [InlineData(".locks")]
    public async Task A_container_name_outside_the_rules_is_refused_and_nothing_is_written(string container)
    {
        await PutTextAsync("existing", "so something exists");
        var before = await EverythingStoredAsync();

        await Assert.ThrowsAsync<InvalidBlobNameException>(() => PutTextAsync("name", "payload", container: container));
        await Assert.ThrowsAsync<InvalidBlobNameException>(() => Store.OpenReadAsync(container, "name"));
        await Assert.ThrowsAsync<InvalidBlobNameException>(() => Store.GetPropertiesAsync(container, "name"));
        await Assert.ThrowsAsync<InvalidBlobNameException>(() => Store.ExistsAsync(container, "name"));
        await Assert.ThrowsAsync<InvalidBlobNameException>(() => Store.DeleteAsync(container, "name"));
        await Assert.ThrowsAsync<InvalidBlobNameException>(async () => await Store.ListAsync(container).ToListAsync());

        Assert.Equal(before, await EverythingStoredAsync());
    }

    [Fact]
    public async Task A_large_stream_round_trips_with_a_matching_hash()
    {
        const long size = 64L * 1024 * 1024 + 12345;
        using var source = new GeneratedContentStream(size);

        var written = await Store.PutAsync(Container, "large/recording", source, new BlobPutOptions { ContentType = "video/mp4" });

        Assert.Equal(size, source.Produced);
        Assert.Equal(size, written.Length);
        Assert.Equal(source.Sha256, written.Sha256);
        await using var download = await Store.OpenReadAsync(Container, "large/recording");
        var (length, sha256) = await TestContent.HashAsync(download!.Content);
        Assert.Equal(size, length);
        Assert.Equal(source.Sha256, sha256);
        Assert.Equal(source.Sha256, download.Properties.Sha256);
    }

    [Fact]
    public async Task Of_concurrent_create_only_writes_to_one_name_exactly_one_wins()
    {
        const int writers = 8;
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = Enumerable.Range(0, writers).Select(i => Task.Run(async () =>
        {
            await start.Task;
            try
            {
                await PutTextAsync("contested", $"writer {i}", new BlobPutOptions { Condition = BlobWriteCondition.CreateOnly });
                return (Writer: i, Won: true);
            }
            catch (BlobAlreadyExistsException)
            {
                return (Writer: i, Won: false);
            }
        })).ToList();
        start.SetResult();

        var results = await Task.WhenAll(attempts);

        var winner = Assert.Single(results, r => r.Won);
        Assert.Equal($"writer {winner.Writer}", await ReadTextAsync("contested"));
        Assert.Equal(TestContent.Sha256($"writer {winner.Writer}"), (await Store.GetPropertiesAsync(Container, "contested"))!.Sha256);
    }

    [Fact]
    public async Task Of_concurrent_replacements_of_the_same_version_exactly_one_wins()
    {
        var read = await PutTextAsync("shared-draft", "version 1");
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            await start.Task;
            try
            {
                await PutTextAsync("shared-draft", $"edit {i}", new BlobPutOptions { Condition = BlobWriteCondition.ReplaceIfUnchanged, IfMatchETag = read.ETag });
                return (Writer: i, Won: true);
            }
            catch (BlobConditionFailedException)
            {
                return (Writer: i, Won: false);
            }
        })).ToList();
        start.SetResult();

        var results = await Task.WhenAll(attempts);

        var winner = Assert.Single(results, r => r.Won);
        Assert.Equal($"edit {winner.Writer}", await ReadTextAsync("shared-draft"));
    }

    [Fact]
    public async Task A_write_whose_source_breaks_leaves_no_blob_and_keeps_the_previous_one()
    {
        await PutTextAsync("kept", "previous");
        var before = await EverythingStoredAsync();

        await Assert.ThrowsAsync<IOException>(() => Store.PutAsync(Container, "broken", new BreakingStream(failAfter: 5 * 1024 * 1024)));
        await Assert.ThrowsAsync<IOException>(() => Store.PutAsync(Container, "kept", new BreakingStream(failAfter: 1000)));

        Assert.False(await Store.ExistsAsync(Container, "broken"));
        Assert.Equal("previous", await ReadTextAsync("kept"));
        Assert.Equal(before, await EverythingStoredAsync());
    }

    [Fact]
    public async Task The_storage_answers_the_availability_check()
    {
        await Store.CheckAvailabilityAsync();
    }
}
