using System.Text.Json.Serialization;

namespace Consortium.Portal.Documents;

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

/// <summary>A line of the side-by-side view; a modified line has <see cref="Pieces"/>: its unchanged words and, on the
/// old side, the removed ones or, on the new side, the added ones.</summary>
public sealed record DiffLineDto(string Kind, string Text, IReadOnlyList<DiffWordDto>? Pieces = null);

public sealed record DiffWordDto(string Kind, string Text);

public sealed record VersionComparisonDto(
    int FromNumber,
    int ToNumber,
    int AddedWords,
    int RemovedWords,
    IReadOnlyList<DiffWordDto> Inline,
    IReadOnlyList<DiffLineDto> Left,
    IReadOnlyList<DiffLineDto> Right);
