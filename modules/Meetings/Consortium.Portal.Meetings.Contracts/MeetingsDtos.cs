using System.Text.Json.Serialization;

namespace Consortium.Portal.Meetings;

/// <summary>Draft (nobody is told) → Open (invitations out) → In progress → Closed (read-only; the organiser may reopen).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MeetingState>))]
public enum MeetingState
{
    Draft,
    Open,
    InProgress,
    Closed,
    Cancelled,
}

/// <summary>A kind of meeting that pre-fills the agenda and the invitees.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MeetingTemplate>))]
public enum MeetingTemplate
{
    None,
    ForumMeeting,
    PartnerCall,
    Training,
}

[JsonConverter(typeof(JsonStringEnumConverter<InviteeKind>))]
public enum InviteeKind
{
    User,
    PartnerOrganisation,
    /// <summary>Everyone who may see the workspace when the invitations go out.</summary>
    WorkspaceMembers,
}

[JsonConverter(typeof(JsonStringEnumConverter<RsvpAnswer>))]
public enum RsvpAnswer
{
    None,
    Yes,
    No,
    Maybe,
}

[JsonConverter(typeof(JsonStringEnumConverter<SeriesFrequency>))]
public enum SeriesFrequency
{
    /// <summary>Every <c>Interval</c> weeks on the first meeting's weekday.</summary>
    Weekly,
    /// <summary>Every <c>Interval</c> months on the same weekday of the month ("second Tuesday", "last Friday").</summary>
    MonthlyByWeekday,
    /// <summary>Every <c>Interval</c> months on the same day of the month (the month's last day when it is shorter).</summary>
    MonthlyByDate,
}

[JsonConverter(typeof(JsonStringEnumConverter<EditScope>))]
public enum EditScope
{
    ThisMeeting,
    ThisAndFollowing,
}

[JsonConverter(typeof(JsonStringEnumConverter<AttendanceMode>))]
public enum AttendanceMode
{
    InPerson,
    Online,
}

[JsonConverter(typeof(JsonStringEnumConverter<ActionItemStatus>))]
public enum ActionItemStatus
{
    Open,
    Done,
}

public sealed record InviteeSpec(InviteeKind Kind, Guid? TargetId = null);

/// <param name="Until">The last day a meeting of the series may fall on (in the meeting's time zone).</param>
/// <param name="Exceptions">Days of the pattern on which there is no meeting.</param>
public sealed record SeriesSpec(SeriesFrequency Frequency, int Interval = 1, DateOnly? Until = null, int? Count = null, IReadOnlyList<DateOnly>? Exceptions = null);

/// <param name="Start">Wall-clock time in <paramref name="TimeZoneId"/> (no offset): the meeting keeps it across daylight-saving changes.</param>
/// <param name="ProposalCutoff">Until when invitees may propose agenda items (wall-clock, same zone); none means until the meeting starts.</param>
/// <summary>What a new meeting and a change to one both say about it, so one set of rules checks both.</summary>
public interface IMeetingDetails
{
    string? Title { get; }
    string? Description { get; }
    DateTime? Start { get; }
    DateTime? End { get; }
    string? TimeZoneId { get; }
    string? Place { get; }
    string? Town { get; }
    string? OnlineLink { get; }
    IReadOnlyList<InviteeSpec>? Invitees { get; }
}

public sealed record CreateMeetingRequest(
    string? Title,
    string? Description,
    DateTime? Start,
    DateTime? End,
    string? TimeZoneId = null,
    string? Place = null,
    string? Town = null,
    string? OnlineLink = null,
    MeetingTemplate Template = MeetingTemplate.None,
    IReadOnlyList<InviteeSpec>? Invitees = null,
    SeriesSpec? Series = null,
    DateTime? ProposalCutoff = null) : IMeetingDetails;

/// <summary>Changes a meeting, or (<see cref="EditScope.ThisAndFollowing"/>) it and the later meetings of its series.</summary>
public sealed record UpdateMeetingRequest(
    string? Title,
    string? Description,
    DateTime? Start,
    DateTime? End,
    string? TimeZoneId,
    string? Place,
    string? Town,
    string? OnlineLink,
    IReadOnlyList<InviteeSpec>? Invitees,
    Guid? ConcurrencyStamp,
    EditScope Scope = EditScope.ThisMeeting) : IMeetingDetails;

public sealed record CancelMeetingRequest(string? Reason, EditScope Scope = EditScope.ThisMeeting);

public sealed record RsvpRequest(RsvpAnswer Answer, string? Note);

public sealed record AgendaItemRequest(string? Title, Guid? PresenterId, int Minutes, string? Description, IReadOnlyList<Guid>? DocumentIds = null);

public sealed record ReorderAgendaRequest(IReadOnlyList<Guid> ItemIds);

/// <summary>New minutes of an agenda item; <see cref="MinutesStamp"/> is the one read, so a second writer gets 409 with both texts.</summary>
public sealed record MinutesRequest(string? Text, Guid? MinutesStamp);

public sealed record AttendeeEntry(Guid UserId, AttendanceMode Mode);

