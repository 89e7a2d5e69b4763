using Consortium.Portal.Platform.Domain;

namespace Consortium.Portal.Meetings.Domain;

/// <summary>
/// A meeting of a workspace (the Consortium Forum, a partner call, a training): its time and place, invitees and their
/// answers, agenda with minutes, attendance and the history of its states. Decisions and action items are aggregates
/// of their own, numbered and followed across meetings.
/// </summary>
public sealed class ForumMeeting : AggregateRoot<Guid>, IAuditedEntity
{
    private readonly List<MeetingInvitee> _invitees = [];
    private readonly List<MeetingParticipant> _participants = [];
    private readonly List<AgendaItem> _agenda = [];
    private readonly List<MeetingAttendee> _attendees = [];
    private readonly List<MeetingHistoryEntry> _history = [];

    private ForumMeeting() { }

    public static ForumMeeting Schedule(Guid workspaceId, Guid organiserId, string title, string? description, MeetingSlot slot,
        string? place, string? town, string? onlineLink, MeetingTemplate template, Guid? seriesId, DateTime? proposalCutoffUtc)
    {
        var meeting = new ForumMeeting
        {
            Id = Guid.CreateVersion7(),
            WorkspaceId = workspaceId,
            OrganiserId = organiserId,
            Template = template,
            SeriesId = seriesId,
            State = MeetingState.Draft,
        };
        meeting.Describe(title, description);
        meeting.Move(slot, place, town, onlineLink);
        meeting.ProposalCutoffUtc = proposalCutoffUtc;
        return meeting;
    }

    public Guid WorkspaceId { get; private set; }
    public Guid OrganiserId { get; private set; }
    public Guid? SeriesId { get; private set; }
    public MeetingTemplate Template { get; private set; }
    public string Title { get; private set; } = "";
    public string? Description { get; private set; }
    public MeetingState State { get; private set; }
    public string TimeZoneId { get; private set; } = MeetingsConsts.DefaultTimeZone;
    public DateTime LocalStart { get; private set; }
    public DateTime LocalEnd { get; private set; }
    public DateTime StartUtc { get; private set; }
    public DateTime EndUtc { get; private set; }
    public string? Place { get; private set; }
    public string? Town { get; private set; }
    public string? OnlineLink { get; private set; }
    /// <summary>The iCalendar SEQUENCE: raised by every move and by the cancellation, so calendar programs take the change.</summary>
    public int Sequence { get; private set; }
    public DateTime? ProposalCutoffUtc { get; private set; }
    public DateTime? ReminderSentAtUtc { get; set; }
    public bool MinutesApproved { get; private set; }
    /// <summary>When the minutes last went to the leads for approval (a first time, or back after changes).</summary>
    public DateTime? MinutesSubmittedAtUtc { get; private set; }
    /// <summary>The workspace document that keeps the approved minutes' .docx; set once, so a redelivered approval stores nothing.</summary>
    public Guid? MinutesDocumentId { get; private set; }
    public int? Women { get; private set; }
    public int? Men { get; private set; }
    public int? OtherGender { get; private set; }

