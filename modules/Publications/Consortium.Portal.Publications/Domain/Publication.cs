using Consortium.Portal.Platform.Domain;

namespace Consortium.Portal.Publications.Domain;

/// <summary>
/// A joint publication of the consortium, from its draft to the public catalogue. Every change of state goes through
/// here and is refused with the rule's text key when the state does not allow it; the concurrency stamp makes two
/// changes from the same read end in one winner and a 409.
/// </summary>
public sealed class Publication : AggregateRoot<Guid>, IAuditedEntity
{
    private readonly List<PublicationFile> _files = [];

    private Publication() { }

    public static Publication Draft(PublicationContent content, Guid workspaceId)
    {
        var publication = new Publication { Id = Guid.CreateVersion7(), WorkspaceId = workspaceId, State = PublicationState.Draft };
        publication.Apply(content);
        return publication;
    }

    public PublicationType Type { get; private set; }
    public string Title { get; private set; } = "";
    public string? Summary { get; private set; }
    public List<string> Tags { get; private set; } = [];
    public List<string> Languages { get; private set; } = [];
    public List<Guid> AuthorIds { get; private set; } = [];
    public List<Guid> AuthoringPartnerIds { get; private set; } = [];
    public Guid WorkspaceId { get; private set; }
    public Guid ManuscriptDocumentId { get; private set; }
    public string? TargetOutlet { get; private set; }
    public int Activity { get; private set; }

    public PublicationState State { get; private set; }
    public string? WorkflowDefinitionKey { get; private set; }
    /// <summary>The last reviewer's comment that sent it back: changes requested, or the rejection.</summary>
    public string? ReviewComment { get; private set; }
    /// <summary>When it entered its current state: the pipeline's "for how long".</summary>
    public DateTime StateSinceUtc { get; private set; }

    public DateOnly? PublishedOn { get; private set; }
    public DateTime? PublishedAtUtc { get; private set; }
    public string? OutletUrl { get; private set; }
    /// <summary>The catalogue's address of the publication, unique, given when it is first published.</summary>
    public string? Slug { get; private set; }
    public IReadOnlyList<PublicationFile> Files => _files;

    public string? WithdrawalReason { get; private set; }
    public DateTime? WithdrawnAtUtc { get; private set; }

    public DateTime CreatedAtUtc { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTime? ModifiedAtUtc { get; set; }
    public Guid? ModifiedBy { get; set; }

    public bool IsEditable => State is PublicationState.Draft or PublicationState.ChangesRequested;

    public void Edit(PublicationContent content)
    {
        if (!IsEditable)
        {
            throw new PublicationStateException("Error.NotEditable");
        }
        Apply(content);
    }

    /// <summary>Into approval; the caller starts the workflow right after this save (or resumes it after changes).</summary>
    public void Submit(string definitionKey, DateTime now)
    {
        if (!IsEditable)
        {
            throw new PublicationStateException("Error.NotSubmittable");
        }
        if (State == PublicationState.Draft)
        {
            WorkflowDefinitionKey = definitionKey;
        }
        MoveTo(PublicationState.InApproval, now);
    }

    public void WorkflowCompleted(DateTime now)
    {
        if (State == PublicationState.InApproval)
        {
            ReviewComment = null;
            MoveTo(PublicationState.Approved, now);
        }
    }

    public void WorkflowRequestedChanges(string comment, DateTime now)
    {
        if (State == PublicationState.InApproval)
        {
            ReviewComment = comment;
            MoveTo(PublicationState.ChangesRequested, now);
        }
    }

    /// <summary>Rejected, or cancelled by the coordinator: a draft again, with the comment why.</summary>
    public void WorkflowEnded(string comment, DateTime now)
    {
        if (State is PublicationState.InApproval or PublicationState.ChangesRequested)
        {
            ReviewComment = comment;
            MoveTo(PublicationState.Draft, now);
        }
    }

    public void Publish(IReadOnlyList<PublicationFile> files, DateOnly publishedOn, string? outletUrl, string slug, DateTime now)
    {
        if (State != PublicationState.Approved)
        {
            throw new PublicationStateException("Error.NotApproved");
        }
        _files.Clear();
        _files.AddRange(files);
        PublishedOn = publishedOn;
        PublishedAtUtc = now;
        OutletUrl = outletUrl;
        Slug ??= slug;
        MoveTo(PublicationState.Published, now);
        Raise(new PublicationPublished(Id, Slug, Languages.ToList()));
    }

    public void Withdraw(string reason, DateTime now)
    {
        if (State != PublicationState.Published)
        {
            throw new PublicationStateException("Error.NotPublished");
        }
        WithdrawalReason = reason;
        WithdrawnAtUtc = now;
        MoveTo(PublicationState.Withdrawn, now);
        Raise(new PublicationWithdrawn(Id, reason));
    }

    private void MoveTo(PublicationState state, DateTime now)
    {
        State = state;
        StateSinceUtc = now;
    }

    private void Apply(PublicationContent content)
    {
        Type = content.Type;
        Title = content.Title;
        Summary = content.Summary;
        Tags = content.Tags.ToList();
        Languages = content.Languages.ToList();
        AuthorIds = content.AuthorIds.ToList();
        AuthoringPartnerIds = content.AuthoringPartnerIds.ToList();
        ManuscriptDocumentId = content.ManuscriptDocumentId;
        TargetOutlet = content.TargetOutlet;
        Activity = content.Activity;
    }
}

/// <summary>What the authors write about a publication (checked and normalised by the application).</summary>
public sealed record PublicationContent(
    PublicationType Type,
    string Title,
    string? Summary,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Languages,
    IReadOnlyList<Guid> AuthorIds,
    IReadOnlyList<Guid> AuthoringPartnerIds,
    Guid ManuscriptDocumentId,
    string? TargetOutlet,
    int Activity);

/// <summary>The published file of one language: a version of a workspace document, pinned when it was published.</summary>
public sealed class PublicationFile
{
    private PublicationFile() { }

    public PublicationFile(string language, Guid documentId, int versionNumber, string fileName, long size, string contentType, string sha256)
    {
        Language = language;
        DocumentId = documentId;
        VersionNumber = versionNumber;
        FileName = fileName;
        Size = size;
        ContentType = contentType;
        Sha256 = sha256;
    }

    public Guid PublicationId { get; private set; }
    public string Language { get; private set; } = "";
    public Guid DocumentId { get; private set; }
    public int VersionNumber { get; private set; }
    public string FileName { get; private set; } = "";
    public long Size { get; private set; }
    public string ContentType { get; private set; } = "";
    public string Sha256 { get; private set; } = "";
}

/// <summary>The publication is not in a state that allows the action (another user moved it on): a 409 with the rule's text.</summary>
public sealed class PublicationStateException(string messageKey, params object[] arguments)
    : DomainRuleException(messageKey, typeof(PublicationsResource), arguments)
{
    public override int StatusCode => 409;
}
