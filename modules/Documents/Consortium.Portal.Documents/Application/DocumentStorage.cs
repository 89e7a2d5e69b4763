using System.Security.Claims;
using System.Text.Json;
using Consortium.Portal.Documents.Api;
using Consortium.Portal.Documents.Data;
using Consortium.Portal.Documents.Domain;
using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace Consortium.Portal.Documents.Application;

/// <summary>
/// The Contracts' <see cref="IDocumentStorage"/>: another module's file takes the upload's own path (staged with its
/// checks, then recorded as a version by <see cref="DocumentVersionRecorder"/>), so it is checked and kept like any upload.
/// </summary>
internal sealed class DocumentStorage(
    UploadRequestBody body,
    DocumentVersionRecorder recorder,
    DocumentsDbContext db,
    DocumentAccess access,
    DocumentLibrary library,
    CurrentPrincipal principal,
    SharedTransaction sharedTransaction,
    TimeProvider clock) : IDocumentStorage
{
    /// <summary>The user name the audit log records for what the system did on someone's behalf.</summary>
    public const string SystemUserName = "system";

    public const string StoredForUserAction = "documents.stored-for-user";

    public async Task<StoredDocumentDto> StoreAsync(Guid workspaceId, string fileName, Stream content, CancellationToken cancellationToken = default)
        => await StoreInAsync(workspaceId, null, fileName, content, cancellationToken);

    public async Task<StoredDocumentDto> StoreForUserAsync(Guid userId, Guid workspaceId, string? folderName, string fileName, Stream content, CancellationToken cancellationToken = default)
    {
        // The scope's principal becomes the user, marked as the system: every check is theirs, and every line the saves
        // write to the audit log carries their id with "system" as the name. The scope's own principal comes back after.
        var previous = principal.Principal;
        principal.Principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, userId.ToString()), new Claim(ClaimTypes.Name, SystemUserName)], "portal-system"));
        try
        {
            await sharedTransaction.JoinAsync(db, cancellationToken);
            await access.RequireAsync(workspaceId, WorkspaceAction.Edit, "Workspace", workspaceId, cancellationToken);
            var folderId = folderName is null ? null : (Guid?)await FolderAsync(workspaceId, folderName, cancellationToken);
            var stored = await StoreInAsync(workspaceId, folderId, fileName, content, cancellationToken);
            db.Set<AuditLogEntry>().Add(new AuditLogEntry
            {
                Id = Guid.CreateVersion7(),
                AtUtc = clock.GetUtcNow().UtcDateTime,
                UserId = userId,
                UserName = SystemUserName,
                Action = StoredForUserAction,
                EntityType = nameof(Document),
                EntityId = stored.DocumentId.ToString(),
                EntityName = stored.Name,
                Details = JsonSerializer.Serialize(new { workspaceId, folderId, stored.VersionNumber, actor = SystemUserName, onBehalfOf = userId }),
            });
            await db.SaveChangesAsync(cancellationToken);
            return stored;
        }
        finally
        {
            principal.Principal = previous;
        }
    }

    public async Task<StoredDocumentDto> StoreVersionAsync(Guid documentId, string fileName, Stream content, string? note = null, CancellationToken cancellationToken = default)
    {
        var cleanNote = StagedBlobs.CleanNote(note);
        var one = await recorder.UploadVersionAsync(documentId,
            async (expected, ct) => new StagedUpload([await body.StageAsync(fileName, content, expected, ct)], cleanNote), cancellationToken);
        var workspaceId = await db.Documents.AsNoTracking().Where(d => d.Id == documentId).Select(d => d.WorkspaceId).FirstAsync(cancellationToken);
        return new StoredDocumentDto(one.DocumentId, workspaceId, one.Name, one.VersionNumber, IsNewDocument: false);
    }

    private async Task<StoredDocumentDto> StoreInAsync(Guid workspaceId, Guid? folderId, string fileName, Stream content, CancellationToken cancellationToken)
    {
        var stored = await recorder.UploadToWorkspaceAsync(workspaceId, folderId,
            async (expected, ct) => new StagedUpload([await body.StageAsync(fileName, content, expected, ct)], null), cancellationToken);
        var one = stored[0];
        return new StoredDocumentDto(one.DocumentId, workspaceId, one.Name, one.VersionNumber, one.IsNewDocument);
    }

    /// <summary>The top-level folder of that name (the oldest, should two have been made at once), made when missing.</summary>
    private async Task<Guid> FolderAsync(Guid workspaceId, string name, CancellationToken cancellationToken)
    {
        var lower = name.ToLower();
        Task<Guid?> FindAsync() => db.Folders.AsNoTracking()
            .Where(f => f.WorkspaceId == workspaceId && f.ParentId == null && f.Name.ToLower() == lower)
            .OrderBy(f => f.CreatedAtUtc).Select(f => (Guid?)f.Id).FirstOrDefaultAsync(cancellationToken);
        if (await FindAsync() is { } existing)
        {
            return existing;
        }
        try
        {
            return (await library.CreateFolderAsync(workspaceId, new CreateFolderRequest(name, null), cancellationToken)).Id;
        }
        catch (DomainRuleException)
        {
            // Made meanwhile by someone else: that one is the folder.
            if (await FindAsync() is { } made)
            {
                return made;
            }
            throw;
        }
    }
}