    public DateTime CreatedAtUtc { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTime? ModifiedAtUtc { get; set; }
    public Guid? ModifiedBy { get; set; }

    public IReadOnlyList<MeetingInvitee> Invitees => _invitees;
    public IReadOnlyList<MeetingParticipant> Participants => _participants;
    public IReadOnlyList<AgendaItem> Agenda => _agenda;
    public IReadOnlyList<MeetingAttendee> Attendees => _attendees;
    public IReadOnlyList<MeetingHistoryEntry> History => _history;

    public MeetingSlot Slot => new(LocalStart, LocalEnd, MeetingTimes.FindZone(TimeZoneId) ?? TimeZoneInfo.Utc);

    /// <summary>Whether anyone has been told of the meeting (invitations, moves and cancellations go out only then).</summary>
    public bool IsAnnounced => State is not MeetingState.Draft;

    public void Describe(string title, string? description)
    {
        EnsureEditable();
        Title = title;
        Description = description;
    }

    /// <summary>Sets the time and place; true when an announced meeting really moved (its invitees are told).</summary>
    public bool Move(MeetingSlot slot, string? place, string? town, string? onlineLink)
    {
        EnsureEditable();
        var moved = slot.StartUtc != StartUtc || slot.EndUtc != EndUtc || place != Place || town != Town || onlineLink != OnlineLink;
        TimeZoneId = slot.Zone.Id;
        LocalStart = DateTime.SpecifyKind(slot.LocalStart, DateTimeKind.Unspecified);
        LocalEnd = DateTime.SpecifyKind(slot.LocalEnd, DateTimeKind.Unspecified);
        StartUtc = slot.StartUtc;
        EndUtc = slot.EndUtc;
        Place = place;
        Town = town;
        OnlineLink = onlineLink;
        if (moved && IsAnnounced)
        {
            Sequence++;
            return true;
        }
        return false;
    }

    public void ReplaceInvitees(IEnumerable<InviteeSpec> invitees)
    {
        EnsureEditable();
        _invitees.Clear();
        foreach (var spec in invitees.Distinct())
        {
            _invitees.Add(new MeetingInvitee(Id, spec.Kind, spec.Kind == InviteeKind.WorkspaceMembers ? null : spec.TargetId));
        }
    }

    /// <summary>
    /// The people the invitees stand for now. Those still invited keep their answers; the newly invited are returned,
    /// so only they are sent an invitation.
    /// </summary>
    public IReadOnlyList<Guid> SetParticipants(IReadOnlyCollection<(Guid UserId, Guid? PartnerOrganisationId)> people)
    {
        var wanted = people.DistinctBy(p => p.UserId).ToDictionary(p => p.UserId, p => p.PartnerOrganisationId);
        _participants.RemoveAll(p => !wanted.ContainsKey(p.UserId));
        var added = new List<Guid>();
        foreach (var (userId, partnerId) in wanted)
        {
            if (_participants.FirstOrDefault(p => p.UserId == userId) is { } existing)
            {
                existing.PartnerOrganisationId = partnerId;
            }
            else
            {
                _participants.Add(new MeetingParticipant(Id, userId, partnerId));
                added.Add(userId);
            }
        }
        return added;
    }

    public bool IsInvited(Guid userId) => _participants.Any(p => p.UserId == userId);

    public void Open(Guid actorId, DateTime nowUtc) => ChangeState([MeetingState.Draft], MeetingState.Open, actorId, nowUtc, null);

    public void Begin(Guid actorId, DateTime nowUtc) => ChangeState([MeetingState.Open], MeetingState.InProgress, actorId, nowUtc, null);

    public void Close(Guid actorId, DateTime nowUtc)
    {
        ChangeState([MeetingState.Open, MeetingState.InProgress], MeetingState.Closed, actorId, nowUtc, null);
        Raise(new MeetingClosed(Id, WorkspaceId));
    }

    /// <summary>Back to Open, with the reopening in the history.</summary>
    public void Reopen(Guid actorId, DateTime nowUtc, string? note) => ChangeState([MeetingState.Closed], MeetingState.Open, actorId, nowUtc, note);

    /// <summary>Cancels a meeting that has not taken place; true when it had been announced (the invitees are told).</summary>
    public bool Cancel(Guid actorId, DateTime nowUtc, string? reason)
    {
        var announced = IsAnnounced;
        ChangeState([MeetingState.Draft, MeetingState.Open], MeetingState.Cancelled, actorId, nowUtc, reason);
        Sequence++;
        return announced;
    }

    public void ApproveMinutes() => MinutesApproved = true;

    /// <summary>A closed meeting's minutes go to approval; approved ones are locked.</summary>
    public void SubmitMinutes(DateTime nowUtc)
    {
        if (State != MeetingState.Closed || MinutesApproved)
        {
            throw new DomainRuleException(MinutesApproved ? "Minutes.Locked" : "Minutes.CloseFirst", typeof(MeetingsResource));
        }
        MinutesSubmittedAtUtc = nowUtc;
    }

    public void KeepMinutesAs(Guid documentId)
    {
        if (!MinutesApproved)
        {
            throw new DomainRuleException("Minutes.NotApproved", typeof(MeetingsResource));
        }
        MinutesDocumentId = documentId;
    }

    /// <summary>The RSVP rules: an invitee answers an open meeting that has not ended; a cancelled one says so.</summary>
    public void Respond(Guid userId, RsvpAnswer answer, string? note, DateTime nowUtc)
    {
        var participant = Answerable(userId, answer, nowUtc);
        participant.Answer = answer;
        participant.Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        participant.AnsweredAtUtc = nowUtc;
    }

    /// <summary>
    /// The answer an invitation link carries. Following the same link again changes nothing (not even the time of the
    /// answer), and the note written on the page before stays: the link says only yes, no or maybe.
    /// </summary>
    /// <returns>Whether the answer changed.</returns>
    public bool RespondFromLink(Guid userId, RsvpAnswer answer, DateTime nowUtc)
    {
        var participant = Answerable(userId, answer, nowUtc);
        if (participant.Answer == answer)
        {
            return false;
        }
        participant.Answer = answer;
        participant.AnsweredAtUtc = nowUtc;
        return true;
    }

    private MeetingParticipant Answerable(Guid userId, RsvpAnswer answer, DateTime nowUtc)
    {
        switch (State)
        {
            case MeetingState.Cancelled:
                throw new DomainRuleException("Rsvp.Cancelled", typeof(MeetingsResource), Title);
            case MeetingState.Draft:
                throw new DomainRuleException("Rsvp.NotOpen", typeof(MeetingsResource));
            case MeetingState.Closed:
                throw new DomainRuleException("Rsvp.Closed", typeof(MeetingsResource));
        }
        if (nowUtc >= EndUtc)
        {
            throw new DomainRuleException("Rsvp.Over", typeof(MeetingsResource));
        }
        if (answer == RsvpAnswer.None)
        {
            throw new DomainRuleException("Rsvp.AnswerRequired", typeof(MeetingsResource));
        }
        return _participants.FirstOrDefault(p => p.UserId == userId)
               ?? throw new ForbiddenException("Only an invitee answers an invitation.");
    }

    public AgendaItem AddAgendaItem(string title, Guid? presenterId, int minutes, string? description, IReadOnlyList<Guid> documentIds)
    {
        EnsureEditable();
        EnsureAgendaRoom();
        var item = new AgendaItem(Id, NextPosition(), title, presenterId, minutes, description, documentIds, proposedBy: null);
        _agenda.Add(item);
        return item;
    }

    /// <summary>An invitee's proposal goes to the backlog until the cut-off (or the start); the organiser takes it in.</summary>
    public AgendaItem Propose(Guid userId, string title, int minutes, string? description, DateTime nowUtc)
    {
        EnsureEditable();
        if (userId != OrganiserId && !IsInvited(userId))
        {
            throw new ForbiddenException("Only invitees propose agenda items.");
        }
        if (nowUtc >= (ProposalCutoffUtc ?? StartUtc))
        {
            throw new DomainRuleException("Agenda.ProposalsClosed", typeof(MeetingsResource), ProposalCutoffUtc ?? StartUtc);
        }
        EnsureAgendaRoom();
        var item = new AgendaItem(Id, 0, title, null, minutes, description, [], proposedBy: userId);
        _agenda.Add(item);
        return item;
    }

    public void AcceptProposal(Guid itemId)
    {
        EnsureEditable();
        var item = Item(itemId);
        if (item.IsProposal)
        {
            item.IsProposal = false;
            item.Position = NextPosition();
        }
    }

    public void UpdateAgendaItem(Guid itemId, string title, Guid? presenterId, int minutes, string? description, IReadOnlyList<Guid> documentIds)
    {
        EnsureEditable();
        Item(itemId).Update(title, presenterId, minutes, description, documentIds);
    }

    public void RemoveAgendaItem(Guid itemId)
    {
        EnsureEditable();
        _agenda.Remove(Item(itemId));
        Renumber(ScheduledItems().Select(i => i.Id).ToList());
    }

    /// <summary>The agenda in the given order; every scheduled item exactly once.</summary>
    public void Reorder(IReadOnlyList<Guid> itemIds)
    {
        EnsureEditable();
        var scheduled = ScheduledItems().Select(i => i.Id).ToHashSet();
        if (itemIds.Count != scheduled.Count || !itemIds.ToHashSet().SetEquals(scheduled))
        {
            throw new DomainRuleException("Agenda.ReorderMismatch", typeof(MeetingsResource));
        }
        Renumber(itemIds);
    }

    public IEnumerable<AgendaItem> ScheduledItems() => _agenda.Where(i => !i.IsProposal).OrderBy(i => i.Position);

    public AgendaTimingDto Timing() => AgendaTiming.Of(ScheduledItems().Select(i => i.Minutes), LocalEnd - LocalStart);

    /// <summary>
    /// Writes an item's minutes if nobody else wrote them since <paramref name="readStamp"/>; otherwise the conflict
    /// carries both texts, so the second writer loses nothing.
    /// </summary>
    public void WriteMinutes(Guid itemId, string text, Guid readStamp)
    {
        EnsureMinutesWritable();
        var item = Item(itemId);
        if (item.MinutesStamp != readStamp)
        {
            throw new ConcurrencyConflictException(nameof(AgendaItem), itemId, new MinutesConflictDto(itemId, item.MinutesText, text, item.MinutesStamp));
        }
        item.MinutesText = text;
        item.MinutesStamp = Guid.NewGuid();
        item.Reached = true;
    }

    /// <summary>Marks an item as not reached and returns what the next meeting of the series takes over.</summary>
    public AgendaItem CarryForwardFrom(Guid itemId)
    {
        EnsureMinutesWritable();
        var item = Item(itemId);
        if (SeriesId is null)
        {
            throw new DomainRuleException("Agenda.NoSeries", typeof(MeetingsResource));
        }
        item.Reached = false;
        item.CarriedForward = true;
        return item;
    }

    public void TakeCarriedItem(AgendaItem from, Guid fromMeetingId)
    {
        EnsureEditable();
        // Carried here already (the button pressed twice, or pressed again after a slow answer): one copy, not two. An
        // organiser who removed the copy can carry the item again.
        if (_agenda.Any(i => !i.IsProposal && i.CarriedFromMeetingId == fromMeetingId && i.Title == from.Title))
        {
            return;
        }
        EnsureAgendaRoom();
        var description = string.IsNullOrWhiteSpace(from.MinutesText)
            ? from.Description
            : string.Join("\n\n", new[] { from.Description, from.MinutesText }.Where(t => !string.IsNullOrWhiteSpace(t)));
        var item = new AgendaItem(Id, NextPosition(), from.Title, from.PresenterId, from.Minutes, description, from.DocumentIds, proposedBy: null)
        {
            CarriedFromMeetingId = fromMeetingId,
        };
        _agenda.Add(item);
    }

    public void RecordAttendance(IReadOnlyCollection<(Guid UserId, Guid? PartnerOrganisationId, AttendanceMode Mode)> present, int? women, int? men, int? otherGender)
    {
        EnsureMinutesWritable();
        _attendees.Clear();
        foreach (var (userId, partnerId, mode) in present.DistinctBy(p => p.UserId))
        {
            _attendees.Add(new MeetingAttendee(Id, userId, partnerId, mode));
        }
        Women = women;
        Men = men;
        OtherGender = otherGender;
    }

    public void EnsureMinutesWritable()
    {
        if (MinutesApproved)
        {
            throw new DomainRuleException("Minutes.Locked", typeof(MeetingsResource));
        }
        if (State is MeetingState.Closed or MeetingState.Cancelled)
        {
            throw new DomainRuleException("Meeting.ReadOnly", typeof(MeetingsResource));
        }
    }

    private void EnsureEditable()
    {
        if (State is MeetingState.Closed or MeetingState.Cancelled)
        {
            throw new DomainRuleException("Meeting.ReadOnly", typeof(MeetingsResource));
        }
    }

    private void EnsureAgendaRoom()
    {
        if (_agenda.Count >= MeetingsConsts.MaxAgendaItems)
        {
            throw new DomainRuleException("Agenda.TooManyItems", typeof(MeetingsResource), MeetingsConsts.MaxAgendaItems);
        }
    }

    private AgendaItem Item(Guid itemId) => _agenda.FirstOrDefault(i => i.Id == itemId) ?? throw new EntityNotFoundException(nameof(AgendaItem), itemId);

    private int NextPosition() => ScheduledItems().Select(i => i.Position).DefaultIfEmpty(0).Max() + 1;

    private void Renumber(IReadOnlyList<Guid> order)
    {
        for (var i = 0; i < order.Count; i++)
        {
            Item(order[i]).Position = i + 1;
        }
    }

    private void ChangeState(MeetingState[] from, MeetingState to, Guid actorId, DateTime nowUtc, string? note)
    {
        if (!from.Contains(State))
        {
            throw new DomainRuleException("Meeting.InvalidTransition", typeof(MeetingsResource), State.ToString(), to.ToString());
        }
        _history.Add(new MeetingHistoryEntry(Id, State, to, actorId, nowUtc, note));
        State = to;
    }
}

public sealed class MeetingInvitee
{
    private MeetingInvitee() { }

