namespace Consortium.Portal.Platform.Blobs;

public class BlobStorageException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A container or blob name that is not a valid storage key (for example one that tries to leave its folder).</summary>
public sealed class InvalidBlobNameException(string name, string reason)
    : BlobStorageException($"'{name}' is not a valid blob name: {reason}")
{
    public string BlobName { get; } = name;
}

public sealed class BlobAlreadyExistsException(string container, string name)
    : BlobStorageException($"Blob '{container}/{name}' exists already.");

public sealed class BlobConditionFailedException(string container, string name)
    : BlobStorageException($"Blob '{container}/{name}' was changed or removed by someone else.");

/// <summary>The storage could not be reached; the API answers 503 and nothing is recorded.</summary>
public sealed class BlobStorageUnavailableException(string message, Exception? inner = null)
    : BlobStorageException(message, inner);
