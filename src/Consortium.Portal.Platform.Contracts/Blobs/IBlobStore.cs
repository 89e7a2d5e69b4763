namespace Consortium.Portal.Platform.Blobs;

/// <summary>
/// Where files live: the local file system by default, Azure Blob Storage in production.
/// Content is streamed in both directions, never loaded whole into memory, and every blob carries
/// the SHA-256 of its content, computed while it is written.
/// Blob names are storage keys made by the server (<see cref="BlobName.New"/>); a user's file name
/// is never used as a key.
/// </summary>
public interface IBlobStore
{
    /// <summary>Writes <paramref name="content"/> under <paramref name="container"/>/<paramref name="name"/>.</summary>
    /// <exception cref="BlobAlreadyExistsException">the condition is <see cref="BlobWriteCondition.CreateOnly"/> and the blob exists.</exception>
    /// <exception cref="BlobConditionFailedException">the condition names an ETag the blob no longer has, or the blob is gone.</exception>
    /// <exception cref="BlobStorageUnavailableException">the storage cannot be reached.</exception>
    Task<BlobProperties> PutAsync(string container, string name, Stream content, BlobPutOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Opens the blob for reading; null when it does not exist. The caller disposes the stream.</summary>
    Task<BlobDownload?> OpenReadAsync(string container, string name, CancellationToken cancellationToken = default);

    /// <summary>The blob's properties; null when it does not exist.</summary>
    Task<BlobProperties?> GetPropertiesAsync(string container, string name, CancellationToken cancellationToken = default);

    Task<bool> ExistsAsync(string container, string name, CancellationToken cancellationToken = default);

    /// <summary>Deletes the blob; returns false when there was nothing to delete.</summary>
    Task<bool> DeleteAsync(string container, string name, CancellationToken cancellationToken = default);

    /// <summary>Every blob of a container whose name starts with <paramref name="prefix"/>, in name order.</summary>
    IAsyncEnumerable<BlobProperties> ListAsync(string container, string? prefix = null, CancellationToken cancellationToken = default);

    /// <summary>A cheap round trip that proves the storage answers (used by the readiness check).</summary>
    Task CheckAvailabilityAsync(CancellationToken cancellationToken = default);
}

public enum BlobWriteCondition
{
    /// <summary>Create or overwrite.</summary>
    None,
    /// <summary>Fail when the blob exists already.</summary>
    CreateOnly,
    /// <summary>Replace only when the blob still has <see cref="BlobPutOptions.IfMatchETag"/>.</summary>
    ReplaceIfUnchanged,
}

public sealed record BlobPutOptions
{
    public string ContentType { get; init; } = "application/octet-stream";
    public BlobWriteCondition Condition { get; init; } = BlobWriteCondition.None;
    /// <summary>Required with <see cref="BlobWriteCondition.ReplaceIfUnchanged"/>.</summary>
    public string? IfMatchETag { get; init; }
}

public sealed record BlobProperties(
    string Container,
    string Name,
    long Length,
    string ContentType,
    /// <summary>Lower-case hex SHA-256 of the content.</summary>
    string Sha256,
    string ETag,
    DateTimeOffset LastModified);

public sealed class BlobDownload(BlobProperties properties, Stream content) : IAsyncDisposable, IDisposable
{
    public BlobProperties Properties { get; } = properties;
    public Stream Content { get; } = content;
    public ValueTask DisposeAsync() => Content.DisposeAsync();
    public void Dispose() => Content.Dispose();
}
