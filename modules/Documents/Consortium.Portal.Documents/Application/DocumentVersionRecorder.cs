using Consortium.Portal.Documents.Data;
using Consortium.Portal.Documents.Domain;
using Consortium.Portal.Notifications;
using Consortium.Portal.Platform.Blobs;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Validation;
using Consortium.Portal.Workspaces;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Consortium.Portal.Documents.Application;

/// <summary>
/// Makes versions of uploaded files once every file of the request is in blob storage (<see cref="ReceiveUpload"/>;
/// the API reads them with <c>UploadRequestBody</c>): the blob is written first, the metadata second, so there is never
/// a version without its content. A request is all or nothing: one refused file and every blob it stored is removed.
/// </summary>
internal sealed class DocumentVersionRecorder(
    DocumentsDbContext db,
    DocumentAccess access,
    DocumentLibrary library,
    DocumentVersionEvents versionEvents,
    VersionTextQueue textQueue,
    ILiveChanges live,
    IBlobStore blobs,
    TimeProvider clock,
    ILogger<DocumentVersionRecorder> logger,
    IValidator<RestoreVersionRequest> restores)
{
    /// <summary>Concurrent uploads to one document each take the next number; a loser reads again this many times.</summary>
    private const int MaxAttempts = 12;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>One or many files into a folder (or the workspace's top level); a file whose name is taken there becomes that document's new version.</summary>
    public async Task<IReadOnlyList<UploadedDocumentDto>> UploadToWorkspaceAsync(Guid workspaceId, Guid? folderId, ReceiveUpload receive, CancellationToken cancellationToken)
    {
        await access.RequireAsync(workspaceId, WorkspaceAction.Edit, "Workspace", workspaceId, cancellationToken);
        if (folderId is { } id && !await db.Folders.AnyAsync(f => f.Id == id && f.WorkspaceId == workspaceId, cancellationToken))
        {
            throw new EntityNotFoundException(nameof(Folder), id);
        }
        var (files, note) = await receive(null, cancellationToken);
        return await RecordAsync(files, async (file, attempt) =>
        {
            // A loser of a race for a new name finds the winner's document on its next attempt and adds a version to it.
            var key = Document.KeyOf(folderId, file.Name);
            var existing = await db.Documents.FirstOrDefaultAsync(d => d.WorkspaceId == workspaceId && d.NameKey == key, cancellationToken);
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
    public async Task<UploadedDocumentDto> UploadVersionAsync(Guid documentId, ReceiveUpload receive, CancellationToken cancellationToken)
    {
        var document = await library.FindDocumentAsync(documentId, WorkspaceAction.Edit, cancellationToken);
        if (document.IsLockedAgainst(access.UserId, Now))
        {
            throw await library.LockedExceptionAsync(document, cancellationToken);
        }
        var (files, note) = await receive(document.FileType, cancellationToken);
        var results = await RecordAsync(files, async (_, _) =>
        {
            var current = await db.Documents.FirstOrDefaultAsync(d => d.Id == documentId, cancellationToken)
                ?? throw new EntityNotFoundException(nameof(Document), documentId);
            return (current, false);
        }, note, cancellationToken);
        return results[0];
    }

    /// <summary>An older version's content becomes the newest version; nothing is copied in storage.</summary>
    public async Task<UploadedDocumentDto> RestoreVersionAsync(Guid documentId, int number, RestoreVersionRequest request, CancellationToken cancellationToken)
    {
        await restores.EnsureValidAsync(request, cancellationToken);
        await library.FindDocumentAsync(documentId, WorkspaceAction.Edit, cancellationToken);
        var source = await db.Versions.AsNoTracking().FirstOrDefaultAsync(v => v.DocumentId == documentId && v.Number == number, cancellationToken)
            ?? throw new EntityNotFoundException(nameof(DocumentVersion), $"{documentId}/{number}");
        var note = StagedBlobs.CleanNote(request.Note);
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
            await live.DocumentChangedAsync(document.Id, DocumentChanges.Version);
            return new UploadedDocumentDto(document.Id, document.Name, version.Number, IsNewDocument: false, ReusedExistingContent: true);
        }
    }

    private async Task<List<UploadedDocumentDto>> RecordAsync(
        IReadOnlyList<StagedFile> files,
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
                await StagedBlobs.DeleteQuietlyAsync(blobs, logger, redundantBlobs);
                foreach (var version in versions)
                {
                    textQueue.EnqueueIfPending(version);
                }
                foreach (var documentId in results.Where(r => !r.IsNewDocument).Select(r => r.DocumentId).Distinct())
                {
                    await live.DocumentChangedAsync(documentId, DocumentChanges.Version);
                }
                return results;
            }
        }
        catch
        {
            // Nothing was recorded: none of the request's blobs may stay (the cleanup job would find them, later).
            await StagedBlobs.DeleteQuietlyAsync(blobs, logger, files.Select(f => f.Blob.Name));
            throw;
        }
    }
}
