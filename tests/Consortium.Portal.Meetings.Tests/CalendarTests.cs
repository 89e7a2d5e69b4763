using Consortium.Portal.Meetings.Calendar;
using Consortium.Portal.Meetings.Domain;
using Ical.Net;

namespace Consortium.Portal.Meetings.Tests;

public sealed class CalendarTests
{
    private static readonly TimeZoneInfo Belgrade = MeetingTimes.FindZone("Europe/Belgrade")!;

    private static ForumMeeting Meeting(string title, DateTime localStart)
    {
        var meeting = ForumMeeting.Schedule(Guid.NewGuid(), Guid.NewGuid(), title, "Agenda attached", new MeetingSlot(localStart, localStart.AddHours(2), Belgrade),
            "Hotel Prishtina", "Prishtina", "https://meet.example.org/forum", MeetingTemplate.ForumMeeting, null, null);
        meeting.Open(Guid.NewGuid(), DateTime.UtcNow);
        return meeting;
    }

    [Fact]
    public void The_feed_parses_back_with_a_moved_and_a_cancelled_meeting()
    {
        var plain = Meeting("Forum", new DateTime(2027, 4, 6, 10, 0, 0));
        var moved = Meeting("Partner call", new DateTime(2027, 4, 7, 10, 0, 0));
        moved.Move(moved.Slot.On(new DateOnly(2027, 4, 8)), moved.Place, moved.Town, moved.OnlineLink);
        var cancelled = Meeting("Training", new DateTime(2027, 4, 9, 9, 0, 0));
        cancelled.Cancel(Guid.NewGuid(), DateTime.UtcNow, null);

        var text = MeetingCalendar.Write("Ana", [plain, moved, cancelled], "https://portal.example.org");
        var calendar = Ical.Net.Calendar.Load(text)!;

        var events = calendar.Events.ToDictionary(e => e.Summary!);
        Assert.Equal(3, events.Count);
        Assert.Equal(MeetingCalendar.Uid(plain.Id), events["Forum"].Uid);
        Assert.Equal(0, events["Forum"].Sequence);
        Assert.Equal(new DateTime(2027, 4, 6, 8, 0, 0, DateTimeKind.Utc), events["Forum"].DtStart!.AsUtc);
        Assert.Equal("Hotel Prishtina, Prishtina", events["Forum"].Location);
        Assert.Equal(1, events["Partner call"].Sequence);
        Assert.Equal(new DateTime(2027, 4, 8, 8, 0, 0, DateTimeKind.Utc), events["Partner call"].DtStart!.AsUtc);
        Assert.Equal(EventStatus.Confirmed, events["Partner call"].Status);
        Assert.Equal(EventStatus.Cancelled, events["Training"].Status);
        Assert.Equal(1, events["Training"].Sequence);
        Assert.Equal(new Uri($"https://portal.example.org/meetings/{plain.Id}"), events["Forum"].Url);
    }
}
