using Consortium.Portal.Documents.Data;
using Consortium.Portal.Documents.Domain;
using Consortium.Portal.Notifications;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Events;
using Consortium.Portal.Platform.Jobs;
using Consortium.Portal.Platform.Validation;
using FluentValidation;
using Consortium.Portal.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace Consortium.Portal.Documents.Application;

public sealed record RequestReviewRequest(int VersionNumber, IReadOnlyList<Guid> ReviewerIds, DateOnly DueDate, string? Message);

public sealed record AnswerReviewRequest(ReviewDecision Decision, string? Comment);

/// <summary>Review requests: an Editor asks chosen members (Reviewer or higher) to review a version; each answers, and may change their answer.</summary>
internal sealed class DocumentReviews(
    DocumentsDbContext db,
    DocumentAccess access,
    DocumentLibrary library,
    MemberNames names,
    IWorkspaceAccess workspaces,
    IIntegrationEventPublisher events,
    ILiveChanges live,
    IValidator<RequestReviewRequest> requests,
    IValidator<AnswerReviewRequest> answers,
    TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<ReviewRequestDto> RequestAsync(Guid documentId, RequestReviewRequest request, CancellationToken cancellationToken)
    {
        await requests.EnsureValidAsync(request, cancellationToken);
        var document = await library.FindDocumentAsync(documentId, WorkspaceAction.Edit, cancellationToken);
        var version = await db.Versions.AsNoTracking().FirstOrDefaultAsync(v => v.DocumentId == documentId && v.Number == request.VersionNumber, cancellationToken)
            ?? throw new EntityNotFoundException(nameof(DocumentVersion), $"{documentId}/{request.VersionNumber}");
        var reviewerIds = request.ReviewerIds.Distinct().ToList();
        var eligible = (await workspaces.GetMembersAsync(document.WorkspaceId, WorkspaceRole.Reviewer, cancellationToken)).Select(m => m.UserId).ToHashSet();
        if (reviewerIds.Any(id => !eligible.Contains(id)))
        {
            throw new DomainRuleException("Review:NotAReviewer", typeof(DocumentsResource));
        }
        var message = string.IsNullOrWhiteSpace(request.Message) ? null : request.Message.Trim();

        var review = new ReviewRequest(document, version, access.UserId, reviewerIds, request.DueDate, message);
        db.ReviewRequests.Add(review);
        events.Publish(new ReviewRequested(document.WorkspaceId, document.Id, document.Name, review.Id, version.Number, access.UserId, reviewerIds, request.DueDate, message));
        events.Publish(new WorkspaceActivityOccurred(document.WorkspaceId, access.UserId, DocumentsModuleName.Value, "Activity:ReviewRequested",
            new Dictionary<string, string> { ["name"] = document.Name, ["version"] = version.Number.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            DocumentLinks.Page(document.Id), Now));
        await db.SaveChangesAsync(cancellationToken);
        await live.DocumentChangedAsync(document.Id, DocumentChanges.Reviews);
        return (await ToDtosAsync(document.WorkspaceId, [review], cancellationToken))[0];
    }

    public async Task<IReadOnlyList<ReviewRequestDto>> ListAsync(Guid documentId, CancellationToken cancellationToken)
    {
        var document = await library.FindDocumentAsync(documentId, WorkspaceAction.View, cancellationToken);
        var reviews = await db.ReviewRequests.AsNoTracking().Where(r => r.DocumentId == documentId).OrderByDescending(r => r.CreatedAtUtc).ToListAsync(cancellationToken);
        return await ToDtosAsync(document.WorkspaceId, reviews, cancellationToken);
    }

    /// <summary>The reviewer's answer; answering again replaces the earlier answer.</summary>
    public async Task<ReviewRequestDto> AnswerAsync(Guid reviewRequestId, AnswerReviewRequest answer, CancellationToken cancellationToken)
    {
        await answers.EnsureValidAsync(answer, cancellationToken);
        var review = await db.ReviewRequests.FirstOrDefaultAsync(r => r.Id == reviewRequestId, cancellationToken)
            ?? throw new EntityNotFoundException(nameof(ReviewRequest), reviewRequestId);
        await access.RequireAsync(review.WorkspaceId, WorkspaceAction.Review, nameof(ReviewRequest), reviewRequestId, cancellationToken);
        var comment = string.IsNullOrWhiteSpace(answer.Comment) ? null : answer.Comment.Trim();
        if (!review.Answer(access.UserId, answer.Decision, comment, Now))
        {
            throw new ForbiddenException("Only a reviewer asked in this request can answer it.");
        }
        // The answer lives in a child row; the request's stamp changes too, so two answers at once end in one 409.
        db.Entry(review).State = EntityState.Modified;
        var document = await db.Documents.IgnoreQueryFilters().AsNoTracking().FirstAsync(d => d.Id == review.DocumentId, cancellationToken);
        events.Publish(new ReviewAnswered(review.WorkspaceId, review.DocumentId, document.Name, review.Id, access.UserId, review.RequestedBy, answer.Decision));
        events.Publish(new WorkspaceActivityOccurred(review.WorkspaceId, access.UserId, DocumentsModuleName.Value,
            answer.Decision == ReviewDecision.Approved ? "Activity:ReviewApproved" : "Activity:ReviewChangesRequested",
            new Dictionary<string, string> { ["name"] = document.Name, ["version"] = review.VersionNumber.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            DocumentLinks.Page(review.DocumentId), Now));
        await db.SaveChangesAsync(cancellationToken);
        await live.DocumentChangedAsync(review.DocumentId, DocumentChanges.Reviews);
        return (await ToDtosAsync(review.WorkspaceId, [review], cancellationToken))[0];
    }

    private async Task<List<ReviewRequestDto>> ToDtosAsync(Guid workspaceId, IReadOnlyList<ReviewRequest> reviews, CancellationToken cancellationToken)
    {
        var people = await names.ResolveAsync(workspaceId, reviews.SelectMany(r => r.Answers.Select(a => a.ReviewerId).Append(r.RequestedBy)), cancellationToken);
        return reviews.Select(r => new ReviewRequestDto(r.Id, r.DocumentId, r.VersionNumber, r.RequestedBy, people[r.RequestedBy], r.CreatedAtUtc, r.DueDate, r.Message,
            r.Answers.OrderBy(a => people[a.ReviewerId], StringComparer.CurrentCulture)
                .Select(a => new ReviewerAnswerDto(a.ReviewerId, people[a.ReviewerId], a.Decision, a.Comment, a.AnsweredAtUtc)).ToList())).ToList();
    }
}
