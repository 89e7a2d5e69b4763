using System.Text.Json.Serialization;
using Consortium.Portal.Identity;

namespace Consortium.Portal.Activities;

[JsonConverter(typeof(JsonStringEnumConverter<EventKind>))]
public enum EventKind
{
    Workshop,
    Roundtable,
    Conference,
    Seminar,
    TrainingSession,
    PeerVisit,
    TvDebate,
    PartnerOrganised,
}

[JsonConverter(typeof(JsonStringEnumConverter<OutputKind>))]
public enum OutputKind
{
    OpEd,
    ResearchReport,
    Publication,
    Material,
    MediaAppearance,
    WebPost,
}

/// <summary>What a target counts: events held, distinct towns where events were held, outputs, or participants.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TargetMeasure>))]
public enum TargetMeasure
{
    Events,
    Towns,
    Outputs,
    Participants,
}

[JsonConverter(typeof(JsonStringEnumConverter<TargetGroup>))]
public enum TargetGroup
{
    Youth,
    Women,
    Media,
    OpinionMakers,
    CivilSociety,
    PublicOfficials,
    Other,
}

[JsonConverter(typeof(JsonStringEnumConverter<Gender>))]
public enum Gender
{
    Female,
    Male,
    Other,
}

[JsonConverter(typeof(JsonStringEnumConverter<AgeGroup>))]
public enum AgeGroup
{
    Under18,
    From18To29,
    From30To44,
    From45To64,
    From65,
}

[JsonConverter(typeof(JsonStringEnumConverter<RegistrationStatus>))]
public enum RegistrationStatus
{
    Confirmed,
    Waiting,
    Cancelled,
}

/// <summary>
/// One target of an activity: <see cref="Count"/> of <see cref="Measure"/>, optionally only events of
/// <see cref="EventKind"/>, outputs of <see cref="OutputKind"/>, or what happened on one <see cref="Side"/>.
/// "6 roundtables: 4 in Kosovo, 2 in Serbia" is two targets (Events, Roundtable, Kosovo, 4) and (…, Serbia, 2).
/// </summary>
public sealed record TargetDto(TargetMeasure Measure, int Count, EventKind? EventKind = null, OutputKind? OutputKind = null, PartnerSide? Side = null);

public sealed record ActivityDto(
    Guid Id, int Number, string Name, string NameEn, string NameSq, string NameSrLatn,
    IReadOnlyList<string> LeadPartners, DateOnly StartsOn, DateOnly EndsOn, IReadOnlyList<TargetDto> Targets, Guid ConcurrencyStamp);

/// <summary>The Coordinator's edit of an activity; <see cref="ConcurrencyStamp"/> is the one read, so a stale edit is a 409.</summary>
public sealed record UpdateActivityRequest(
    string? NameEn, string? NameSq, string? NameSrLatn, IReadOnlyList<string>? LeadPartners,
    DateOnly StartsOn, DateOnly EndsOn, IReadOnlyList<TargetDto>? Targets, Guid? ConcurrencyStamp);

/// <summary>
/// A town: <see cref="Name"/> is its stable name (the English one of the plan's towns, or as it was added), which
/// <c>townName</c> matches; <see cref="LocalName"/> is the name in the reader's language (a town added by someone has only
/// the name typed, in every language).
/// </summary>
public sealed record TownDto(Guid Id, string Name, PartnerSide Side, string LocalName);

public sealed record AddTownRequest(string? Name, PartnerSide? Side);

/// <summary>What an event used or kept, beyond its outputs: a Training material or collection, or a workspace document.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EventResourceKind>))]
public enum EventResourceKind
{
    TrainingMaterial,
    TrainingCollection,
    Document,
}

/// <summary>A material, collection or document linked to an event; <see cref="Title"/> as it was when linked, <see cref="Link"/> its page.</summary>
public sealed record EventResourceDto(Guid Id, EventResourceKind Kind, Guid TargetId, string Title, string Link);

/// <summary>Links a Training material or collection, or a document (by id), to an event.</summary>
public sealed record AddEventResourceRequest(EventResourceKind? Kind, Guid? TargetId);

/// <summary>A photo of the event with the consent noted for it (who agreed to be shown, and how).</summary>
public sealed record EventPhotoDto(Guid Id, string FileName, string ConsentNote, DateTime AddedAtUtc);

public sealed record EventOutputDto(Guid Id, OutputKind Kind, string Title, string? Url);

public sealed record AddOutputRequest(OutputKind? Kind, string? Title, string? Url);

