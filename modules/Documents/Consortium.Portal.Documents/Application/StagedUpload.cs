using Consortium.Portal.Platform.Blobs;
using Microsoft.Extensions.Logging;

namespace Consortium.Portal.Documents.Application;

/// <summary>A file of an upload, already in blob storage and checked, not yet a version of any document.</summary>
internal sealed record StagedFile(string Name, DocumentFileTypeInfo Type, BlobProperties Blob);

/// <summary>The files of one upload request and the note for their versions.</summary>
internal sealed record StagedUpload(IReadOnlyList<StagedFile> Files, string? Note);

/// <summary>
/// Receives the files of an upload into blob storage, refusing any of another type than <c>expectedType</c>. The
/// recorder calls it only once the user may upload there, so a refused user's body is never read.
/// </summary>
internal delegate Task<StagedUpload> ReceiveUpload(DocumentFileType? expectedType, CancellationToken cancellationToken);

internal static class StagedBlobs
{
    /// <summary>Removes blobs of an upload that did not become versions; one that stays is removed by the orphan cleanup job.</summary>
    public static async Task DeleteQuietlyAsync(IBlobStore blobs, ILogger logger, IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            try
            {
                await blobs.DeleteAsync(DocumentsOptions.BlobContainer, name, CancellationToken.None);
            }
            catch (Exception e) when (e is BlobStorageException or IOException or InvalidBlobNameException)
            {
                logger.LogWarning(e, "Could not remove blob {Blob} of a refused upload", name);
            }
        }
    }

    /// <summary>A version's note as stored: trimmed, null when blank; refused when too long.</summary>
    public static string? CleanNote(string? note)
    {
        if (string.IsNullOrWhiteSpace(note))
        {
            return null;
        }
        note = note.Trim();
        return note.Length <= DocumentConsts.MaxNoteLength ? note : throw new UploadRefusedException("Upload:NoteTooLong", DocumentConsts.MaxNoteLength);
    }
}
