using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace Consortium.Portal.Platform.Blobs;

/// <summary>
/// Blobs in Azure Blob Storage, a portal container per Azure container (behind an optional prefix).
/// Content is uploaded as staged blocks read from the caller's stream one block at a time, hashed on the way, and
/// committed in one call that carries the content type, the SHA-256 and the write condition. The condition matters:
/// without one a commit silently overwrites.
/// </summary>
public sealed class AzureBlobStore : IBlobStore, IDisposable
{
    public const string Sha256MetadataKey = "sha256";
    private const int BlockSize = 4 * 1024 * 1024;

    private readonly BlobServiceClient _service;
    private readonly HttpClientTransport _transport;
    private readonly string _containerPrefix;
    private readonly ConcurrentDictionary<string, bool> _createdContainers = new(StringComparer.Ordinal);

    public AzureBlobStore(string connectionString, string containerPrefix = "")
    {
        ValidateContainerPrefix(containerPrefix);
        _containerPrefix = containerPrefix;
        // A refused or silent endpoint must fail within seconds (the API answers 503), not after the SDK's default
        // minutes of retries; the network time-out stays long enough for one block on a slow link.
        _transport = new HttpClientTransport(new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(3),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        });
        var options = new BlobClientOptions { Transport = _transport };
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(1);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(60);
        _service = CreateClient(connectionString, options);
    }

    /// <summary>Checks <c>Blobs:Azure:ConnectionString</c> at start, so a malformed one does not wait for the first upload to show.</summary>
    public static void ValidateConnectionString(string connectionString) => CreateClient(connectionString, new BlobClientOptions());

    /// <summary>The prefix is put in front of every container name, so it follows the container rules itself.</summary>
    public static void ValidateContainerPrefix(string prefix)
    {
        if (prefix.Length == 0)
        {
            return;
        }
        try
        {
            BlobName.ValidateContainer(prefix + "abc");
        }
        catch (InvalidBlobNameException)
        {
            throw new InvalidOperationException(
                $"Blobs:Azure:ContainerPrefix '{prefix}' is not usable: it must be lower-case letters, digits and single hyphens, " +
                "start with a letter or digit, and leave room for container names within Azure's 63 characters (for example 'portal-').");
        }
    }

    public async Task<BlobProperties> PutAsync(string container, string name, Stream content, BlobPutOptions? options = null, CancellationToken cancellationToken = default)
    {
        var blobContainer = ContainerClient(container);
        BlobName.ValidateName(name);
        ArgumentNullException.ThrowIfNull(content);
        options ??= new BlobPutOptions();
        var conditions = options.Condition switch
        {
            BlobWriteCondition.CreateOnly => new BlobRequestConditions { IfNoneMatch = ETag.All },
            BlobWriteCondition.ReplaceIfUnchanged when !string.IsNullOrEmpty(options.IfMatchETag) => new BlobRequestConditions { IfMatch = HeaderETag(options.IfMatchETag) },
            BlobWriteCondition.ReplaceIfUnchanged => throw new ArgumentException("Replacing only an unchanged blob needs the ETag it was read with.", nameof(options)),
            _ => null,
        };

        await EnsureContainerAsync(blobContainer, cancellationToken);
        var blob = blobContainer.GetBlockBlobClient(name);

        // Block ids are unique to this upload: two uploads of the same name at once must not stage over each other's blocks.
        var uploadId = Guid.NewGuid();
        var blockIds = new List<string>();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BlockSize);
        long length = 0;
        try
        {
            while (true)
            {
                var filled = await content.ReadAtLeastAsync(buffer.AsMemory(0, BlockSize), BlockSize, throwOnEndOfStream: false, cancellationToken);
                if (filled == 0)
                {
                    break;
                }
                hash.AppendData(buffer, 0, filled);
                var blockId = BlockId(uploadId, blockIds.Count);
                // Seekable, so the SDK can resend the block when it retries.
                using var block = new MemoryStream(buffer, 0, filled, writable: false);
                await CallAsync(() => blob.StageBlockAsync(blockId, block, options: null, cancellationToken), cancellationToken);
                blockIds.Add(blockId);
                length += filled;
                if (filled < BlockSize)
                {
                    break;
                }
            }
        }
        catch (BlobStorageException e) when (IsContainerNotFound(e))
        {
            ForgetContainer(blobContainer);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        var sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
        try
        {
            var committed = await CallAsync(() => blob.CommitBlockListAsync(blockIds, new CommitBlockListOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = options.ContentType },
                Metadata = new Dictionary<string, string> { [Sha256MetadataKey] = sha256 },
                Conditions = conditions,
            }, cancellationToken), cancellationToken);
            return new BlobProperties(container, name, length, options.ContentType, sha256, committed.Value.ETag.ToString("H"), committed.Value.LastModified);
        }
        catch (BlobStorageException e) when (e.InnerException is RequestFailedException { Status: 409 or 412 } && options.Condition == BlobWriteCondition.CreateOnly)
        {
            throw new BlobAlreadyExistsException(container, name);
        }
        catch (BlobStorageException e) when (e.InnerException is RequestFailedException { Status: 412 or 404 } && options.Condition == BlobWriteCondition.ReplaceIfUnchanged)
        {
            throw new BlobConditionFailedException(container, name);
        }
        catch (BlobStorageException e) when (IsContainerNotFound(e))
        {
            ForgetContainer(blobContainer);
            throw;
        }
    }

    public async Task<BlobDownload?> OpenReadAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        var blob = ContainerClient(container).GetBlobClient(ValidName(name));
        try
        {
            var download = await CallAsync(() => blob.DownloadStreamingAsync(options: null, cancellationToken), cancellationToken);
            var details = download.Value.Details;
            var properties = new BlobProperties(container, name, details.ContentLength, details.ContentType, Sha256Of(details.Metadata), details.ETag.ToString("H"), details.LastModified);
            return new BlobDownload(properties, download.Value.Content);
        }
        catch (BlobStorageException e) when (e.InnerException is RequestFailedException { Status: 404 })
        {
            return null;
        }
    }

    public async Task<BlobProperties?> GetPropertiesAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        var blob = ContainerClient(container).GetBlobClient(ValidName(name));
        try
        {
            var properties = (await CallAsync(() => blob.GetPropertiesAsync(conditions: null, cancellationToken), cancellationToken)).Value;
            return new BlobProperties(container, name, properties.ContentLength, properties.ContentType, Sha256Of(properties.Metadata), properties.ETag.ToString("H"), properties.LastModified);
        }
        catch (BlobStorageException e) when (e.InnerException is RequestFailedException { Status: 404 })
        {
            return null;
        }
    }

    public async Task<bool> ExistsAsync(string container, string name, CancellationToken cancellationToken = default)
        => await GetPropertiesAsync(container, name, cancellationToken) is not null;

    public async Task<bool> DeleteAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        var blob = ContainerClient(container).GetBlobClient(ValidName(name));
        try
        {
            var deleted = await CallAsync(() => blob.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, conditions: null, cancellationToken), cancellationToken);
            return deleted.Value;
        }
        catch (BlobStorageException e) when (e.InnerException is RequestFailedException { Status: 404 })
        {
            return false;
        }
    }

    public async IAsyncEnumerable<BlobProperties> ListAsync(string container, string? prefix = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var blobContainer = ContainerClient(container);
        var options = new GetBlobsOptions { Traits = BlobTraits.Metadata, Prefix = string.IsNullOrEmpty(prefix) ? null : prefix };
        await using var items = blobContainer.GetBlobsAsync(options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await CallAsync(() => items.MoveNextAsync().AsTask(), cancellationToken))
                {
                    yield break;
                }
            }
            catch (BlobStorageException e) when (e.InnerException is RequestFailedException { Status: 404 })
            {
                // The container was never written to.
                yield break;
            }
            var item = items.Current;
            yield return new BlobProperties(
                container,
                item.Name,
                item.Properties.ContentLength ?? 0,
                item.Properties.ContentType ?? "application/octet-stream",
                Sha256Of(item.Metadata),
                item.Properties.ETag?.ToString("H") ?? "",
                item.Properties.LastModified ?? DateTimeOffset.MinValue);
        }
    }

    public async Task CheckAvailabilityAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await CallAsync(() => _service.GetPropertiesAsync(cancellationToken), cancellationToken);
        }
        catch (BlobStorageException e) when (e is not BlobStorageUnavailableException)
        {
            // The storage answered but refused (for example wrong credentials): for the portal it is just as unusable.
            throw new BlobStorageUnavailableException($"Azure Blob Storage refused the availability check: {e.InnerException?.Message ?? e.Message}", e);
        }
    }

    public void Dispose() => _transport.Dispose();

    private BlobContainerClient ContainerClient(string container)
    {
        BlobName.ValidateContainer(container);
        // The prefix can push a valid name past 63 characters.
        BlobName.ValidateContainer(_containerPrefix + container);
        return _service.GetBlobContainerClient(_containerPrefix + container);
    }

    private async Task EnsureContainerAsync(BlobContainerClient container, CancellationToken cancellationToken)
    {
        if (_createdContainers.ContainsKey(container.Name))
        {
            return;
        }
        await CallAsync(() => container.CreateIfNotExistsAsync(PublicAccessType.None, metadata: null, cancellationToken), cancellationToken);
        _createdContainers.TryAdd(container.Name, true);
    }

    /// <summary>Someone removed the container behind the store's back: the next write creates it again.</summary>
    private void ForgetContainer(BlobContainerClient container) => _createdContainers.TryRemove(container.Name, out _);

    private static bool IsContainerNotFound(BlobStorageException e)
        => e.InnerException is RequestFailedException { ErrorCode: nameof(BlobErrorCode.ContainerNotFound) };

    /// <summary>Runs one storage call and turns its failures into the store's exceptions: unreachable storage into
    /// <see cref="BlobStorageUnavailableException"/>, any other refusal into a <see cref="BlobStorageException"/> around it.</summary>
    private static async Task<T> CallAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (IsUnreachable(e, cancellationToken))
        {
            throw new BlobStorageUnavailableException($"Azure Blob Storage cannot be reached: {e.Message}", e);
        }
        catch (RequestFailedException e)
        {
            throw new BlobStorageException($"Azure Blob Storage refused the request ({e.Status} {e.ErrorCode}).", e);
        }
    }

    private static bool IsUnreachable(Exception e, CancellationToken cancellationToken) => e switch
    {
        RequestFailedException r => r.Status is 0 or 408 or >= 500,
        HttpRequestException or TimeoutException or IOException => true,
        // The SDK's network time-out surfaces as a cancellation the caller did not ask for.
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        // What the retry policy throws once every attempt failed.
        AggregateException a => a.InnerExceptions.Count > 0 && a.InnerExceptions.All(inner => IsUnreachable(inner, cancellationToken)),
        _ => false,
    };

    private static BlobServiceClient CreateClient(string connectionString, BlobClientOptions options)
    {
        try
        {
            return new BlobServiceClient(connectionString, options);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            // The message leaves the connection string out: it holds the account key.
            throw new InvalidOperationException(
                "Blobs:Azure:ConnectionString is not a valid Azure Storage connection string " +
                "(expected 'DefaultEndpointsProtocol=https;AccountName=...;AccountKey=...;EndpointSuffix=core.windows.net').", e);
        }
    }

    private static string ValidName(string name)
    {
        BlobName.ValidateName(name);
        return name;
    }

    private static string BlockId(Guid uploadId, int index)
    {
        Span<byte> id = stackalloc byte[20];
        uploadId.TryWriteBytes(id);
        BinaryPrimitives.WriteInt32BigEndian(id[16..], index);
        return Convert.ToBase64String(id);
    }

    /// <summary>The SDK sends an ETag as given; the service expects the quoted header form.</summary>
    private static ETag HeaderETag(string etag)
    {
        var trimmed = etag.Trim();
        return new ETag(trimmed.StartsWith('"') || trimmed.StartsWith("W/", StringComparison.Ordinal) ? trimmed : $"\"{trimmed}\"");
    }

    private static string Sha256Of(IDictionary<string, string>? metadata)
        => metadata is not null && metadata.TryGetValue(Sha256MetadataKey, out var sha256) ? sha256 : "";
}
