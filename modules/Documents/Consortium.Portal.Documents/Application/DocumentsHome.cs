using Consortium.Portal.Documents.Data;
using Consortium.Portal.Documents.Domain;
using Consortium.Portal.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace Consortium.Portal.Documents.Application;

/// <summary>A review the user is asked for and has not answered.</summary>
public sealed record WaitingReviewDto(Guid DocumentId, string DocumentName, int VersionNumber, DateOnly DueDate);

/// <summary>A document on the home page, with the moment that put it there.</summary>
public sealed record HomeDocumentDto(Guid DocumentId, string Name, DateTime AtUtc);

/// <summary>
/// The Documents module's part of the user's home page: reviews waiting for them, documents they worked on lately and
/// documents others recently put in their workspaces. Only workspaces the user may see now count.
/// </summary>
internal sealed class DocumentsHome(DocumentsDbContext db, DocumentAccess access, IWorkspaceAccess workspaces)
{
    public const int Shown = 6;

    public async Task<IReadOnlyList<WaitingReviewDto>> WaitingReviewsAsync(CancellationToken cancellationToken)
    {
        var userId = access.UserId;
        var visible = (await workspaces.GetVisibleWorkspaceIdsAsync(userId, cancellationToken)).ToList();
        return await (
                from answer in db.ReviewerAnswers.AsNoTracking()
                join review in db.ReviewRequests.AsNoTracking() on answer.ReviewRequestId equals review.Id
                join document in db.Documents.AsNoTracking() on review.DocumentId equals document.Id
                where answer.ReviewerId == userId && answer.Decision == ReviewDecision.Pending && visible.Contains(review.WorkspaceId)
                orderby review.DueDate, document.Name
                select new WaitingReviewDto(document.Id, document.Name, review.VersionNumber, review.DueDate))
            .Take(Shown * 2)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Documents the user uploaded a version of or commented on, the latest first.</summary>
    public async Task<IReadOnlyList<HomeDocumentDto>> RecentlyWorkedOnAsync(CancellationToken cancellationToken)
    {
        var userId = access.UserId;
        var visible = (await workspaces.GetVisibleWorkspaceIdsAsync(userId, cancellationToken)).ToList();
        var versions = await db.Versions.AsNoTracking()
            .Where(v => v.AuthorId == userId && visible.Contains(v.WorkspaceId))
            .GroupBy(v => v.DocumentId)
            .Select(g => new { DocumentId = g.Key, At = g.Max(v => v.CreatedAtUtc) })
            .OrderByDescending(x => x.At).Take(Shown)
            .ToListAsync(cancellationToken);
        var comments = await db.Comments.AsNoTracking()
            .Where(c => c.AuthorId == userId && visible.Contains(c.WorkspaceId))
            .GroupBy(c => c.DocumentId)
            .Select(g => new { DocumentId = g.Key, At = g.Max(c => c.CreatedAtUtc) })
            .OrderByDescending(x => x.At).Take(Shown)
            .ToListAsync(cancellationToken);
        var latest = versions.Concat(comments)
            .GroupBy(x => x.DocumentId)
            .ToDictionary(g => g.Key, g => g.Max(x => x.At));
        var ids = latest.Keys.ToList();
        var names = await db.Documents.AsNoTracking().Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, cancellationToken);
        return latest.Where(x => names.ContainsKey(x.Key))
            .OrderByDescending(x => x.Value)
            .Take(Shown)
            .Select(x => new HomeDocumentDto(x.Key, names[x.Key], x.Value))
            .ToList();
    }

    /// <summary>Documents others recently added to the user's workspaces.</summary>
    public async Task<IReadOnlyList<HomeDocumentDto>> SharedWithMeAsync(CancellationToken cancellationToken)
    {
        var userId = access.UserId;
        var visible = (await workspaces.GetVisibleWorkspaceIdsAsync(userId, cancellationToken)).ToList();
        return await db.Documents.AsNoTracking()
            .Where(d => visible.Contains(d.WorkspaceId) && d.CreatedBy != userId)
            .OrderByDescending(d => d.CreatedAtUtc)
            .Take(Shown)
            .Select(d => new HomeDocumentDto(d.Id, d.Name, d.CreatedAtUtc))
            .ToListAsync(cancellationToken);
    }
}
