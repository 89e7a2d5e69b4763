using Consortium.Portal.Platform.Jobs;
using Microsoft.Extensions.Options;

// Hangfire stores this job's full type name in its recurring and queued jobs, so it keeps the namespace it had before it moved to Jobs/.
namespace Consortium.Portal.Documents.Application;

/// <summary>Daily: purges what has been in a recycle bin longer than the retention.</summary>
internal sealed class RecycleBinPurgeJob(DocumentPurge purge, TimeProvider clock, IOptions<DocumentsOptions> options) : IRecurringJob
{
    public const string JobId = "documents-recycle-bin-purge";

    public Task RunAsync(CancellationToken cancellationToken)
        => purge.PurgeAsync(null, clock.GetUtcNow().UtcDateTime - options.Value.RecycleBinRetention, cancellationToken);
}
