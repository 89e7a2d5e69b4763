using Consortium.Portal.Platform.Domain;

namespace Consortium.Portal.Documents.Domain;

/// <summary>A passage of a version's text a comment or suggestion is about.</summary>
public sealed record TextAnchor(string Quote, string Prefix, string Suffix, int Start, int End);

/// <summary>A comment on a version, maybe anchored to a passage, maybe a reply; edits and deletion keep the earlier text as revisions.</summary>
public sealed class Comment : AggregateRoot<Guid>, IAuditedEntity
{
    private Comment() { }

    public Comment(Document document, DocumentVersion version, Guid? parentId, Guid authorId, string body, TextAnchor? anchor)
    {
        Id = Guid.CreateVersion7();
        DocumentId = document.Id;
        WorkspaceId = document.WorkspaceId;
        VersionId = version.Id;
        VersionNumber = version.Number;
        ParentId = parentId;
        AuthorId = authorId;
        Body = body;
        if (anchor is not null)
        {
            AnchorQuote = anchor.Quote;
            AnchorPrefix = anchor.Prefix;
            AnchorSuffix = anchor.Suffix;
            AnchorStart = anchor.Start;
            AnchorEnd = anchor.End;
        }
    }

    public Guid DocumentId { get; private set; }
    public Guid WorkspaceId { get; private set; }
    public Guid VersionId { get; private set; }
    public int VersionNumber { get; private set; }
    public Guid? ParentId { get; private set; }
    public Guid AuthorId { get; private set; }
    public string Body { get; private set; } = "";
    public string? AnchorQuote { get; private set; }
    public string? AnchorPrefix { get; private set; }
    public string? AnchorSuffix { get; private set; }
    public int? AnchorStart { get; private set; }
    public int? AnchorEnd { get; private set; }
    public TextAnchor? Anchor => AnchorQuote is null
        ? null
        : new TextAnchor(AnchorQuote, AnchorPrefix ?? "", AnchorSuffix ?? "", AnchorStart ?? 0, AnchorEnd ?? 0);
    public bool IsResolved { get; private set; }
    public Guid? ResolvedBy { get; private set; }
    public DateTime? ResolvedAtUtc { get; private set; }
    public DateTime? EditedAtUtc { get; private set; }
    public bool IsDeleted { get; private set; }

    public DateTime CreatedAtUtc { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTime? ModifiedAtUtc { get; set; }
    public Guid? ModifiedBy { get; set; }

    public CommentRevision Edit(string body, Guid editorId, DateTime now)
    {
        var revision = new CommentRevision(this, CommentRevisionKind.Edited, editorId, now);
        Body = body;
        EditedAtUtc = now;
        return revision;
    }

    /// <summary>The text goes to a revision and the comment stays as a marker, so replies keep their place in the thread.</summary>
    public CommentRevision Delete(Guid editorId, DateTime now)
    {
        var revision = new CommentRevision(this, CommentRevisionKind.Deleted, editorId, now);
        Body = "";
        IsDeleted = true;
        EditedAtUtc = now;
        return revision;
    }

    public void Resolve(Guid userId, DateTime now)
    {
        IsResolved = true;
        ResolvedBy = userId;
        ResolvedAtUtc = now;
    }

    public void Reopen()
    {
        IsResolved = false;
        ResolvedBy = null;
        ResolvedAtUtc = null;
    }
}

public enum CommentRevisionKind
{
    Edited,
    Deleted,
}

/// <summary>The text a comment had before an edit or its deletion, for the audit trail.</summary>
public sealed class CommentRevision
{
    private CommentRevision() { }

    internal CommentRevision(Comment comment, CommentRevisionKind kind, Guid editorId, DateTime now)
    {
        Id = Guid.CreateVersion7();
        CommentId = comment.Id;
        Kind = kind;
        PreviousBody = comment.Body;
        EditedBy = editorId;
        EditedAtUtc = now;
    }

    public Guid Id { get; private set; }
    public Guid CommentId { get; private set; }
    public CommentRevisionKind Kind { get; private set; }
    public string PreviousBody { get; private set; } = "";
    public Guid EditedBy { get; private set; }
    public DateTime EditedAtUtc { get; private set; }
}

/// <summary>A user's choice to follow or mute one document.</summary>
public sealed class DocumentFollow
{
    public Guid DocumentId { get; set; }
    public Guid UserId { get; set; }
    public FollowMode Mode { get; set; }
    public DateTime ChangedAtUtc { get; set; }
}

/// <summary>A reviewer's proposed replacement of a passage of a Markdown or text version.</summary>
public sealed class Suggestion : AggregateRoot<Guid>, IAuditedEntity
{
    private Suggestion() { }

    public Suggestion(Document document, DocumentVersion version, Guid authorId, TextAnchor anchor, string replacement, string? reason)
    {
        Id = Guid.CreateVersion7();
        DocumentId = document.Id;
        WorkspaceId = document.WorkspaceId;
        VersionId = version.Id;
        VersionNumber = version.Number;
        AuthorId = authorId;
        AnchorQuote = anchor.Quote;
        AnchorPrefix = anchor.Prefix;
        AnchorSuffix = anchor.Suffix;
        AnchorStart = anchor.Start;
        AnchorEnd = anchor.End;
        Replacement = replacement;
        Reason = reason;
        State = SuggestionState.Open;
    }

    public Guid DocumentId { get; private set; }
    public Guid WorkspaceId { get; private set; }
    public Guid VersionId { get; private set; }
    public int VersionNumber { get; private set; }
    public Guid AuthorId { get; private set; }
    public string AnchorQuote { get; private set; } = "";
    public string AnchorPrefix { get; private set; } = "";
    public string AnchorSuffix { get; private set; } = "";
    public int AnchorStart { get; private set; }
    public int AnchorEnd { get; private set; }
    public TextAnchor Anchor => new(AnchorQuote, AnchorPrefix, AnchorSuffix, AnchorStart, AnchorEnd);
    public string Replacement { get; private set; } = "";
    public string? Reason { get; private set; }
    public SuggestionState State { get; private set; }
    public Guid? DecidedBy { get; private set; }
    public DateTime? DecidedAtUtc { get; private set; }
    public int? AppliedInVersionNumber { get; private set; }

    public DateTime CreatedAtUtc { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTime? ModifiedAtUtc { get; set; }
    public Guid? ModifiedBy { get; set; }

    public void Accept(Guid userId, DateTime now, int appliedInVersion)
    {
        State = SuggestionState.Accepted;
        DecidedBy = userId;
        DecidedAtUtc = now;
        AppliedInVersionNumber = appliedInVersion;
    }

    public void Reject(Guid userId, DateTime now)
    {
        State = SuggestionState.Rejected;
        DecidedBy = userId;
        DecidedAtUtc = now;
    }
}
