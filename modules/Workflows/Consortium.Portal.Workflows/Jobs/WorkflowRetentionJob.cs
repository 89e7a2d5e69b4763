using System.Text.Json;
using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Jobs;
using Consortium.Portal.Workflows.Data;
using Consortium.Portal.Workflows.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Consortium.Portal.Workflows.Jobs;

/// <summary>
/// Daily: finished instances older than <see cref="WorkflowsOptions.Retention"/> are summarised into the audit log (who
/// decided what, when, with which comment) and removed with their tasks, incidents and journal, in one save each: a
/// summary is never written without the removal, nor the removal without its summary.
/// </summary>
internal sealed class WorkflowRetentionJob(WorkflowsDbContext db, IOptions<WorkflowsOptions> options, TimeProvider clock) : IRecurringJob
{
    public const string JobId = "workflows-retention";
    private const int BatchSize = 100;
    private const int MaxSummaryLength = 8000;

    private static readonly JournalEntryKind[] Decisions =
        [JournalEntryKind.Started, JournalEntryKind.Approved, JournalEntryKind.ChangesRequested, JournalEntryKind.Rejected,
         JournalEntryKind.Resubmitted, JournalEntryKind.Escalated, JournalEntryKind.Reassigned, JournalEntryKind.Completed, JournalEntryKind.Cancelled];

    public async Task RunAsync(CancellationToken cancellationToken) => await PurgeAsync(cancellationToken);

    /// <summary>Removes what is due; answers how many instances went.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken = default)
    {
        var retention = options.Value.Retention;
        if (retention == TimeSpan.Zero)
        {
            return 0;
        }
        var before = clock.GetUtcNow().UtcDateTime - retention;
        var removed = 0;
        while (true)
        {
            var due = await db.Instances.Where(i => i.EndedAtUtc != null && i.EndedAtUtc < before).OrderBy(i => i.EndedAtUtc).Select(i => i.Id)
                .Take(BatchSize).ToListAsync(cancellationToken);
            foreach (var id in due)
            {
                var instance = await db.WholeInstances.SingleAsync(i => i.Id == id, cancellationToken);
                db.Set<AuditLogEntry>().Add(new AuditLogEntry
                {
                    Id = Guid.CreateVersion7(),
                    AtUtc = clock.GetUtcNow().UtcDateTime,
                    Action = "workflows.instance.summarised",
                    EntityType = nameof(WorkflowInstance),
                    EntityId = instance.Id.ToString(),
                    Details = Summary(instance),
                });
                db.Instances.Remove(instance);
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
                removed++;
            }
            if (due.Count < BatchSize)
            {
                return removed;
            }
        }
    }

    /// <summary>The instance and its decisions as JSON; the oldest steps' comments are shortened first when it would not fit.</summary>
    internal static string Summary(WorkflowInstance instance)
    {
        string Render(int commentLength) => JsonSerializer.Serialize(new
        {
            definition = $"{instance.DefinitionKey}@{instance.DefinitionVersion}",
            subject = new { type = instance.SubjectType, id = instance.SubjectId, title = instance.SubjectTitle },
            status = instance.Status.ToString(),
            started = instance.StartedAtUtc,
            ended = instance.EndedAtUtc,
            steps = instance.Journal.Where(j => Decisions.Contains(j.Kind)).OrderBy(j => j.Sequence).Select(j => new
            {
                at = j.AtUtc,
                what = j.Kind.ToString(),
                who = j.ActorId,
                @delegate = j.DelegateId,
                stage = j.StageId,
                comment = j.Comment is { } c && c.Length > commentLength ? c[..commentLength] + "…" : j.Comment,
            }),
        });
        foreach (var length in new[] { 4000, 500, 100, 0 })
        {
            var text = Render(length);
            if (text.Length <= MaxSummaryLength)
            {
                return text;
            }
        }
        return Render(0)[..MaxSummaryLength];
    }
}
