using System.Text.Json;
using Consortium.Portal.Documents.Data;
using Consortium.Portal.Documents.Domain;
using Consortium.Portal.Notifications;
using Consortium.Portal.Platform.Auditing;
using Consortium.Portal.Platform.Blobs;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Events;
using Consortium.Portal.Platform.Jobs;
using Consortium.Portal.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Consortium.Portal.Documents.Application;

/// <summary>
/// Deleting sends a document, or a folder with all it holds, to the workspace's recycle bin; from there it can be
/// restored until the retention ends, when <see cref="RecycleBinPurgeJob"/> removes the rows and the blobs no other
/// version uses.
/// </summary>
internal sealed class RecycleBin(
    DocumentsDbContext db,
    DocumentAccess access,
    DocumentLibrary library,
    DocumentPurge purge,
    IIntegrationEventPublisher events,
    ILiveChanges live,
    TimeProvider clock,
    IOptions<DocumentsOptions> options)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task DeleteDocumentAsync(Guid documentId, CancellationToken cancellationToken)
    {
        var document = await library.FindDocumentAsync(documentId, WorkspaceAction.Edit, cancellationToken, track: true);
        if (document.IsLockedAgainst(access.UserId, Now))
        {
            throw await library.LockedExceptionAsync(document, cancellationToken);
        }
        db.Documents.Remove(document);
        Activity(document.WorkspaceId, "Activity:DocumentDeleted", document.Name);
        await db.SaveChangesAsync(cancellationToken);
        await live.DocumentChangedAsync(document.Id, DocumentChanges.Details);
    }

    public async Task DeleteFolderAsync(Guid folderId, CancellationToken cancellationToken)
    {
        var folder = await db.Folders.FirstOrDefaultAsync(f => f.Id == folderId, cancellationToken)
            ?? throw new EntityNotFoundException(nameof(Folder), folderId);
        await access.RequireAsync(folder.WorkspaceId, WorkspaceAction.Edit, nameof(Folder), folderId, cancellationToken);
        var folders = await db.Folders.Where(f => f.WorkspaceId == folder.WorkspaceId).ToListAsync(cancellationToken);
        var inside = Descendants(folders, folderId);
        var documents = await db.Documents.Where(d => d.FolderId != null && inside.Contains(d.FolderId.Value)).ToListAsync(cancellationToken);
        if (documents.FirstOrDefault(d => d.IsLockedAgainst(access.UserId, Now)) is { } locked)
        {
            throw await library.LockedExceptionAsync(locked, cancellationToken);
        }
        foreach (var sub in folders.Where(f => inside.Contains(f.Id) && f.Id != folderId))
        {
            sub.RecycledWithFolderId = folderId;
            db.Folders.Remove(sub);
        }
        foreach (var document in documents)
        {
            document.RecycledWithFolderId = folderId;
            db.Documents.Remove(document);
        }
        db.Folders.Remove(folder);
        Activity(folder.WorkspaceId, "Activity:FolderDeleted", folder.Name);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<RecycledItemDto>> ListAsync(Guid workspaceId, CancellationToken cancellationToken)
    {
        await access.RequireAsync(workspaceId, WorkspaceAction.View, "Workspace", workspaceId, cancellationToken);
        var retention = options.Value.RecycleBinRetention;
        var folders = await db.Folders.IgnoreQueryFilters().AsNoTracking()
            .Where(f => f.WorkspaceId == workspaceId && f.IsDeleted && f.RecycledWithFolderId == null)
            .ToListAsync(cancellationToken);
        var documents = await db.Documents.IgnoreQueryFilters().AsNoTracking()
            .Where(d => d.WorkspaceId == workspaceId && d.IsDeleted && d.RecycledWithFolderId == null)
            .ToListAsync(cancellationToken);
        return folders.Select(f => new RecycledItemDto(f.Id, "folder", f.Name, f.ParentId, f.DeletedAtUtc!.Value, f.DeletedBy, f.DeletedAtUtc.Value + retention))
            .Concat(documents.Select(d => new RecycledItemDto(d.Id, "document", d.Name, d.FolderId, d.DeletedAtUtc!.Value, d.DeletedBy, d.DeletedAtUtc.Value + retention)))
            .OrderByDescending(i => i.DeletedAtUtc)
            .ToList();
    }

    public async Task RestoreDocumentAsync(Guid documentId, CancellationToken cancellationToken)
    {
        var document = await db.Documents.IgnoreQueryFilters().FirstOrDefaultAsync(d => d.Id == documentId && d.IsDeleted, cancellationToken)
            ?? throw new EntityNotFoundException(nameof(Document), documentId);
        await access.RequireAsync(document.WorkspaceId, WorkspaceAction.Edit, nameof(Document), documentId, cancellationToken);
        if (document.FolderId is { } folderId && !await db.Folders.AnyAsync(f => f.Id == folderId, cancellationToken))
        {
            // Its folder is gone or in the bin itself: the document comes back at the top.
            document.MoveTo(null);
        }
        document.Rename(await FreeNameAsync(document, cancellationToken));
        Undelete(document);
        Activity(document.WorkspaceId, "Activity:DocumentRestored", document.Name);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task RestoreFolderAsync(Guid folderId, CancellationToken cancellationToken)
    {
        var folder = await db.Folders.IgnoreQueryFilters().FirstOrDefaultAsync(f => f.Id == folderId && f.IsDeleted, cancellationToken)
            ?? throw new EntityNotFoundException(nameof(Folder), folderId);
        await access.RequireAsync(folder.WorkspaceId, WorkspaceAction.Edit, nameof(Folder), folderId, cancellationToken);
        if (folder.ParentId is { } parentId && !await db.Folders.AnyAsync(f => f.Id == parentId, cancellationToken))
        {
            folder.MoveTo(null);
        }
        var lower = folder.Name.ToLower();
        if (await db.Folders.AnyAsync(f => f.WorkspaceId == folder.WorkspaceId && f.ParentId == folder.ParentId && f.Name.ToLower() == lower, cancellationToken))
        {
            folder.Rename(FileNames.Clean($"{folder.Name} ({Now:yyyy-MM-dd HH.mm})", DocumentConsts.MaxFolderNameLength)!);
        }
        Undelete(folder);
        foreach (var sub in await db.Folders.IgnoreQueryFilters().Where(f => f.RecycledWithFolderId == folderId).ToListAsync(cancellationToken))
        {
            Undelete(sub);
        }
        foreach (var document in await db.Documents.IgnoreQueryFilters().Where(d => d.RecycledWithFolderId == folderId).ToListAsync(cancellationToken))
        {
            Undelete(document);
        }
        Activity(folder.WorkspaceId, "Activity:FolderRestored", folder.Name);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Purges everything in the workspace's bin now (Owners).</summary>
    public async Task<int> EmptyAsync(Guid workspaceId, CancellationToken cancellationToken)
    {
        await access.RequireAsync(workspaceId, WorkspaceAction.Manage, "Workspace", workspaceId, cancellationToken);
        return await purge.PurgeAsync(workspaceId, deletedBefore: DateTime.MaxValue, cancellationToken);
    }

    private async Task<string> FreeNameAsync(Document document, CancellationToken cancellationToken)
    {
        var extension = Path.GetExtension(document.Name);
        var stem = document.Name[..^extension.Length];
        var candidate = document.Name;
        for (var n = 2; await NameTakenAsync(document, candidate, cancellationToken); n++)
        {
            candidate = FileNames.Clean($"{stem} ({n}){extension}")!;
        }
        return candidate;
    }

    private Task<bool> NameTakenAsync(Document document, string name, CancellationToken cancellationToken)
    {
        var key = Document.KeyOf(document.FolderId, name);
        return db.Documents.AnyAsync(d => d.WorkspaceId == document.WorkspaceId && d.Id != document.Id && d.NameKey == key, cancellationToken);
    }

    private static void Undelete<T>(T item) where T : ISoftDelete, IRecyclable
    {
        item.IsDeleted = false;
        item.DeletedAtUtc = null;
        item.DeletedBy = null;
        item.RecycledWithFolderId = null;
    }

    private static HashSet<Guid> Descendants(List<Folder> folders, Guid folderId)
    {
        var result = new HashSet<Guid> { folderId };
        bool added;
        do
        {
            added = false;
            foreach (var f in folders)
            {
                if (f.ParentId is { } parent && result.Contains(parent) && result.Add(f.Id))
                {
                    added = true;
                }
            }
        }
        while (added);
        return result;
    }

    private void Activity(Guid workspaceId, string key, string name)
        => events.Publish(new WorkspaceActivityOccurred(workspaceId, access.UserId, DocumentsModuleName.Value, key,
            new Dictionary<string, string> { ["name"] = name }, DocumentLinks.WorkspaceDocuments(workspaceId), Now));
}

/// <summary>Removes binned documents and folders for good: their rows, then each blob no remaining version refers to.</summary>
internal sealed class DocumentPurge(DocumentsDbContext db, IBlobStore blobs, IAuditLog auditLog, ILogger<DocumentPurge> logger)
{
    /// <param name="workspaceId">One workspace's bin, or every bin when null.</param>
    public async Task<int> PurgeAsync(Guid? workspaceId, DateTime deletedBefore, CancellationToken cancellationToken)
    {
        var documents = db.Documents.IgnoreQueryFilters().Where(d => d.IsDeleted && d.DeletedAtUtc < deletedBefore);
        var folders = db.Folders.IgnoreQueryFilters().Where(f => f.IsDeleted && f.DeletedAtUtc < deletedBefore);
        if (workspaceId is { } ws)
        {
            documents = documents.Where(d => d.WorkspaceId == ws);
            folders = folders.Where(f => f.WorkspaceId == ws);
        }
        var doomed = await documents.Select(d => new { d.Id, d.WorkspaceId, d.Name }).ToListAsync(cancellationToken);
        var doomedIds = doomed.Select(d => d.Id).ToList();
        var blobNames = await db.Versions.Where(v => doomedIds.Contains(v.DocumentId)).Select(v => v.BlobName).Distinct().ToListAsync(cancellationToken);

        // Rows first: a blob left behind by a failure below has no metadata and the orphan cleanup removes it.
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            foreach (var chunk in doomedIds.Chunk(200))
            {
                await db.Documents.IgnoreQueryFilters().Where(d => chunk.Contains(d.Id)).ExecuteDeleteAsync(cancellationToken);
            }
            await folders.ExecuteDeleteAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        foreach (var chunk in blobNames.Chunk(200))
        {
            var stillUsed = await db.Versions.Where(v => chunk.Contains(v.BlobName)).Select(v => v.BlobName).Distinct().ToListAsync(cancellationToken);
            foreach (var name in chunk.Except(stillUsed))
            {
                try
                {
                    await blobs.DeleteAsync(DocumentsOptions.BlobContainer, name, cancellationToken);
                }
                catch (BlobStorageException e)
                {
                    logger.LogWarning(e, "Blob {Blob} of a purged document stays for the orphan cleanup", name);
                }
            }
        }
        foreach (var document in doomed)
        {
            await auditLog.WriteAsync(new AuditRecord("documents.document.purged", nameof(Document), document.Id.ToString(),
                JsonSerializer.Serialize(new { document.WorkspaceId, document.Name }), EntityName: document.Name), cancellationToken);
        }
        return doomed.Count;
    }
}
