using Consortium.Portal.Platform.Domain;

namespace Consortium.Portal.Documents.Domain;

/// <summary>An Editor's request that chosen members review one version by a due date.</summary>
public sealed class ReviewRequest : AggregateRoot<Guid>, IAuditedEntity
{
    private readonly List<ReviewerAnswer> _answers = [];

    private ReviewRequest() { }

    public ReviewRequest(Document document, DocumentVersion version, Guid requestedBy, IEnumerable<Guid> reviewerIds, DateOnly dueDate, string? message)
    {
        Id = Guid.CreateVersion7();
        DocumentId = document.Id;
        WorkspaceId = document.WorkspaceId;
        VersionId = version.Id;
        VersionNumber = version.Number;
        RequestedBy = requestedBy;
        DueDate = dueDate;
        Message = message;
        foreach (var reviewer in reviewerIds.Distinct())
        {
            _answers.Add(new ReviewerAnswer(Id, reviewer));
        }
    }

    public Guid DocumentId { get; private set; }
    public Guid WorkspaceId { get; private set; }
    public Guid VersionId { get; private set; }
    public int VersionNumber { get; private set; }
    public Guid RequestedBy { get; private set; }
    public DateOnly DueDate { get; private set; }
    public string? Message { get; private set; }
    public IReadOnlyList<ReviewerAnswer> Answers => _answers;

    public DateTime CreatedAtUtc { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTime? ModifiedAtUtc { get; set; }
    public Guid? ModifiedBy { get; set; }

    /// <summary>Records the reviewer's answer; answering again replaces the earlier one. False when they were not asked.</summary>
    public bool Answer(Guid reviewerId, ReviewDecision decision, string? comment, DateTime now)
    {
        var answer = _answers.FirstOrDefault(a => a.ReviewerId == reviewerId);
        if (answer is null)
        {
            return false;
        }
        answer.Decision = decision;
        answer.Comment = comment;
        answer.AnsweredAtUtc = now;
        return true;
    }
}

/// <summary>One reviewer's standing answer to a request: one row per reviewer, so a second answer replaces the first.</summary>
public sealed class ReviewerAnswer
{
    private ReviewerAnswer() { }

    internal ReviewerAnswer(Guid reviewRequestId, Guid reviewerId)
    {
        ReviewRequestId = reviewRequestId;
        ReviewerId = reviewerId;
        Decision = ReviewDecision.Pending;
    }

    public Guid ReviewRequestId { get; private set; }
    public Guid ReviewerId { get; private set; }
    public ReviewDecision Decision { get; set; }
    public string? Comment { get; set; }
    public DateTime? AnsweredAtUtc { get; set; }
    public DateTime? ReminderSentAtUtc { get; set; }
}
