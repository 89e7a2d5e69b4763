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

public sealed class MinutesDocumentTests
{
    private sealed class KeyTexts : Microsoft.Extensions.Localization.IStringLocalizer
    {
        public Microsoft.Extensions.Localization.LocalizedString this[string name] => new(name, name);
        public Microsoft.Extensions.Localization.LocalizedString this[string name, params object[] arguments] => new(name, name + " " + string.Join(" ", arguments));
        public IEnumerable<Microsoft.Extensions.Localization.LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }

    [Fact]
    public void The_minutes_docx_is_valid_and_carries_header_attendance_items_decisions_and_action_items()
    {
        var organiser = Guid.NewGuid();
        var partner = Guid.NewGuid();
        var meeting = new MeetingDto(Guid.NewGuid(), Guid.NewGuid(), "Forum meeting", null, MeetingState.Closed,
            new DateTime(2027, 4, 6, 8, 0, 0, DateTimeKind.Utc), new DateTime(2027, 4, 6, 10, 0, 0, DateTimeKind.Utc),
            new DateTime(2027, 4, 6, 10, 0, 0), new DateTime(2027, 4, 6, 12, 0, 0), "Europe/Belgrade", "Hotel", "Prishtina", null, organiser, null, 0, null,
            [], [new ParticipantDto(organiser, "Ana", partner, RsvpAnswer.Yes, null, null)],
            [new AgendaItemDto(Guid.NewGuid(), 1, "Schedule", null, 30, null, [], false, null, "Agreed on **May**.\nTrainings follow.", "", Guid.NewGuid(), true, null)],
            new AgendaTimingDto(30, 120, 0, [0]),
            [new AttendeeDto(organiser, "Ana", partner, AttendanceMode.InPerson)], 1, 0, 0, [],
            [new DecisionDto(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "Forum meeting", null, "F-2027-001", "Trainings move to May.", DateTime.UtcNow)],
            [new ActionItemDto(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "Forum meeting", "Book the hall", organiser, new DateOnly(2027, 4, 20), ActionItemStatus.Open, null, null, Guid.NewGuid())],
            [], false, true, Guid.NewGuid());

        var bytes = Minutes.MinutesDocument.Write(meeting, "Consortium Forum", new Dictionary<Guid, string> { [partner] = "BFPE" }, new KeyTexts());

        using var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(bytes), false);
        Assert.Empty(new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}"));
        var body = document.MainDocumentPart!.Document!.Body!.InnerText;
        Assert.Contains("Forum meeting", body);
        Assert.Contains("BFPE", body);
        Assert.Contains("Trainings follow.", body);
        Assert.Contains("F-2027-001", body);
        Assert.Contains("Book the hall", body);
        Assert.Equal("Consortium Forum", document.MainDocumentPart.HeaderParts.Single().Header!.InnerText);
    }
}
