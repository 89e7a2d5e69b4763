using Consortium.Portal.Documents.Data;
using Consortium.Portal.Documents.Domain;
using Consortium.Portal.Platform.Blobs;
using Microsoft.EntityFrameworkCore;

namespace Consortium.Portal.Documents.Application;

/// <summary>The Contracts' <see cref="IDocumentFiles"/>: reads for other modules, with no access check of its own.</summary>
internal sealed class DocumentFiles(DocumentsDbContext db, VersionTexts texts, VersionTextExtractionJob extraction, IBlobStore blobs) : IDocumentFiles
{
    public async Task<IReadOnlyList<DocumentFileSummaryDto>> ListAsync(Guid workspaceId, CancellationToken cancellationToken = default)
        => await db.Documents.AsNoTracking().Where(d => d.WorkspaceId == workspaceId).OrderBy(d => d.Name)
            .Select(d => new DocumentFileSummaryDto(d.Id, d.Name, d.FileType, d.LatestVersionNumber)).ToListAsync(cancellationToken);

    public async Task<DocumentFileDto?> FindAsync(Guid documentId, CancellationToken cancellationToken = default)
    {
        var document = await db.Documents.AsNoTracking().FirstOrDefaultAsync(d => d.Id == documentId, cancellationToken);
        if (document is null)
        {
            return null;
        }
        var versions = await db.Versions.AsNoTracking().Where(v => v.DocumentId == documentId).OrderByDescending(v => v.Number).ToListAsync(cancellationToken);
        return new DocumentFileDto(document.Id, document.WorkspaceId, document.Name, document.FileType, document.LatestVersionNumber,
            versions.Select(ToDto).ToList());
    }

    public async Task<string?> ReadTextAsync(Guid documentId, int versionNumber, CancellationToken cancellationToken = default)
    {
        var (document, version) = await FindVersionAsync(documentId, versionNumber, cancellationToken);
        if (document is null || version is null)
        {
            return null;
        }
        if (version.TextState == VersionTextState.Pending && !DocumentFileTypes.Get(document.FileType).IsOwnText)
        {
            // The caller needs the text now (a check before publishing): run the job's extraction rather than wait for it.
            await extraction.ExtractAsync(version.Id, cancellationToken);
            version = await db.Versions.AsNoTracking().FirstAsync(v => v.Id == version.Id, cancellationToken);
        }
        return version.TextState == VersionTextState.Failed ? null : await texts.GetAsync(version, document.FileType, cancellationToken);
    }

    public async Task<DocumentFileContent?> OpenAsync(Guid documentId, int versionNumber, CancellationToken cancellationToken = default)
    {
        var (document, version) = await FindVersionAsync(documentId, versionNumber, cancellationToken);
        if (document is null || version is null)
        {
            return null;
        }
        var download = await blobs.OpenReadAsync(DocumentsOptions.BlobContainer, version.BlobName, cancellationToken);
        return download is null ? null : new DocumentFileContent(ToDto(version), version.FileName, download.Content);
    }

    private async Task<(Document?, DocumentVersion?)> FindVersionAsync(Guid documentId, int number, CancellationToken cancellationToken)
    {
        var document = await db.Documents.AsNoTracking().FirstOrDefaultAsync(d => d.Id == documentId, cancellationToken);
        if (document is null)
        {
            return (null, null);
        }
        var version = await db.Versions.AsNoTracking().FirstOrDefaultAsync(v => v.DocumentId == documentId && v.Number == number, cancellationToken);
        return (document, version);
    }

    private static DocumentFileVersionDto ToDto(DocumentVersion v) => new(v.Number, v.FileName, v.Size, v.Sha256, v.ContentType, v.CreatedAtUtc, v.TextState);
}
