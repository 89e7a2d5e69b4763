using Consortium.Portal.Meetings.Domain;
using Consortium.Portal.Platform.Domain;

namespace Consortium.Portal.Meetings.Tests;

public sealed class MeetingRulesTests
{
    private static readonly TimeZoneInfo Belgrade = MeetingTimes.FindZone("Europe/Belgrade")!;
    private static readonly Guid Organiser = Guid.NewGuid();
    private static readonly Guid Invitee = Guid.NewGuid();
    private static readonly DateTime Before = new(2027, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    private static ForumMeeting OpenMeeting()
    {
        var meeting = ForumMeeting.Schedule(Guid.NewGuid(), Organiser, "Forum", null,
            new MeetingSlot(new DateTime(2027, 3, 10, 10, 0, 0), new DateTime(2027, 3, 10, 12, 0, 0), Belgrade),
            "Hotel", "Skopje", null, MeetingTemplate.ForumMeeting, null, null);
        meeting.SetParticipants([(Invitee, null)]);
        meeting.Open(Organiser, Before);
        return meeting;
    }

    [Fact]
    public void An_item_carried_twice_to_the_next_meeting_is_there_once_and_may_be_carried_again_once_removed()
    {
        var earlier = OpenMeeting();
        var next = OpenMeeting();
        var item = earlier.AddAgendaItem("Budget line", null, 15, null, []);

        next.TakeCarriedItem(item, earlier.Id);
        next.TakeCarriedItem(item, earlier.Id);
        var copy = Assert.Single(next.Agenda, i => i.CarriedFromMeetingId == earlier.Id);

        next.RemoveAgendaItem(copy.Id);
        next.TakeCarriedItem(item, earlier.Id);
        Assert.Single(next.Agenda, i => i.CarriedFromMeetingId == earlier.Id);
    }

    [Fact]
    public void An_invitee_answers_with_a_note_and_may_change_the_answer()
    {
        var meeting = OpenMeeting();

        meeting.Respond(Invitee, RsvpAnswer.Maybe, "  travelling  ", Before);
        meeting.Respond(Invitee, RsvpAnswer.Yes, null, Before.AddHours(1));

        var participant = Assert.Single(meeting.Participants);
        Assert.Equal(RsvpAnswer.Yes, participant.Answer);
        Assert.Null(participant.Note);
    }

    [Fact]
    public void An_answer_link_records_its_answer_once_and_keeps_the_note()
    {
        var meeting = OpenMeeting();
        meeting.Respond(Invitee, RsvpAnswer.Maybe, "travelling", Before);

        Assert.True(meeting.RespondFromLink(Invitee, RsvpAnswer.Yes, Before.AddHours(1)));
        Assert.False(meeting.RespondFromLink(Invitee, RsvpAnswer.Yes, Before.AddHours(2)));

        var mine = Assert.Single(meeting.Participants);
        Assert.Equal((RsvpAnswer.Yes, "travelling", Before.AddHours(1)), (mine.Answer, mine.Note, mine.AnsweredAtUtc));
        meeting.Cancel(Organiser, Before.AddHours(3), null);
        Assert.Equal("Rsvp.Cancelled", Assert.Throws<DomainRuleException>(() => meeting.RespondFromLink(Invitee, RsvpAnswer.Yes, Before.AddHours(4))).MessageKey);
    }

    [Fact]
    public void The_decisions_search_folds_case_and_accents()
    {
        var decision = Decision.Record(Guid.NewGuid(), Guid.NewGuid(), null, "F", 2027, 14, "Milena Kostić and Đorđe report to the Forum; Shqipëria", Before);
        Assert.Equal("f-2027-014 milena kostic and djordje report to the forum; shqiperia", decision.SearchText);
        Assert.Contains(Decision.SearchFold("KOSTIĆ"), decision.SearchText);
        Assert.Contains(Decision.SearchFold("F-2027-014"), decision.SearchText);
    }

    [Fact]
    public void Someone_not_invited_cannot_answer()
        => Assert.Throws<ForbiddenException>(() => OpenMeeting().Respond(Guid.NewGuid(), RsvpAnswer.Yes, null, Before));

    [Fact]
    public void An_answer_to_a_cancelled_meeting_says_it_was_cancelled()
    {
        var meeting = OpenMeeting();
        meeting.Cancel(Organiser, Before, "Strike");

        var refusal = Assert.Throws<DomainRuleException>(() => meeting.Respond(Invitee, RsvpAnswer.Yes, null, Before));
        Assert.Equal("Rsvp.Cancelled", refusal.MessageKey);
    }

    [Fact]
    public void A_draft_and_a_finished_meeting_take_no_answers()
    {
        var draft = ForumMeeting.Schedule(Guid.NewGuid(), Organiser, "Call", null,
            new MeetingSlot(new DateTime(2027, 3, 10, 10, 0, 0), new DateTime(2027, 3, 10, 11, 0, 0), Belgrade), null, null, null, MeetingTemplate.None, null, null);
        draft.SetParticipants([(Invitee, null)]);
        Assert.Equal("Rsvp.NotOpen", Assert.Throws<DomainRuleException>(() => draft.Respond(Invitee, RsvpAnswer.Yes, null, Before)).MessageKey);

        var over = OpenMeeting();
        Assert.Equal("Rsvp.Over", Assert.Throws<DomainRuleException>(() => over.Respond(Invitee, RsvpAnswer.No, null, over.EndUtc)).MessageKey);
    }

    [Fact]
    public void Moving_an_open_meeting_raises_its_sequence_and_a_draft_does_not()
    {
        var meeting = OpenMeeting();
        Assert.True(meeting.Move(meeting.Slot.On(new DateOnly(2027, 3, 11)), "Hotel", "Skopje", null));
        Assert.Equal(1, meeting.Sequence);
        Assert.False(meeting.Move(meeting.Slot, "Hotel", "Skopje", null));
        Assert.Equal(1, meeting.Sequence);
    }

    [Fact]
    public void Reopening_a_closed_meeting_stays_in_its_history()
    {
        var meeting = OpenMeeting();
        meeting.Begin(Organiser, Before);
        meeting.Close(Organiser, Before);
        meeting.Reopen(Organiser, Before, "A decision was missing");

        Assert.Equal(MeetingState.Open, meeting.State);
        Assert.Equal([MeetingState.Open, MeetingState.InProgress, MeetingState.Closed, MeetingState.Open], meeting.History.Select(h => h.To));
        Assert.Equal("A decision was missing", meeting.History[^1].Note);
    }

    [Fact]
    public void A_closed_meeting_is_read_only()
    {
        var meeting = OpenMeeting();
        meeting.Close(Organiser, Before);

        Assert.Equal("Meeting.ReadOnly", Assert.Throws<DomainRuleException>(() => meeting.AddAgendaItem("Late", null, 10, null, [])).MessageKey);
    }

    [Fact]
    public void The_second_writer_of_an_items_minutes_gets_a_conflict_with_both_texts()
    {
        var meeting = OpenMeeting();
        var item = meeting.AddAgendaItem("Schedule", null, 30, null, []);
        var read = item.MinutesStamp;

        meeting.WriteMinutes(item.Id, "First text", read);
        var conflict = Assert.Throws<ConcurrencyConflictException>(() => meeting.WriteMinutes(item.Id, "Second text", read));

        var texts = Assert.IsType<MinutesConflictDto>(conflict.Current);
        Assert.Equal("First text", texts.CurrentText);
        Assert.Equal("Second text", texts.YourText);
    }

    [Fact]
    public void Approved_minutes_are_locked()
    {
        var meeting = OpenMeeting();
        var item = meeting.AddAgendaItem("Schedule", null, 30, null, []);
        meeting.ApproveMinutes();

        Assert.Equal("Minutes.Locked", Assert.Throws<DomainRuleException>(() => meeting.WriteMinutes(item.Id, "Changed", item.MinutesStamp)).MessageKey);
    }

    [Fact]
    public void Proposals_are_taken_until_the_cut_off_and_only_from_invitees()
    {
        var meeting = OpenMeeting();
        var proposal = meeting.Propose(Invitee, "Budget", 10, null, Before);
        Assert.True(proposal.IsProposal);
        Assert.DoesNotContain(proposal, meeting.ScheduledItems());

        meeting.AcceptProposal(proposal.Id);
        Assert.Contains(proposal, meeting.ScheduledItems());
        Assert.Throws<ForbiddenException>(() => meeting.Propose(Guid.NewGuid(), "Other", 10, null, Before));
        Assert.Equal("Agenda.ProposalsClosed", Assert.Throws<DomainRuleException>(() => meeting.Propose(Invitee, "Late", 10, null, meeting.StartUtc)).MessageKey);
    }

    [Fact]
    public void Reordering_needs_every_item_once()
    {
        var meeting = OpenMeeting();
        var a = meeting.AddAgendaItem("A", null, 10, null, []);
        var b = meeting.AddAgendaItem("B", null, 10, null, []);

        meeting.Reorder([b.Id, a.Id]);
        Assert.Equal(["B", "A"], meeting.ScheduledItems().Select(i => i.Title));
        Assert.Throws<DomainRuleException>(() => meeting.Reorder([b.Id]));
    }

    [Fact]
    public void Decisions_are_numbered_with_the_prefix_year_and_three_digits()
        => Assert.Equal("F-2027-014", Decision.Format("F", 2027, 14));
}
