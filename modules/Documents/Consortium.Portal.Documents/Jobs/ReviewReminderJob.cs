using Consortium.Portal.Documents.Data;
using Consortium.Portal.Platform.Events;
using Consortium.Portal.Platform.Jobs;
using Consortium.Portal.Platform.Localization;
using Microsoft.EntityFrameworkCore;

// Hangfire stores this job's full type name in its recurring and queued jobs, so it keeps the namespace it had before it moved to Jobs/.
namespace Consortium.Portal.Documents.Application;

/// <summary>Hourly: reminds each reviewer who has not answered, once, on the day before the due date (in the consortium's time zone).</summary>
internal sealed class ReviewReminderJob(DocumentsDbContext db, IIntegrationEventPublisher events, TimeProvider clock) : IRecurringJob
{
    public const string JobId = "documents-review-reminders";

    public async Task RunAsync(CancellationToken cancellationToken) => await RemindAsync(cancellationToken);

    public async Task<int> RemindAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, UserTimeZone.Resolve(null)));
        var tomorrow = today.AddDays(1);
        var due = await db.ReviewRequests
            .Where(r => r.DueDate == tomorrow && r.Answers.Any(a => a.Decision == ReviewDecision.Pending && a.ReminderSentAtUtc == null))
            .ToListAsync(cancellationToken);
        var reminded = 0;
        foreach (var review in due)
        {
            var name = await db.Documents.IgnoreQueryFilters().Where(d => d.Id == review.DocumentId && !d.IsDeleted).Select(d => d.Name).FirstOrDefaultAsync(cancellationToken);
            foreach (var answer in review.Answers.Where(a => a.Decision == ReviewDecision.Pending && a.ReminderSentAtUtc == null))
            {
                answer.ReminderSentAtUtc = now;
                if (name is not null)
                {
                    events.Publish(new ReviewDueSoon(review.WorkspaceId, review.DocumentId, name, review.Id, answer.ReviewerId, review.DueDate));
                    reminded++;
                }
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return reminded;
    }
}
