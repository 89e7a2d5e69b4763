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
