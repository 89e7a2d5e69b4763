using System.Text.Json.Serialization;

namespace Consortium.Portal.Training;

[JsonConverter(typeof(JsonStringEnumConverter<MaterialKind>))]
public enum MaterialKind
{
    File,
    Link,
    Video,
}

/// <summary>The groups the consortium trains (its target groups), and its own staff.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Audience>))]
public enum Audience
{
    Youth,
    WomensOrganisations,
    Media,
    CivilSociety,
    OpinionMakersAndExperts,
    ConsortiumStaff,
}

[JsonConverter(typeof(JsonStringEnumConverter<MaterialLevel>))]
public enum MaterialLevel
{
    Introductory,
    Intermediate,
    Advanced,
}

/// <summary>Consortium-only until its publishing workflow completes; only Public is ever shown without sign-in.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MaterialVisibility>))]
public enum MaterialVisibility
{
    Consortium,
    InReview,
    Public,
}

[JsonConverter(typeof(JsonStringEnumConverter<MaterialSort>))]
public enum MaterialSort
{
    Newest,
    MostUsed,
}

[JsonConverter(typeof(JsonStringEnumConverter<FollowKind>))]
public enum FollowKind
{
    Topic,
    Audience,
    Language,
}

/// <summary>What a material says about itself; a file material's file comes with its own request.</summary>
public sealed record MaterialDetails(
    string? Title,
    string? Summary,
    IReadOnlyList<string>? Topics,
    IReadOnlyList<Audience>? Audiences,
    string? Language,
    MaterialLevel? Level,
    int? DurationMinutes,
    IReadOnlyList<Guid>? AuthoringPartnerIds,
    string? Licence,
    int? Activity);

/// <summary>
/// A new material. A link or video link carries its <see cref="Url"/>; a file material names the workspace its file is
/// kept in, and the file follows with <c>PUT …/materials/{id}/file</c> (each upload a new version).
/// </summary>
public sealed record CreateMaterialRequest(MaterialKind? Kind, string? Url, Guid? WorkspaceId, MaterialDetails? Details);

public sealed record UpdateMaterialRequest(MaterialDetails? Details, string? Url, Guid? ConcurrencyStamp);

/// <summary>Joins this material to <see cref="TranslationOf"/>'s translation group.</summary>
public sealed record LinkTranslationRequest(Guid? TranslationOf);

public sealed record RequestTranslationRequest(string? Language, string? Message);

public sealed record MaterialSummaryDto(
    Guid Id,
    string Slug,
    MaterialKind Kind,
    string Title,
    string? Summary,
    string Language,
    IReadOnlyList<string> Topics,
    IReadOnlyList<Audience> Audiences,
    MaterialLevel Level,
    int? DurationMinutes,
    IReadOnlyList<Guid> AuthoringPartnerIds,
    int Activity,
    MaterialVisibility Visibility,
    int DownloadCount,
    DateTime CreatedAtUtc);

public sealed record TranslationDto(Guid MaterialId, string Language, string Title, MaterialVisibility Visibility);

public sealed record MonthlyDownloadsDto(int Year, int Month, int Count);

public sealed record MaterialFileVersionDto(int Number, string FileName, long Size, DateTime CreatedAtUtc);

public sealed record CollectionRefDto(Guid Id, string Title);

public sealed record MaterialDto(
    MaterialSummaryDto Material,
    string? Url,
    string Licence,
    Guid? WorkspaceId,
    Guid? DocumentId,
    IReadOnlyList<MaterialFileVersionDto> Versions,
    string? PreviewText,
    IReadOnlyList<TranslationDto> Translations,
    IReadOnlyList<MonthlyDownloadsDto> Downloads,
    IReadOnlyList<CollectionRefDto> UsedIn,
    bool CanEdit,
    Guid ConcurrencyStamp);

public sealed record CollectionItemDto(Guid MaterialId, string Title, string Language, MaterialKind Kind, MaterialVisibility Visibility);

public sealed record CollectionDto(Guid Id, string Slug, string Title, string? Description, bool IsPublic,
    IReadOnlyList<CollectionItemDto> Items, bool CanEdit, Guid ConcurrencyStamp);

public sealed record CollectionSummaryDto(Guid Id, string Title, bool IsPublic, int ItemCount);

public sealed record CreateCollectionRequest(string? Title, string? Description, IReadOnlyList<Guid>? MaterialIds);

/// <summary>The whole collection as it should be: its text and its materials in order (a reorder sends the new order).</summary>
public sealed record UpdateCollectionRequest(string? Title, string? Description, IReadOnlyList<Guid>? MaterialIds, Guid? ConcurrencyStamp);

public sealed record SetCollectionPublicRequest(bool IsPublic, Guid? ConcurrencyStamp);

public sealed record FollowRequest(FollowKind? Kind, string? Value);

public sealed record FollowDto(Guid Id, FollowKind Kind, string Value);
