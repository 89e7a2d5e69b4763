using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Consortium.Portal.Platform.Outbox;

/// <summary>Deletes delivered messages older than <see cref="OutboxOptions.RetentionDays"/>, and the records of their handlers.</summary>
internal sealed class OutboxPurgeJob(PlatformDbContext db, TimeProvider clock, IOptions<OutboxOptions> options, ILogger<OutboxPurgeJob> logger)
    : IRecurringJob
{
    public const string JobId = "platform.outbox-purge";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime.AddDays(-options.Value.RetentionDays);

        var messages = await db.OutboxMessages
            .Where(m => m.ProcessedAtUtc != null && m.ProcessedAtUtc < cutoff)
            .ExecuteDeleteAsync(cancellationToken);

        // A record of a message still being retried stays, or its successful handlers would run again.
        var records = await db.ProcessedMessages
            .Where(p => p.ProcessedAtUtc < cutoff && !db.OutboxMessages.Any(m => m.Id == p.MessageId && m.ProcessedAtUtc == null))
            .ExecuteDeleteAsync(cancellationToken);

        logger.LogInformation("Outbox purge removed {Messages} delivered message(s) and {Records} handler record(s) older than {Cutoff:O}",
            messages, records, cutoff);
    }
}
