using System.Text.Json.Serialization;

namespace Consortium.Portal.Publications;

[JsonConverter(typeof(JsonStringEnumConverter<PublicationType>))]
public enum PublicationType
{
    OpEd,
    PolicyArticle,
    PolicyBrief,
    ResearchReport,
    PressRelease,
}

/// <summary>
/// Where a publication stands: Draft → InApproval (ChangesRequested while its authors rework it) → Approved →
/// Published → Withdrawn. A rejected one is a Draft again, with the rejection's comment.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<PublicationState>))]
public enum PublicationState
{
    Draft,
    InApproval,
    ChangesRequested,
    Approved,
    Published,
    Withdrawn,
}

/// <summary>The final file of one language: a version of a document of the publication's workspace.</summary>
public sealed record PublicationFileDto(string Language, Guid DocumentId, int VersionNumber, string FileName, long Size, string ContentType);

public sealed record PublicationDto(
    Guid Id,
    PublicationType Type,
    string Title,
    string? Summary,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Languages,
    IReadOnlyList<Guid> AuthorIds,
    IReadOnlyList<Guid> AuthoringPartnerIds,
    Guid WorkspaceId,
    Guid ManuscriptDocumentId,
    string? TargetOutlet,
    int Activity,
    PublicationState State,
    string? WorkflowDefinitionKey,
    string? ReviewComment,
    DateOnly? PublishedOn,
    string? OutletUrl,
    string? Slug,
    IReadOnlyList<PublicationFileDto> Files,
    string? WithdrawalReason,
    DateTime? WithdrawnAtUtc,
    DateTime CreatedAtUtc,
    DateTime? ModifiedAtUtc,
    Guid ConcurrencyStamp);

public sealed record PublicationSummaryDto(Guid Id, PublicationType Type, string Title, PublicationState State, IReadOnlyList<string> Languages,
    IReadOnlyList<Guid> AuthoringPartnerIds, int Activity, DateOnly? PublishedOn, DateTime? ModifiedAtUtc);

/// <summary>A new draft in <see cref="WorkspaceId"/>; the manuscript is a document of that workspace. The creator is an author.</summary>
public sealed record CreatePublicationRequest(
    PublicationType? Type,
    string? Title,
    string? Summary,
    IReadOnlyList<string>? Tags,
    IReadOnlyList<string>? Languages,
    IReadOnlyList<Guid>? AuthorIds,
    Guid? WorkspaceId,
    Guid? ManuscriptDocumentId,
    string? TargetOutlet,
    int? Activity);

/// <summary>An edit of a draft (or of one whose changes were requested); <see cref="ConcurrencyStamp"/> is the one read: a stale edit gets 409.</summary>
public sealed record UpdatePublicationRequest(
    PublicationType? Type,
    string? Title,
    string? Summary,
    IReadOnlyList<string>? Tags,
    IReadOnlyList<string>? Languages,
    IReadOnlyList<Guid>? AuthorIds,
    Guid? ManuscriptDocumentId,
    string? TargetOutlet,
    int? Activity,
    Guid? ConcurrencyStamp);

/// <summary>Into approval, by the workflow <see cref="DefinitionKey"/> (the default joint review when empty); after requested changes it resumes.</summary>
public sealed record SubmitPublicationRequest(string? DefinitionKey, string? Comment, Guid? ConcurrencyStamp);

/// <summary>A final file per language: a document of the workspace, at a version (its latest when empty).</summary>
public sealed record PublicationFileRequest(string? Language, Guid? DocumentId, int? VersionNumber);

/// <summary>
/// Publishes an approved publication: its final file in each of its languages (each must carry the donors' disclaimer
/// and the authoring partners' names), the date (today when empty) and the outlet's link.
/// </summary>
public sealed record PublishPublicationRequest(IReadOnlyList<PublicationFileRequest>? Files, DateOnly? PublishedOn, string? OutletUrl, Guid? ConcurrencyStamp);

public sealed record WithdrawPublicationRequest(string? Reason, Guid? ConcurrencyStamp);

/// <summary>What a final file lacks: the disclaimer, or partners' names (<see cref="MissingPartners"/>).</summary>
public sealed record FileCheckDto(string Language, string FileName, bool HasDisclaimer, IReadOnlyList<string> MissingPartners, bool TextUnreadable);

/// <summary>Who a publication waits for now: a reviewer's open task (with its stage and due time) or its authors.</summary>
public sealed record PipelineHoldDto(Guid? UserId, string Name, string? Stage, DateTime SinceUtc, DateTime? DueAtUtc, bool IsOverdue);

/// <summary>A publication on the coordinator's pipeline: its state, since when, and who holds it up.</summary>
public sealed record PipelineItemDto(Guid Id, string Title, PublicationType Type, PublicationState State, DateTime StateSinceUtc,
    IReadOnlyList<string> Partners, IReadOnlyList<PipelineHoldDto> WaitingFor);

/// <summary>How many publications of one partner, type, language or activity are in each state: the donors' report.</summary>
public sealed record PipelineCountDto(string Dimension, string Value, int Draft, int InApproval, int Approved, int Published, int Withdrawn)
{
    public int Total => Draft + InApproval + Approved + Published + Withdrawn;
}

public sealed record PipelineDto(IReadOnlyList<PipelineItemDto> Items, IReadOnlyList<PipelineCountDto> Counts);