    public MeetingInvitee(Guid meetingId, InviteeKind kind, Guid? targetId)
    {
        Id = Guid.CreateVersion7();
        MeetingId = meetingId;
        Kind = kind;
        TargetId = targetId;
    }

    public Guid Id { get; private set; }
    public Guid MeetingId { get; private set; }
    public InviteeKind Kind { get; private set; }
    public Guid? TargetId { get; private set; }
}

/// <summary>One person the invitees stand for, with their answer.</summary>
public sealed class MeetingParticipant
{
    private MeetingParticipant() { }

    public MeetingParticipant(Guid meetingId, Guid userId, Guid? partnerOrganisationId)
    {
        MeetingId = meetingId;
        UserId = userId;
        PartnerOrganisationId = partnerOrganisationId;
    }

    public Guid MeetingId { get; private set; }
    public Guid UserId { get; private set; }
    public Guid? PartnerOrganisationId { get; set; }
    public RsvpAnswer Answer { get; set; }
    public string? Note { get; set; }
    public DateTime? AnsweredAtUtc { get; set; }
}

public sealed class AgendaItem
{
    private AgendaItem() { }

    public AgendaItem(Guid meetingId, int position, string title, Guid? presenterId, int minutes, string? description, IReadOnlyList<Guid> documentIds, Guid? proposedBy)
    {
        Id = Guid.CreateVersion7();
        MeetingId = meetingId;
        Position = position;
        IsProposal = proposedBy is not null;
        ProposedBy = proposedBy;
        Update(title, presenterId, minutes, description, documentIds);
    }