public sealed record AttendanceRequest(IReadOnlyList<AttendeeEntry> Attendees, int? Women = null, int? Men = null, int? OtherGender = null);

public sealed record DecisionRequest(string? Text, Guid? AgendaItemId = null);

public sealed record ActionItemRequest(string? What, Guid OwnerId, DateOnly Due, Guid? AgendaItemId = null);

public sealed record CloseActionItemRequest(string? Note);

public sealed record MeetingSummaryDto(
    Guid Id,
    Guid WorkspaceId,
    string Title,
    MeetingState State,
    DateTime StartUtc,
    DateTime EndUtc,
    string TimeZoneId,
    string? Place,
    string? Town,
    string? OnlineLink,
    Guid? SeriesId,
    RsvpAnswer? MyAnswer,
    bool MinutesApproved);

public sealed record ParticipantDto(Guid UserId, string DisplayName, Guid? PartnerOrganisationId, RsvpAnswer Answer, string? Note, DateTime? AnsweredAtUtc);

public sealed record AgendaItemDto(
    Guid Id,
    int Position,
    string Title,
    Guid? PresenterId,
    int Minutes,
    string? Description,
    IReadOnlyList<Guid> DocumentIds,
    bool IsProposal,
    Guid? ProposedBy,
    string MinutesText,
    string MinutesHtml,
    Guid MinutesStamp,
    bool Reached,
    Guid? CarriedFromMeetingId);

/// <summary>The answer to adding or proposing an agenda item: its id.</summary>
public sealed record AgendaItemCreatedDto(Guid Id);

/// <summary>The answer to carrying an item forward: the meeting it now stands on.</summary>
public sealed record AgendaItemCarriedDto(Guid MeetingId);

/// <summary>The answer to saving an item's minutes: the stamp the next save must send.</summary>
public sealed record MinutesSavedDto(Guid MinutesStamp);

/// <param name="PlannedStartOffsets">Minutes from the meeting's start at which each item (in order) begins.</param>
public sealed record AgendaTimingDto(int TotalMinutes, int MeetingMinutes, int OverrunMinutes, IReadOnlyList<int> PlannedStartOffsets);

public sealed record AttendeeDto(Guid UserId, string DisplayName, Guid? PartnerOrganisationId, AttendanceMode Mode);

public sealed record MeetingHistoryDto(MeetingState From, MeetingState To, Guid? ActorId, DateTime AtUtc, string? Note);

public sealed record PartnerCoverageDto(Guid PartnerOrganisationId, string ShortName, string Side, int Yes, int Maybe, int No, int NoAnswer, int Present);

/// <summary>Who comes, per partner, and whether every invited partner and both sides are represented (by a "yes", or by presence once recorded).</summary>
public sealed record AttendanceOverviewDto(IReadOnlyList<PartnerCoverageDto> Partners, bool EveryInvitedPartnerRepresented, bool BothSidesRepresented);

public sealed record MeetingDto(
    Guid Id,
    Guid WorkspaceId,
    string Title,
    string? Description,
    MeetingState State,
    DateTime StartUtc,
    DateTime EndUtc,
    DateTime LocalStart,
    DateTime LocalEnd,
    string TimeZoneId,
    string? Place,
    string? Town,
    string? OnlineLink,
    Guid OrganiserId,
    Guid? SeriesId,
    int Sequence,
    DateTime? ProposalCutoffUtc,
    IReadOnlyList<InviteeSpec> Invitees,
    IReadOnlyList<ParticipantDto> Participants,
    IReadOnlyList<AgendaItemDto> Agenda,
    AgendaTimingDto Timing,
    IReadOnlyList<AttendeeDto> Attendance,
    int? Women,
    int? Men,
    int? OtherGender,
    IReadOnlyList<MeetingHistoryDto> History,
    IReadOnlyList<DecisionDto> Decisions,
    IReadOnlyList<ActionItemDto> ActionItems,
    IReadOnlyList<ActionItemDto> ReviewActionItems,
    bool MinutesApproved,
    bool CanOrganise,
    Guid ConcurrencyStamp,
    // The approved minutes' .docx kept as a document of the workspace (its page is /documents/{id}).
    Guid? MinutesDocumentId = null,
    // When the minutes were last sent for approval (null: not yet).
    DateTime? MinutesSubmittedAtUtc = null);

public sealed record MinutesConflictDto(Guid AgendaItemId, string CurrentText, string YourText, Guid CurrentStamp);

public sealed record DecisionDto(Guid Id, Guid WorkspaceId, Guid MeetingId, string MeetingTitle, Guid? AgendaItemId, string Code, string Text, DateTime DecidedAtUtc);

public sealed record ActionItemDto(
    Guid Id,
    Guid WorkspaceId,
    Guid MeetingId,
    string MeetingTitle,
    string What,
    Guid OwnerId,
    DateOnly Due,
    ActionItemStatus Status,
    string? ClosingNote,
    DateTime? ClosedAtUtc,
    Guid ConcurrencyStamp);

/// <summary>The user's personal feed: the URL is told only when it is made or renewed (only its hash is kept).</summary>
public sealed record CalendarFeedDto(bool Exists, DateTime? CreatedAtUtc, string? Url);
