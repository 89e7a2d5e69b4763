using Consortium.Portal.Documents.Api;
using Consortium.Portal.Documents.Data;
using Microsoft.EntityFrameworkCore;

namespace Consortium.Portal.Documents.Application;

/// <summary>
/// The Contracts' <see cref="IDocumentStorage"/>: another module's file takes the upload's own path (staged with its
/// checks, then recorded as a version by <see cref="DocumentVersionRecorder"/>), so it is checked and kept like any upload.
/// </summary>
internal sealed class DocumentStorage(UploadRequestBody body, DocumentVersionRecorder recorder, DocumentsDbContext db) : IDocumentStorage
{
    public async Task<StoredDocumentDto> StoreAsync(Guid workspaceId, string fileName, Stream content, CancellationToken cancellationToken = default)
    {
        var stored = await recorder.UploadToWorkspaceAsync(workspaceId, null,
            async (expected, ct) => new StagedUpload([await body.StageAsync(fileName, content, expected, ct)], null), cancellationToken);
        var one = stored[0];
        return new StoredDocumentDto(one.DocumentId, workspaceId, one.Name, one.VersionNumber, one.IsNewDocument);
    }

    public async Task<StoredDocumentDto> StoreVersionAsync(Guid documentId, string fileName, Stream content, string? note = null, CancellationToken cancellationToken = default)
    {
        var cleanNote = StagedBlobs.CleanNote(note);
        var one = await recorder.UploadVersionAsync(documentId,
            async (expected, ct) => new StagedUpload([await body.StageAsync(fileName, content, expected, ct)], cleanNote), cancellationToken);
        var workspaceId = await db.Documents.AsNoTracking().Where(d => d.Id == documentId).Select(d => d.WorkspaceId).FirstAsync(cancellationToken);
        return new StoredDocumentDto(one.DocumentId, workspaceId, one.Name, one.VersionNumber, IsNewDocument: false);
    }
}