    public Guid Id { get; private set; }
    public Guid MeetingId { get; private set; }
    public int Position { get; set; }
    public string Title { get; private set; } = "";
    public Guid? PresenterId { get; private set; }
    public int Minutes { get; private set; }
    public string? Description { get; private set; }
    public List<Guid> DocumentIds { get; private set; } = [];
    public bool IsProposal { get; set; }
    public Guid? ProposedBy { get; private set; }
    public string MinutesText { get; set; } = "";
    /// <summary>Renewed by every write of the minutes; a write based on an older stamp is a conflict.</summary>
    public Guid MinutesStamp { get; set; } = Guid.NewGuid();
    public bool Reached { get; set; }
    public bool CarriedForward { get; set; }
    public Guid? CarriedFromMeetingId { get; set; }

    public void Update(string title, Guid? presenterId, int minutes, string? description, IReadOnlyList<Guid> documentIds)
    {
        Title = title;
        PresenterId = presenterId;
        Minutes = minutes;
        Description = description;
        DocumentIds = documentIds.Distinct().ToList();
    }
}

public sealed class MeetingAttendee
{
    private MeetingAttendee() { }

    public MeetingAttendee(Guid meetingId, Guid userId, Guid? partnerOrganisationId, AttendanceMode mode)
    {
        MeetingId = meetingId;
        UserId = userId;
        PartnerOrganisationId = partnerOrganisationId;
        Mode = mode;
    }

    public Guid MeetingId { get; private set; }
    public Guid UserId { get; private set; }
    public Guid? PartnerOrganisationId { get; private set; }
    public AttendanceMode Mode { get; private set; }
}

public sealed class MeetingHistoryEntry
{
    private MeetingHistoryEntry() { }

    public MeetingHistoryEntry(Guid meetingId, MeetingState from, MeetingState to, Guid? actorId, DateTime atUtc, string? note)
    {
        Id = Guid.CreateVersion7();
        MeetingId = meetingId;
        From = from;
        To = to;
        ActorId = actorId;
        AtUtc = atUtc;
        Note = note;
    }

    public Guid Id { get; private set; }
    public Guid MeetingId { get; private set; }
    public MeetingState From { get; private set; }
    public MeetingState To { get; private set; }
    public Guid? ActorId { get; private set; }
    public DateTime AtUtc { get; private set; }
    public string? Note { get; private set; }
}
