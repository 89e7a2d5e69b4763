using System.Text.Json.Serialization;
using Consortium.Portal.Platform.Events;

namespace Consortium.Portal.Documents;

public static class DocumentsModuleName
{
    public const string Value = "Documents";
}

/// <summary>Lengths of the Documents module's stored texts, shared by the model and the API's checks.</summary>
public static class DocumentConsts
{
    public const int MaxNameLength = 200;
    public const int MaxFolderNameLength = 120;
    public const int MaxNoteLength = 1000;
    public const int MaxMessageLength = 4000;
    public const int MaxCommentLength = 20000;
    public const int MaxQuoteLength = 2000;
    public const int MaxContextLength = 200;
    public const int MaxReplacementLength = 20000;
    public const int MaxReasonLength = 2000;
    public const int Sha256Length = 64;
}

[JsonConverter(typeof(JsonStringEnumConverter<DocumentFileType>))]
public enum DocumentFileType
{
    Docx,
    Xlsx,
    Pptx,
    Odt,
    Pdf,
    Png,
    Jpeg,
    Markdown,
    Text,
}

/// <summary>Where the text of a version stands: Markdown and text are their own text; others are extracted by a background job.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<VersionTextState>))]
public enum VersionTextState
{
    /// <summary>The type has no text to extract (images, spreadsheets, slides).</summary>
    None,
    Pending,
    Extracted,
    Failed,
}

[JsonConverter(typeof(JsonStringEnumConverter<ReviewDecision>))]
public enum ReviewDecision
{
    Pending,
    Approved,
    ChangesRequested,
}

[JsonConverter(typeof(JsonStringEnumConverter<SuggestionState>))]
public enum SuggestionState
{
    Open,
    Accepted,
    Rejected,
}

/// <summary>How a user wants to hear about a document: followers hear of new versions and comments; muted hear only of mentions.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FollowMode>))]
public enum FollowMode
{
    Default,
    Follow,
    Mute,
}

public sealed record FolderDto(Guid Id, Guid WorkspaceId, Guid? ParentId, string Name, Guid ConcurrencyStamp);

public sealed record DocumentLockDto(Guid HolderId, string HolderName, DateTime LockedAtUtc, DateTime ExpiresAtUtc);

public sealed record DocumentSummaryDto(
    Guid Id,
    Guid WorkspaceId,
    Guid? FolderId,
    string Name,
    DocumentFileType FileType,
    int LatestVersionNumber,
    long Size,
    DateTime ModifiedAtUtc,
    Guid? ModifiedBy,
    DocumentLockDto? Lock,
    Guid ConcurrencyStamp);

public sealed record DocumentVersionDto(
    Guid Id,
    int Number,
    string FileName,
    long Size,
    string Sha256,
    string ContentType,
    Guid AuthorId,
    string AuthorName,
    DateTime CreatedAtUtc,
    string? Note,
    int? RestoredFromNumber,
    VersionTextState TextState);

public sealed record DocumentDetailsDto(
    DocumentSummaryDto Document,
    IReadOnlyList<DocumentVersionDto> Versions,
    FollowMode MyFollowMode);

public sealed record UploadedDocumentDto(Guid DocumentId, string Name, int VersionNumber, bool IsNewDocument, bool ReusedExistingContent);

public sealed record RecycledItemDto(Guid Id, string Kind, string Name, Guid? FolderId, DateTime DeletedAtUtc, Guid? DeletedBy, DateTime PurgeAfterUtc);

/// <summary>A passage of a version's text: the quote, a little text before and after it, and where it starts and ends.</summary>
public sealed record TextAnchorDto(string Quote, string Prefix, string Suffix, int Start, int End);

public sealed record ReviewerAnswerDto(Guid ReviewerId, string ReviewerName, ReviewDecision Decision, string? Comment, DateTime? AnsweredAtUtc);

public sealed record ReviewRequestDto(
    Guid Id,
    Guid DocumentId,
    int VersionNumber,
    Guid RequestedBy,
    string RequestedByName,
    DateTime RequestedAtUtc,
    DateOnly DueDate,
    string? Message,
    IReadOnlyList<ReviewerAnswerDto> Reviewers);

public sealed record CommentDto(
    Guid Id,
    Guid DocumentId,
    int VersionNumber,
    Guid? ParentId,
    Guid AuthorId,
    string AuthorName,
    string Body,
    string BodyHtml,
    TextAnchorDto? Anchor,
    bool IsResolved,
    DateTime CreatedAtUtc,
    DateTime? EditedAtUtc,
    bool IsDeleted,
    Guid ConcurrencyStamp);

public sealed record SuggestionDto(
    Guid Id,
    Guid DocumentId,
    int VersionNumber,
    Guid AuthorId,
    string AuthorName,
    TextAnchorDto Anchor,
    string Replacement,
    string? Reason,
    SuggestionState State,
    DateTime CreatedAtUtc,
    int? AppliedInVersionNumber,
    /// <summary>Open, but its passage is no longer in the latest version's text: it cannot be applied.</summary>
    bool IsStale);

/// <summary>What deciding on suggestions did: the version it made (if any), and which suggestions were applied, rejected or found stale.</summary>
public sealed record SuggestionDecisionResultDto(int? NewVersionNumber, IReadOnlyList<Guid> Applied, IReadOnlyList<Guid> Rejected, IReadOnlyList<Guid> Stale);

/// <summary>
/// How a version is shown in the browser. <see cref="Kind"/>: markdown (sanitized <see cref="Html"/>), text, image or
/// pdf (<see cref="Url"/> served inline), extracted (the text of a .docx/.odt), none (download only).
/// <see cref="Text"/> is the version's text, which comments and suggestions anchor to.
/// </summary>
public sealed record VersionPreviewDto(int VersionNumber, string Kind, string? Html, string? Text, string? Url, VersionTextState TextState);

public sealed record DiffLineDto(string Kind, string Text);

public sealed record DiffWordDto(string Kind, string Text);

public sealed record VersionComparisonDto(
    int FromNumber,
    int ToNumber,
    int AddedWords,
    int RemovedWords,
    IReadOnlyList<DiffWordDto> Inline,
    IReadOnlyList<DiffLineDto> Left,
    IReadOnlyList<DiffLineDto> Right);

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
