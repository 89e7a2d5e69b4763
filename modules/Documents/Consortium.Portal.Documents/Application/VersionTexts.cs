using Consortium.Portal.Documents.Data;
using Consortium.Portal.Documents.Domain;
using Consortium.Portal.Platform.Blobs;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Consortium.Portal.Documents.Application;

/// <summary>The text of a version: stored by the extraction job for every type that has text (Markdown and text too).</summary>
internal sealed class VersionTexts(DocumentsDbContext db, IBlobStore blobs)
{
    /// <summary>The version's text; null while it is being extracted or when the type has none.</summary>
    public async Task<string?> GetAsync(DocumentVersion version, DocumentFileType type, CancellationToken cancellationToken)
    {
        var stored = await db.VersionTexts.AsNoTracking().Where(t => t.VersionId == version.Id).Select(t => t.Text).FirstOrDefaultAsync(cancellationToken);
        if (stored is not null)
        {
            return stored;
        }
        if (DocumentFileTypes.Get(type).IsOwnText)
        {
            // Not extracted yet (the job runs after the upload): the content is the text.
            await using var download = await blobs.OpenReadAsync(DocumentsOptions.BlobContainer, version.BlobName, cancellationToken)
                ?? throw new BlobStorageException($"The content of version {version.Id} is missing.");
            return TextExtraction.FromText(download.Content);
        }
        return null;
    }
}

/// <summary>Queues the extraction of a new version's text as a durable background job.</summary>
internal sealed class VersionTextQueue(IBackgroundJobClient jobs, ILogger<VersionTextQueue> logger)
{
    public void EnqueueIfPending(DocumentVersion version)
    {
        if (version.TextState != VersionTextState.Pending)
        {
            return;
        }
        try
        {
            jobs.Enqueue<VersionTextExtractionJob>(job => job.ExtractAsync(version.Id, CancellationToken.None));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The recurring sweep picks up every version still pending; the upload itself has succeeded.
            logger.LogWarning(e, "Could not queue the text extraction of version {VersionId}", version.Id);
        }
    }
}

/// <summary>Extracts and stores the text of one version; the recurring run catches any version whose job was lost.</summary>
internal sealed class VersionTextExtractionJob(DocumentsDbContext db, IBlobStore blobs, TimeProvider clock, ILogger<VersionTextExtractionJob> logger)
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
        }
        finally
        {
            try { File.Delete(temporary); } catch (IOException) { /* a temporary file the OS cleans */ }
        }
    }
}
