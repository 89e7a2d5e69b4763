using Consortium.Portal.Documents.Data;
using Consortium.Portal.Documents.Domain;
using Consortium.Portal.Notifications;
using Consortium.Portal.Platform.Blobs;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

// Hangfire stores this job's full type name in its recurring and queued jobs, so it keeps the namespace it had before it moved to Jobs/.
namespace Consortium.Portal.Documents.Application;

/// <summary>Extracts and stores the text of one version; the recurring run catches any version whose job was lost.</summary>
internal sealed class VersionTextExtractionJob(DocumentsDbContext db, IBlobStore blobs, ILiveChanges live, TimeProvider clock, ILogger<VersionTextExtractionJob> logger)
    : Platform.Jobs.IRecurringJob
{
    public const string JobId = "documents-text-extraction";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var stale = clock.GetUtcNow().UtcDateTime.AddMinutes(-5);
        var pending = await db.Versions.AsNoTracking()
            .Where(v => v.TextState == VersionTextState.Pending && v.CreatedAtUtc < stale)
            .OrderBy(v => v.CreatedAtUtc)
            .Select(v => v.Id)
            .Take(100)
            .ToListAsync(cancellationToken);
        foreach (var id in pending)
        {
            await ExtractAsync(id, cancellationToken);
        }
    }

    [AutomaticRetry(Attempts = 3)]
    public async Task ExtractAsync(Guid versionId, CancellationToken cancellationToken)
    {
        var version = await db.Versions.FirstOrDefaultAsync(v => v.Id == versionId, cancellationToken);
        if (version is null || version.TextState != VersionTextState.Pending)
        {
            return;
        }
        var type = await db.Documents.IgnoreQueryFilters().Where(d => d.Id == version.DocumentId).Select(d => d.FileType).FirstAsync(cancellationToken);
        if (!DocumentFileTypes.Get(type).IsOwnText && version.Size > TextExtraction.MaxExtractableBytes)
        {
            logger.LogInformation("Version {VersionId} is too large ({Size} bytes) for its text to be extracted", versionId, version.Size);
            version.TextState = VersionTextState.Failed;
            await db.SaveChangesAsync(cancellationToken);
            await live.DocumentChangedAsync(version.DocumentId, DocumentChanges.Text);
            return;
        }
        var temporary = Path.Combine(Path.GetTempPath(), $"portal-text-{Guid.NewGuid():N}");
        try
        {
            await using (var download = await blobs.OpenReadAsync(DocumentsOptions.BlobContainer, version.BlobName, cancellationToken)
                ?? throw new BlobStorageException($"The content of version {versionId} is missing."))
            await using (var copy = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                // The packages and PDF need a seekable stream; a local copy keeps memory flat whatever the file's size.
                await download.Content.CopyToAsync(copy, cancellationToken);
            }
            string text;
            await using (var file = new FileStream(temporary, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous))
            {
                try
                {
                    text = TextExtraction.Extract(type, file);
                }
                catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
                {
                    logger.LogWarning(e, "The text of version {VersionId} ({Type}) could not be extracted", versionId, type);
                    version.TextState = VersionTextState.Failed;
                    await db.SaveChangesAsync(cancellationToken);
                    await live.DocumentChangedAsync(version.DocumentId, DocumentChanges.Text);
                    return;
                }
            }
            // No NUL characters: PostgreSQL's text refuses them.
            text = text.Replace("\0", "", StringComparison.Ordinal);
            var existing = await db.VersionTexts.FirstOrDefaultAsync(t => t.VersionId == versionId, cancellationToken);
            if (existing is null)
            {
                db.VersionTexts.Add(new VersionText { VersionId = versionId, Text = text, ExtractedAtUtc = clock.GetUtcNow().UtcDateTime });
            }
            version.TextState = VersionTextState.Extracted;
            await db.SaveChangesAsync(cancellationToken);
            await live.DocumentChangedAsync(version.DocumentId, DocumentChanges.Text);
        }
        finally
        {
            try { File.Delete(temporary); } catch (IOException) { /* a temporary file the OS cleans */ }
        }
    }
}
