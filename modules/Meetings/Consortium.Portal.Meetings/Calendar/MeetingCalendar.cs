using Consortium.Portal.Meetings.Domain;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Consortium.Portal.Meetings.Calendar;

/// <summary>
/// Meetings as RFC 5545 text, written with Ical.Net. Each meeting keeps one UID; a move or a cancellation raises its
/// SEQUENCE, and a cancelled meeting stays in the feed with STATUS:CANCELLED, so subscribed calendars update it rather
/// than keep a stale copy. Times are written in UTC: every calendar program shows them in its own zone.
/// </summary>
public static class MeetingCalendar
{
    public const string ContentType = "text/calendar; charset=utf-8";

    public static string Write(string calendarName, IEnumerable<ForumMeeting> meetings, string? baseUrl)
    {
        var calendar = new Ical.Net.Calendar { Method = "PUBLISH" };
        calendar.AddProperty("X-WR-CALNAME", calendarName);
        foreach (var meeting in meetings)
        {
            calendar.Events.Add(ToEvent(meeting, baseUrl));
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    public static string Uid(Guid meetingId) => $"{meetingId:D}@meetings.consortium-portal";

    private static CalendarEvent ToEvent(ForumMeeting meeting, string? baseUrl)
    {
        var location = string.Join(", ", new[] { meeting.Place, meeting.Town }.Where(s => !string.IsNullOrWhiteSpace(s)));
        var description = string.Join("\n\n", new[] { meeting.Description, meeting.OnlineLink }.Where(s => !string.IsNullOrWhiteSpace(s)));
        var calendarEvent = new CalendarEvent
        {
            Uid = Uid(meeting.Id),
            Summary = meeting.Title,
            DtStart = new CalDateTime(DateTime.SpecifyKind(meeting.StartUtc, DateTimeKind.Utc)),
            DtEnd = new CalDateTime(DateTime.SpecifyKind(meeting.EndUtc, DateTimeKind.Utc)),
            DtStamp = new CalDateTime(DateTime.SpecifyKind(meeting.ModifiedAtUtc ?? meeting.CreatedAtUtc, DateTimeKind.Utc)),
            Sequence = meeting.Sequence,
            Status = meeting.State == MeetingState.Cancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
        };
        if (location.Length > 0)
        {
            calendarEvent.Location = location;
        }
        if (description.Length > 0)
        {
            calendarEvent.Description = description;
        }
        if (baseUrl is not null && Uri.TryCreate($"{baseUrl.TrimEnd('/')}{Api.MeetingsPaths.Page}/{meeting.Id}", UriKind.Absolute, out var url))
        {
            calendarEvent.Url = url;
        }
        return calendarEvent;
    }
}
