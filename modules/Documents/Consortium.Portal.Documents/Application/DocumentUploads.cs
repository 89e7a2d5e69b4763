using Consortium.Portal.Documents.Data;
using Consortium.Portal.Documents.Domain;
using Consortium.Portal.Platform.Blobs;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Events;
using Consortium.Portal.Workspaces;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Consortium.Portal.Documents.Application;

/// <summary>
/// Uploads, streamed from the request to blob storage section by section (never buffered whole), checked on the way,
/// and recorded only once every file of the request is stored: the blob is written first, the metadata second, so
/// there is never a version without its content. A request is all or nothing: one refused file and every blob it
/// stored is removed.
/// </summary>
internal sealed class DocumentUploads(
    DocumentsDbContext db,
    DocumentAccess access,
    DocumentLibrary library,
    DocumentVersionEvents versionEvents,
    VersionTextQueue textQueue,
    IBlobStore blobs,
    TimeProvider clock,
    IOptions<DocumentsOptions> options,
    ILogger<DocumentUploads> logger)
{
    /// <summary>Concurrent uploads to one document each take the next number; a loser reads again this many times.</summary>
    private const int MaxAttempts = 12;
    private const string NoteField = "note";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>One or many files into a folder (or the workspace's top level); a file whose name is taken there becomes that document's new version.</summary>
    public async Task<IReadOnlyList<UploadedDocumentDto>> UploadToWorkspaceAsync(Guid workspaceId, Guid? folderId, HttpRequest request, CancellationToken cancellationToken)
    {
        await access.RequireAsync(workspaceId, WorkspaceAction.Edit, "Workspace", workspaceId, cancellationToken);
        if (folderId is { } id && !await db.Folders.AnyAsync(f => f.Id == id && f.WorkspaceId == workspaceId, cancellationToken))
        {
            throw new EntityNotFoundException(nameof(Folder), id);
        }
        var (files, note) = await ReceiveAsync(request, singleFile: false, cancellationToken);
        return await RecordAsync(files, async (file, attempt) =>
        {
            var lower = file.Name.ToLower();
            var existing = await db.Documents.FirstOrDefaultAsync(
                d => d.WorkspaceId == workspaceId && d.FolderId == folderId && d.Name.ToLower() == lower, cancellationToken);
            if (existing is null)
            {
                var document = new Document(workspaceId, folderId, file.Name, file.Type.Type);
                db.Documents.Add(document);
                return (document, true);
            }
            if (existing.FileType != file.Type.Type)
            {
                throw new UploadRefusedException(UploadRefusals.TypeDiffers, file.Name, DocumentFileTypes.Get(existing.FileType).Extensions[0]);
            }
            return (existing, false);
        }, note, cancellationToken);
    }

    /// <summary>One file as the next version of a document; its type must stay the document's.</summary>
    public async Task<UploadedDocumentDto> UploadVersionAsync(Guid documentId, HttpRequest request, CancellationToken cancellationToken)
    {
        var document = await library.FindDocumentAsync(documentId, WorkspaceAction.Edit, cancellationToken);
        if (document.IsLockedAgainst(access.UserId, Now))
        {
            throw await library.LockedExceptionAsync(document, cancellationToken);
        }
        var (files, note) = await ReceiveAsync(request, singleFile: true, cancellationToken, expectedType: document.FileType);
        var results = await RecordAsync(files, async (_, _) =>
        {
            var current = await db.Documents.FirstOrDefaultAsync(d => d.Id == documentId, cancellationToken)
                ?? throw new EntityNotFoundException(nameof(Document), documentId);
            return (current, false);
        }, note, cancellationToken);
        return results[0];
    }

    /// <summary>An older version's content becomes the newest version; nothing is copied in storage.</summary>
    public async Task<UploadedDocumentDto> RestoreVersionAsync(Guid documentId, int number, string? note, CancellationToken cancellationToken)
    {
        await library.FindDocumentAsync(documentId, WorkspaceAction.Edit, cancellationToken);
        var source = await db.Versions.AsNoTracking().FirstOrDefaultAsync(v => v.DocumentId == documentId && v.Number == number, cancellationToken)
            ?? throw new EntityNotFoundException(nameof(DocumentVersion), $"{documentId}/{number}");
        note = CleanNote(note);
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var document = await db.Documents.FirstAsync(d => d.Id == documentId, cancellationToken);
            if (document.IsLockedAgainst(access.UserId, Now))
            {
                throw await library.LockedExceptionAsync(document, cancellationToken);
            }
            var version = document.AddVersion(source.Content, access.UserId, Now, note, restoredFromNumber: number);
            db.Versions.Add(version);
            var sourceText = await db.VersionTexts.AsNoTracking().FirstOrDefaultAsync(t => t.VersionId == source.Id, cancellationToken);
            if (sourceText is not null)
            {
                db.VersionTexts.Add(new VersionText { VersionId = version.Id, Text = sourceText.Text, ExtractedAtUtc = Now });
                version.TextState = VersionTextState.Extracted;
            }
            await versionEvents.PublishAsync(document, version, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                continue;
            }
            textQueue.EnqueueIfPending(version);
            return new UploadedDocumentDto(document.Id, document.Name, version.Number, IsNewDocument: false, ReusedExistingContent: true);
        }
    }

    private const int MultipartBufferSize = 64 * 1024;

    private sealed record StagedFile(string Name, DocumentFileTypeInfo Type, BlobProperties Blob);

    /// <summary>
    /// Reads the files of a request. A multipart/form-data body is read section by section, each file streaming into a
    /// blob of its own as it arrives (and a field called "note" taken as the note). Any other body is one file's bytes,
    /// named by the request's Content-Disposition header, with the note in the query: the simplest request a script
    /// can send, and the cheapest to receive, as nothing has to be searched for part boundaries.
    /// </summary>
    private async Task<(List<StagedFile> Files, string? Note)> ReceiveAsync(
        HttpRequest request, bool singleFile, CancellationToken cancellationToken, DocumentFileType? expectedType = null)
    {
        // The limit that counts is the per-file one below, enforced while streaming; the server's own would cut a large file short.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
        {
            sizeLimit.MaxRequestBodySize = null;
        }
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return await ReceiveBodyAsync(request, expectedType, cancellationToken);
        }
        if (HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 and <= 70 } boundary)
        {
            throw new UploadRefusedException(UploadRefusals.NoBoundary);
        }

        // MultipartReader's default 4 KB buffer would hand a 1 GB file over in a quarter of a million small reads.
        var reader = new MultipartReader(boundary, request.Body, MultipartBufferSize);
        var staged = new List<StagedFile>();
        string? note = null;
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                {
                    continue;
                }
                if (disposition.IsFileDisposition())
                {
                    if (singleFile && staged.Count == 1)
                    {
                        throw new UploadRefusedException(UploadRefusals.OneFileOnly);
                    }
                    var rawName = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                    staged.Add(await StageAsync(rawName, section.Body, expectedType, cancellationToken));
                }
                else if (disposition.IsFormDisposition() && HeaderUtilities.RemoveQuotes(disposition.Name).Value == NoteField)
                {
                    note = CleanNote(await ReadFieldAsync(section.Body, DocumentConsts.MaxNoteLength, cancellationToken));
                }
            }
            if (staged.Count == 0)
            {
                throw new UploadRefusedException(UploadRefusals.NoFile);
            }
            return (staged, note);
        }
        catch
        {
            await DeleteQuietlyAsync(staged.Select(s => s.Blob.Name));
            throw;
        }
    }

    /// <summary>The whole body is the file; see <see cref="ReceiveAsync"/>.</summary>
    private async Task<(List<StagedFile> Files, string? Note)> ReceiveBodyAsync(
        HttpRequest request, DocumentFileType? expectedType, CancellationToken cancellationToken)
    {
        string? rawName = null;
        if (ContentDispositionHeaderValue.TryParse(request.Headers.ContentDisposition.ToString(), out var disposition))
        {
            rawName = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
        }
        // Required for a new version too: a header is something a cross-site HTML form cannot send.
        if (rawName is null)
        {
            throw new UploadRefusedException(UploadRefusals.NameMissing);
        }
        // Checked before the body is read: a refused note must not cost the upload of the file.
        var note = CleanNote(request.Query[NoteField].ToString());
        var file = await StageAsync(rawName, request.Body, expectedType, cancellationToken);
        return ([file], note);
    }

    private async Task<StagedFile> StageAsync(string? rawName, Stream content, DocumentFileType? expectedType, CancellationToken cancellationToken)
    {
        var name = FileNames.Clean(rawName) ?? throw new UploadRefusedException(UploadRefusals.NameInvalid);
        if (!DocumentFileTypes.TryFromFileName(name, out var type))
        {
            throw new UploadRefusedException(UploadRefusals.TypeNotAllowed, name, DocumentFileTypes.AllowedExtensions);
        }
        if (expectedType is { } expected && expected != type.Type)
        {
            throw new UploadRefusedException(UploadRefusals.TypeDiffers, name, DocumentFileTypes.Get(expected).Extensions[0]);
        }
        var blobName = BlobName.New(clock.GetUtcNow());
        var check = new FileContentCheck(type, options.Value.MaxUploadBytes);
        try
        {
            var blob = await blobs.PutAsync(DocumentsOptions.BlobContainer, blobName, new CheckedUploadStream(content, check),
                new BlobPutOptions { ContentType = type.ContentType, Condition = BlobWriteCondition.CreateOnly }, cancellationToken);
            return new StagedFile(name, type, blob);
        }
        catch (UploadRefusedException)
        {
            // The store publishes nothing when the stream fails; this covers a provider that kept a partial blob.
            await DeleteQuietlyAsync([blobName]);
            throw;
        }
    }

    private async Task<List<UploadedDocumentDto>> RecordAsync(
        List<StagedFile> files,
        Func<StagedFile, int, Task<(Document Document, bool IsNew)>> documentFor,
        string? note,
        CancellationToken cancellationToken)
    {
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                db.ChangeTracker.Clear();
                var results = new List<UploadedDocumentDto>();
                var redundantBlobs = new List<string>();
                var versions = new List<DocumentVersion>();
                var byHash = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var file in files)
                {
                    var (document, isNew) = await documentFor(file, attempt);
                    if (document.IsLockedAgainst(access.UserId, Now))
                    {
                        throw await library.LockedExceptionAsync(document, cancellationToken);
                    }
                    var blobName = byHash.GetValueOrDefault(file.Blob.Sha256)
                        ?? await db.Versions.AsNoTracking()
                            .Where(v => v.WorkspaceId == document.WorkspaceId && v.Sha256 == file.Blob.Sha256 && v.Size == file.Blob.Length)
                            .Select(v => v.BlobName)
                            .FirstOrDefaultAsync(cancellationToken);
                    var reused = blobName is not null;
                    if (reused)
                    {
                        redundantBlobs.Add(file.Blob.Name);
                    }
                    blobName ??= file.Blob.Name;
                    byHash[file.Blob.Sha256] = blobName;

                    var version = document.AddVersion(
                        new VersionContent(blobName, file.Name, file.Blob.Length, file.Blob.Sha256, file.Type.ContentType),
                        access.UserId, Now, note);
                    db.Versions.Add(version);
                    versions.Add(version);
                    await versionEvents.PublishAsync(document, version, cancellationToken);
                    results.Add(new UploadedDocumentDto(document.Id, document.Name, version.Number, isNew, reused));
                }
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateException e) when (attempt < MaxAttempts)
                {
                    logger.LogDebug(e, "Upload lost a race for a version number (attempt {Attempt}); reading again", attempt);
                    await Task.Delay(Random.Shared.Next(5, 20 * attempt), cancellationToken);
                    continue;
                }
                await DeleteQuietlyAsync(redundantBlobs);
                foreach (var version in versions)
                {
                    textQueue.EnqueueIfPending(version);
                }
                return results;
            }
        }
        catch
        {
            // Nothing was recorded: none of the request's blobs may stay (the cleanup job would find them, later).
            await DeleteQuietlyAsync(files.Select(f => f.Blob.Name));
            throw;
        }
    }

    private static async Task<string> ReadFieldAsync(Stream body, int maxLength, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body, leaveOpen: true);
        var buffer = new char[maxLength + 1];
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken);
        if (read > maxLength)
        {
            throw new UploadRefusedException("Upload:NoteTooLong", maxLength);
        }
        return new string(buffer, 0, read);
    }

    private static string? CleanNote(string? note)
    {
        if (string.IsNullOrWhiteSpace(note))
        {
            return null;
        }
        note = note.Trim();
        return note.Length <= DocumentConsts.MaxNoteLength ? note : throw new UploadRefusedException("Upload:NoteTooLong", DocumentConsts.MaxNoteLength);
    }

    private async Task DeleteQuietlyAsync(IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            try
            {
                await blobs.DeleteAsync(DocumentsOptions.BlobContainer, name, CancellationToken.None);
            }
            catch (Exception e) when (e is BlobStorageException or IOException or InvalidBlobNameException)
            {
                // The orphan cleanup job removes it later.
                logger.LogWarning(e, "Could not remove blob {Blob} of a refused upload", name);
            }
        }
    }
}
