using Consortium.Portal.Platform.Events;

namespace Consortium.Portal.Documents;

/// <summary>A new version of a document was stored (the first one too).</summary>
[IntegrationEventName("documents.version-added")]
public sealed record DocumentVersionAdded(Guid WorkspaceId, Guid DocumentId, string DocumentName, int VersionNumber, Guid AuthorId, string? Note) : IIntegrationEvent;

/// <summary>An Editor asked members to review a version.</summary>
[IntegrationEventName("documents.review-requested")]
public sealed record ReviewRequested(Guid WorkspaceId, Guid DocumentId, string DocumentName, Guid ReviewRequestId, int VersionNumber, Guid RequestedBy, IReadOnlyList<Guid> ReviewerIds, DateOnly DueDate, string? Message) : IIntegrationEvent;

/// <summary>A reviewer approved or asked for changes (again, when they changed their answer).</summary>
[IntegrationEventName("documents.review-answered")]
public sealed record ReviewAnswered(Guid WorkspaceId, Guid DocumentId, string DocumentName, Guid ReviewRequestId, Guid ReviewerId, Guid RequestedBy, ReviewDecision Decision) : IIntegrationEvent;

/// <summary>A review is due tomorrow and the reviewer has not answered.</summary>
[IntegrationEventName("documents.review-due")]
public sealed record ReviewDueSoon(Guid WorkspaceId, Guid DocumentId, string DocumentName, Guid ReviewRequestId, Guid ReviewerId, DateOnly DueDate) : IIntegrationEvent;

/// <summary>A comment was written; <see cref="RecipientIds"/> are the document's followers (not muted, not the author, not mentioned).</summary>
[IntegrationEventName("documents.comment-added")]
public sealed record DocumentCommentAdded(Guid WorkspaceId, Guid DocumentId, string DocumentName, Guid CommentId, Guid AuthorId, IReadOnlyList<Guid> RecipientIds) : IIntegrationEvent;

/// <summary>A comment @mentioned members: they are told even when they muted the document.</summary>
[IntegrationEventName("documents.member-mentioned")]
public sealed record DocumentMemberMentioned(Guid WorkspaceId, Guid DocumentId, string DocumentName, Guid CommentId, Guid AuthorId, IReadOnlyList<Guid> MentionedUserIds) : IIntegrationEvent;

/// <summary>A new version was stored; <see cref="RecipientIds"/> are the followers who should hear of it.</summary>
[IntegrationEventName("documents.followers-new-version")]
public sealed record FollowedDocumentChanged(Guid WorkspaceId, Guid DocumentId, string DocumentName, int VersionNumber, Guid AuthorId, IReadOnlyList<Guid> RecipientIds) : IIntegrationEvent;
