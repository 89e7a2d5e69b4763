using Consortium.Portal.Documents.Data;
using Consortium.Portal.Platform.Blobs;
using Consortium.Portal.Platform.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

// Hangfire stores this job's full type name in its recurring and queued jobs, so it keeps the namespace it had before it moved to Jobs/.
namespace Consortium.Portal.Documents.Application;

/// <summary>
/// Hourly: removes blobs of the documents container that no version refers to and that are older than
/// <see cref="DocumentsOptions.OrphanBlobAge"/> (a crash between storing a blob and recording it leaves such a blob).
/// </summary>
internal sealed class OrphanBlobCleanupJob(DocumentsDbContext db, IBlobStore blobs, TimeProvider clock, IOptions<DocumentsOptions> options, ILogger<OrphanBlobCleanupJob> logger)
    : IRecurringJob
{
    public const string JobId = "documents-orphan-blob-cleanup";

    public async Task RunAsync(CancellationToken cancellationToken) => await CleanAsync(cancellationToken);

    public async Task<int> CleanAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - options.Value.OrphanBlobAge;
        var removed = 0;
        var batch = new List<string>();
        await foreach (var blob in blobs.ListAsync(DocumentsOptions.BlobContainer, cancellationToken: cancellationToken))
        {
            if (blob.LastModified < cutoff)
            {
                batch.Add(blob.Name);
            }
            if (batch.Count == 500)
            {
                removed += await RemoveUnreferencedAsync(batch, cancellationToken);
                batch.Clear();
            }
        }
        removed += await RemoveUnreferencedAsync(batch, cancellationToken);
        return removed;
    }

    private async Task<int> RemoveUnreferencedAsync(List<string> names, CancellationToken cancellationToken)
    {
        if (names.Count == 0)
        {
            return 0;
        }
        var referenced = (await db.Versions.Where(v => names.Contains(v.BlobName)).Select(v => v.BlobName).Distinct().ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var removed = 0;
        foreach (var name in names.Where(n => !referenced.Contains(n)))
        {
            if (await blobs.DeleteAsync(DocumentsOptions.BlobContainer, name, cancellationToken))
            {
                logger.LogInformation("Removed blob {Blob}: no document version refers to it", name);
                removed++;
            }
        }
        return removed;
    }
}