/// <summary>An event as partner staff see it. Counts only: registrants' names are on their own, audited endpoint.</summary>
public sealed record ActivityEventDto(
    Guid Id, Guid ActivityId, int ActivityNumber, EventKind Kind, string Title, string? Description,
    DateTime LocalStart, DateTime LocalEnd, string TimeZone, DateTime StartUtc, DateTime EndUtc,
    Guid TownId, string Town, PartnerSide Side, string? Venue,
    IReadOnlyList<string> OrganisingPartners, IReadOnlyList<string> ParticipatingPartners,
    IReadOnlyList<string> Speakers, string? Agenda, IReadOnlyList<EventOutputDto> Outputs,
    bool IsPublic, int? Capacity, int Confirmed, int Waiting, bool IsCancelled, Guid ConcurrencyStamp, string? CancellationReason = null,
    IReadOnlyList<EventResourceDto>? Resources = null, IReadOnlyList<EventPhotoDto>? Photos = null);

/// <summary>
/// An event to plan (or its new state). Times are wall-clock in <see cref="TimeZone"/> (IANA). A town is named by
/// <see cref="TownId"/>, or by <see cref="TownName"/> with its <see cref="TownSide"/> when the portal does not know it yet.
/// Partners are short names (BFPE, KCSS…).
/// </summary>
public sealed record EventDetails(
    Guid ActivityId, EventKind? Kind, string? Title, string? Description,
    DateTime LocalStart, DateTime LocalEnd, string? TimeZone,
    Guid? TownId, string? TownName, PartnerSide? TownSide, string? Venue,
    IReadOnlyList<string>? OrganisingPartners, IReadOnlyList<string>? ParticipatingPartners,
    IReadOnlyList<string>? Speakers, string? Agenda, bool IsPublic, int? Capacity);

public sealed record UpdateEventRequest(EventDetails Details, Guid? ConcurrencyStamp);

/// <summary>Calls an event off; <see cref="Reason"/> is told to its registrants and shown on the public page.</summary>
public sealed record CancelEventRequest(string? Reason);

/// <summary>The public page's form. <see cref="FormToken"/> is the time-stamped token the page gave; <see cref="Website"/> is the honeypot, left empty by people.</summary>
public sealed record RegisterRequest(
    string? Name, string? Email, string? Organisation, TargetGroup? TargetGroup, Gender? Gender, AgeGroup? AgeGroup,
    bool Consent, string? FormToken, string? Website, string? Language = null);

/// <summary>What a registrant is told: never anyone else's name.</summary>
public sealed record RegistrationOutcomeDto(RegistrationStatus Status, int? WaitingPosition);

public sealed record RegistrantDto(
    Guid Id, string Name, string Email, string? Organisation, TargetGroup TargetGroup, Gender? Gender, AgeGroup? AgeGroup,
    RegistrationStatus Status, DateTime RegisteredAtUtc, DateTime? CheckedInAtUtc);

/// <summary>People counted on the day without names (where names are not collected).</summary>
public sealed record CountedAttendanceRequest(int Count, TargetGroup? TargetGroup, Gender? Gender, AgeGroup? AgeGroup);

public sealed record CountBucket(string Key, int Count);

public sealed record AttendanceDto(int Total, IReadOnlyList<CountBucket> ByGender, IReadOnlyList<CountBucket> ByAgeGroup,
    IReadOnlyList<CountBucket> ByTargetGroup, IReadOnlyList<CountBucket> BySide);

public sealed record FeedbackRequest(int Rating, string? Comment, bool Anonymous);

public sealed record FeedbackSummaryDto(int Responses, double? AverageRating, IReadOnlyList<CountBucket> ByRating, IReadOnlyList<string> Comments);

public sealed record TargetProgressDto(TargetDto Target, int Achieved);

public sealed record ActivityProgressDto(int Number, string Name, IReadOnlyList<TargetProgressDto> Targets, int EventsHeld,
    int Participants, int ParticipantsKosovo, int ParticipantsSerbia, int EventsKosovo, int EventsSerbia, int Outputs);

/// <summary>Everything a registrant gave, for their request to see it (GDPR art. 15).</summary>
public sealed record RegistrantExportDto(string Email, IReadOnlyList<RegistrantRecordDto> Registrations);

public sealed record RegistrantRecordDto(Guid EventId, string EventTitle, DateTime EventStartUtc, string Name, string? Organisation,
    TargetGroup TargetGroup, Gender? Gender, AgeGroup? AgeGroup, RegistrationStatus Status, DateTime RegisteredAtUtc, DateTime? CheckedInAtUtc);
