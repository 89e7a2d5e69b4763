namespace Consortium.Portal.Meetings.Components;

/// <summary>
/// What the meeting form holds while someone fills it in (<see cref="MeetingDetailsFields"/>): the day and the two
/// wall-clock times as the pickers give them, turned into the requests' start and end in the meeting's own zone. The
/// workspace's "new meeting" form and the meeting page's "edit details" dialog share it, so both ask the same way.
/// </summary>
public sealed class MeetingDetailsInput
{
    public string? Title { get; set; }
    public string? Description { get; set; }
    public DateTime? Day { get; set; }
    public TimeSpan? From { get; set; }
    public TimeSpan? To { get; set; }
    public string TimeZoneId { get; set; } = MeetingsConsts.DefaultTimeZone;
    public string? Place { get; set; }
    public string? Town { get; set; }
    public string? OnlineLink { get; set; }

    /// <summary>
    /// How many days after its start a meeting ends (0 for all but one that runs past midnight): kept from the meeting
    /// read, so changing its title does not make its end come before its start.
    /// </summary>
    public int EndsDaysLater { get; set; }

    public DateTime? Start => Day is { } day && From is { } from ? day.Date + from : null;

    public DateTime? End => Day is { } day && To is { } to ? day.Date.AddDays(EndsDaysLater) + to : null;

    /// <summary>A new meeting: a week from <paramref name="today"/>, 10:00 to 12:00 in the consortium's zone.</summary>
    public static MeetingDetailsInput ForNewMeeting(DateTime today)
        => new() { Day = today.Date.AddDays(7), From = new TimeSpan(10, 0, 0), To = new TimeSpan(12, 0, 0) };

    /// <summary>The meeting as it was read, in its own zone's wall-clock time.</summary>
    public static MeetingDetailsInput Of(MeetingDto meeting) => new()
    {
        Title = meeting.Title,
        Description = meeting.Description,
        Day = meeting.LocalStart.Date,
        From = meeting.LocalStart.TimeOfDay,
        To = meeting.LocalEnd.TimeOfDay,
        EndsDaysLater = (meeting.LocalEnd.Date - meeting.LocalStart.Date).Days,
        TimeZoneId = meeting.TimeZoneId,
        Place = meeting.Place,
        Town = meeting.Town,
        OnlineLink = meeting.OnlineLink,
    };

    public CreateMeetingRequest ToCreateRequest(MeetingTemplate template, SeriesSpec? series)
        => new(Title, Description, Start, End, TimeZoneId, Place, Town, OnlineLink, template, null, series);

    /// <summary>The change, against the stamp read; the invitees stay as they are (null).</summary>
    public UpdateMeetingRequest ToUpdateRequest(Guid concurrencyStamp, EditScope scope)
        => new(Title, Description, Start, End, TimeZoneId, Place, Town, OnlineLink, null, concurrencyStamp, scope);
}
