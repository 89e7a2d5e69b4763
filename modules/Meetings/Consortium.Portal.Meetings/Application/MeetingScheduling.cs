using System.Globalization;
using Consortium.Portal.Identity;
using Consortium.Portal.Meetings.Data;
using Consortium.Portal.Meetings.Domain;
using Consortium.Portal.Meetings.Notifications;
using Consortium.Portal.Notifications;
using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Validation;
using Consortium.Portal.Workspaces;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Meetings.Application;

/// <summary>
/// Scheduling: drafting (from a template, alone or as a series), changing one meeting or it and the following ones,
/// the states, and answers to invitations. Invitees are told only once a meeting is open.
/// </summary>
internal sealed class MeetingScheduling(
    MeetingsDbContext db,
    MeetingAccess access,
    InviteeResolver invitees,
    IWorkspaceAccess workspaces,
    IUserDirectory users,
    INotificationSender notifications,
    ILiveChanges live,
    IStringLocalizer<MeetingsResource> text,
    TimeProvider clock,
    IValidator<CreateMeetingRequest> createRules,
    IValidator<UpdateMeetingRequest> updateRules,
    IValidator<RsvpRequest> rsvpRules,
    MeetingViews views)
{
    public async Task<Guid> CreateAsync(Guid workspaceId, CreateMeetingRequest request, CancellationToken cancellationToken = default)
    {
        await createRules.EnsureValidAsync(request, cancellationToken);
        await access.RequireWorkspaceAsync(workspaceId, WorkspaceAction.Edit, cancellationToken);
        var zone = MeetingTimes.FindZone(request.TimeZoneId ?? MeetingsConsts.DefaultTimeZone)!;
        var slot = new MeetingSlot(request.Start!.Value, request.End!.Value, zone);
        var inviteeSpecs = request.Invitees is { Count: > 0 } given ? given : await TemplateInviteesAsync(workspaceId, request.Template, cancellationToken);
        // Refuse an invitee outside the workspace now, not when the meeting opens.
        await invitees.ResolveAsync(workspaceId, inviteeSpecs, cancellationToken);
        var cutoffUtc = request.ProposalCutoff is { } cutoff ? MeetingTimes.ToUtc(cutoff, zone) : (DateTime?)null;

        IReadOnlyList<DateOnly> days = [DateOnly.FromDateTime(slot.LocalStart)];
        Guid? seriesId = null;
        if (request.Series is { } spec)
        {
            var rule = SeriesRule.From(spec);
            var series = MeetingSeries.Define(workspaceId, rule, days[0]);
            db.Series.Add(series);
            seriesId = series.Id;
            days = rule.Days(days[0]);
        }

        ForumMeeting? first = null;
        foreach (var day in days)
        {
            var daySlot = slot.On(day);
            var shift = daySlot.StartUtc - slot.StartUtc;
            var meeting = ForumMeeting.Schedule(workspaceId, access.UserId, request.Title!.Trim(), Clean(request.Description), daySlot,
                Clean(request.Place), Clean(request.Town), Clean(request.OnlineLink), request.Template, seriesId, cutoffUtc + shift);
            meeting.ReplaceInvitees(inviteeSpecs);
            foreach (var (title, minutes) in TemplateAgenda(request.Template))
            {
                meeting.AddAgendaItem(title, null, minutes, null, []);
            }
            db.Meetings.Add(meeting);
            first ??= meeting;
        }
        await db.SaveChangesAsync(cancellationToken);
        return first!.Id;
    }

    public async Task<MeetingState> UpdateAsync(Guid meetingId, UpdateMeetingRequest request, CancellationToken cancellationToken = default)
    {
        await updateRules.EnsureValidAsync(request, cancellationToken);
        var meeting = await LoadAsync(meetingId, cancellationToken);
        await access.RequireAsync(meeting, WorkspaceAction.Edit, cancellationToken);
        var stamp = request.ConcurrencyStamp!.Value;
        db.ExpectConcurrencyStamp(meeting, stamp);
        if (meeting.ConcurrencyStamp != stamp)
        {
            throw new ConcurrencyConflictException(nameof(ForumMeeting), meetingId, await views.GetAsync(meetingId, cancellationToken));
        }
        var zone = MeetingTimes.FindZone(request.TimeZoneId ?? meeting.TimeZoneId)!;
        var newSlot = new MeetingSlot(request.Start!.Value, request.End!.Value, zone);
        var specs = request.Invitees ?? meeting.Invitees.Select(i => new InviteeSpec(i.Kind, i.TargetId)).ToList();
        await invitees.ResolveAsync(meeting.WorkspaceId, specs, cancellationToken);

        var targets = new List<(ForumMeeting Meeting, MeetingSlot Slot)> { (meeting, newSlot) };
        if (request.Scope == EditScope.ThisAndFollowing && meeting.SeriesId is { } seriesId)
        {
            var dayShift = DateOnly.FromDateTime(newSlot.LocalStart).DayNumber - DateOnly.FromDateTime(meeting.LocalStart).DayNumber;
            var following = await db.WholeMeetings
                .Where(m => m.SeriesId == seriesId && m.StartUtc > meeting.StartUtc && (m.State == MeetingState.Draft || m.State == MeetingState.Open))
                .ToListAsync(cancellationToken);
            targets.AddRange(following.Select(m => (m, newSlot.On(DateOnly.FromDateTime(m.LocalStart).AddDays(dayShift)))));
        }
        foreach (var (target, slot) in targets)
        {
            target.Describe(request.Title!.Trim(), Clean(request.Description));
            var moved = target.Move(slot, Clean(request.Place), Clean(request.Town), Clean(request.OnlineLink));
            target.ReplaceInvitees(specs);
            if (target.IsAnnounced)
            {
                var newcomers = target.SetParticipants(await invitees.ResolveAsync(target.WorkspaceId, specs, cancellationToken));
                Notify(MeetingNotificationTypes.Invited, target, newcomers);
                if (moved)
                {
                    Notify(MeetingNotificationTypes.Moved, target, target.Participants.Select(p => p.UserId).Except(newcomers).ToList());
                }
            }
        }
        // Another organiser saved in between: the loser gets the meeting as a GET of it shows it now (the winner's stamp),
        // so the dialog, or any client, shows what was saved and starts again from it without reading it again.
        await db.SaveOrConflictAsync(nameof(ForumMeeting), meeting.Id, ct => views.GetAsync(meetingId, ct), cancellationToken);
        await live.MeetingsChangedAsync(targets.Select(t => t.Meeting.Id), MeetingChanges.Details);
        return meeting.State;
    }

    public async Task OpenAsync(Guid meetingId, CancellationToken cancellationToken = default)
    {
        var meeting = await LoadAsync(meetingId, cancellationToken);
        await access.RequireAsync(meeting, WorkspaceAction.Edit, cancellationToken);
        meeting.Open(access.UserId, Now);
        var people = await invitees.ResolveAsync(meeting.WorkspaceId, meeting.Invitees.Select(i => new InviteeSpec(i.Kind, i.TargetId)).ToList(), cancellationToken);
        meeting.SetParticipants(people);
        Notify(MeetingNotificationTypes.Invited, meeting, meeting.Participants.Select(p => p.UserId).ToList());
        await SaveAsync(meeting, cancellationToken);
        await live.MeetingsChangedAsync([meeting.Id], MeetingChanges.State);
    }

    public Task BeginAsync(Guid meetingId, CancellationToken cancellationToken = default)
        => ChangeAsync(meetingId, (m, actor) => m.Begin(actor, Now), cancellationToken);

    public Task CloseAsync(Guid meetingId, CancellationToken cancellationToken = default)
        => ChangeAsync(meetingId, (m, actor) => m.Close(actor, Now), cancellationToken);

    public Task ReopenAsync(Guid meetingId, string? note, CancellationToken cancellationToken = default)
        => ChangeAsync(meetingId, (m, actor) => m.Reopen(actor, Now, Clean(note)), cancellationToken);

    public async Task CancelAsync(Guid meetingId, CancelMeetingRequest request, CancellationToken cancellationToken = default)
    {
        var meeting = await LoadAsync(meetingId, cancellationToken);
        await access.RequireAsync(meeting, WorkspaceAction.Edit, cancellationToken);
        var targets = new List<ForumMeeting> { meeting };
        if (request.Scope == EditScope.ThisAndFollowing && meeting.SeriesId is { } seriesId)
        {
            targets.AddRange(await db.WholeMeetings
                .Where(m => m.SeriesId == seriesId && m.StartUtc > meeting.StartUtc && (m.State == MeetingState.Draft || m.State == MeetingState.Open))
                .ToListAsync(cancellationToken));
        }
        var series = meeting.SeriesId is { } id ? await db.Series.SingleOrDefaultAsync(s => s.Id == id, cancellationToken) : null;
        var told = new List<ForumMeeting>();
        foreach (var target in targets)
        {
            if (target.Cancel(access.UserId, Now, Clean(request.Reason)))
            {
                told.Add(target);
            }
            series?.AddException(DateOnly.FromDateTime(target.LocalStart));
        }
        // The rest of a series cancelled at once is one message to each invitee ("from 6 April on, 3 meetings"), not one per
        // meeting: the calendar feed shows each of them cancelled anyway.
        var parameters = new Dictionary<string, string>();
        if (Clean(request.Reason) is { } reason)
        {
            parameters["reason"] = reason;
        }
        if (told.Count == 1 || (told.Count > 1 && request.Scope != EditScope.ThisAndFollowing))
        {
            foreach (var target in told)
            {
                Send(MeetingNotificationTypes.Cancelled, target, target.Participants.Select(p => p.UserId).ToList(),
                    new Dictionary<string, string>(parameters) { ["meeting"] = target.Title, ["when"] = When(target) });
            }
        }
        else if (told.Count > 1)
        {
            var first = told.MinBy(m => m.StartUtc)!;
            Send(MeetingNotificationTypes.SeriesCancelled, first, told.SelectMany(m => m.Participants).Select(p => p.UserId).Distinct().ToList(),
                new Dictionary<string, string>(parameters)
                {
                    ["meeting"] = first.Title, ["when"] = When(first), ["count"] = told.Count.ToString(CultureInfo.InvariantCulture),
                });
        }
        await SaveAsync(meeting, cancellationToken);
        await live.MeetingsChangedAsync(targets.Select(t => t.Id), MeetingChanges.State);
    }

    public async Task RespondAsync(Guid meetingId, RsvpRequest request, CancellationToken cancellationToken = default)
    {
        await rsvpRules.EnsureValidAsync(request, cancellationToken);
        var meeting = await db.Meetings.Include(m => m.Participants).AsSplitQuery().SingleOrDefaultAsync(m => m.Id == meetingId, cancellationToken)
                      ?? throw new EntityNotFoundException(nameof(ForumMeeting), meetingId);
        await access.RequireAsync(meeting, WorkspaceAction.View, cancellationToken);
        meeting.Respond(access.UserId, request.Answer, request.Note, Now);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Records the answer an invitation link carries (<c>/meetings/{id}?rsvp=yes</c>), for the signed-in invitee. The meeting
    /// page calls this once it runs in the reader's browser, never while answering the link's GET: a mail scanner or a
    /// preview that fetches the link records nothing. Idempotent: the same answer again changes nothing.
    /// </summary>
    /// <returns>Whether the answer changed.</returns>
    public async Task<bool> RespondFromLinkAsync(Guid meetingId, RsvpAnswer answer, CancellationToken cancellationToken = default)
    {
        var meeting = await db.Meetings.Include(m => m.Participants).AsSplitQuery().SingleOrDefaultAsync(m => m.Id == meetingId, cancellationToken)
                      ?? throw new EntityNotFoundException(nameof(ForumMeeting), meetingId);
        await access.RequireAsync(meeting, WorkspaceAction.View, cancellationToken);
        if (!meeting.RespondFromLink(access.UserId, answer, Now))
        {
            return false;
        }
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    internal static string When(ForumMeeting meeting)
        => string.Create(CultureInfo.InvariantCulture, $"{meeting.LocalStart:yyyy-MM-dd HH:mm}–{meeting.LocalEnd:HH:mm} ({meeting.TimeZoneId})");

    internal static string Where(ForumMeeting meeting)
        => string.Join(", ", new[] { meeting.Place, meeting.Town, meeting.OnlineLink }.Where(s => !string.IsNullOrWhiteSpace(s)));

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task ChangeAsync(Guid meetingId, Action<ForumMeeting, Guid> change, CancellationToken cancellationToken)
    {
        var meeting = await LoadAsync(meetingId, cancellationToken);
        await access.RequireAsync(meeting, WorkspaceAction.Edit, cancellationToken);
        change(meeting, access.UserId);
        await SaveAsync(meeting, cancellationToken);
        await live.MeetingsChangedAsync([meeting.Id], MeetingChanges.State);
    }

    private async Task<ForumMeeting> LoadAsync(Guid meetingId, CancellationToken cancellationToken)
        => await db.WholeMeetings.SingleOrDefaultAsync(m => m.Id == meetingId, cancellationToken)
           ?? throw new EntityNotFoundException(nameof(ForumMeeting), meetingId);

    private Task SaveAsync(ForumMeeting meeting, CancellationToken cancellationToken)
        => db.SaveOrConflictAsync(nameof(ForumMeeting), meeting.Id, cancellationToken);


    private void Notify(NotificationTypeDefinition type, ForumMeeting meeting, IReadOnlyList<Guid> recipients)
        => Send(type, meeting, recipients, new Dictionary<string, string> { ["meeting"] = meeting.Title, ["when"] = When(meeting), ["where"] = Where(meeting) is { Length: > 0 } w ? w : "—" });

    private void Send(NotificationTypeDefinition type, ForumMeeting meeting, IReadOnlyList<Guid> recipients, Dictionary<string, string> parameters)
    {
        if (recipients.Count > 0)
        {
            var page = Api.MeetingsPaths.MeetingPage(meeting.Id);
            // An invitation is answered from the e-mail: each answer's link opens the meeting page, which records it after
            // sign-in (never on the link's GET, which mail scanners make too). The bell keeps the page itself.
            IReadOnlyList<NotificationAction>? answers = type == MeetingNotificationTypes.Invited
                ? [.. AnswerLinks.Select(a => new NotificationAction(a.LabelKey, $"{page}?rsvp={a.Answer}"))]
                : null;
            notifications.Send(new NotificationRequest(type.Name, recipients, parameters, page, answers));
        }
    }

    private static readonly (string Answer, string LabelKey)[] AnswerLinks =
        [("yes", "Notification:Invited:Yes"), ("maybe", "Notification:Invited:Maybe"), ("no", "Notification:Invited:No")];

    private async Task<IReadOnlyList<InviteeSpec>> TemplateInviteesAsync(Guid workspaceId, MeetingTemplate template, CancellationToken cancellationToken)
    {
        switch (template)
        {
            case MeetingTemplate.ForumMeeting or MeetingTemplate.Training:
                return [new InviteeSpec(InviteeKind.WorkspaceMembers)];
            case MeetingTemplate.PartnerCall:
                // A partner call is for the partners' leads among the workspace's members.
                var members = await workspaces.GetMembersAsync(workspaceId, WorkspaceRole.Viewer, cancellationToken);
                var people = await users.GetUsersAsync(members.Select(m => m.UserId).ToList(), cancellationToken);
                return people.Where(u => !u.IsDisabled && u.Roles.Contains(Platform.Security.PortalRoles.PartnerLead))
                    .Select(u => new InviteeSpec(InviteeKind.User, u.Id)).ToList();
            default:
                return [];
        }
    }

    private IEnumerable<(string Title, int Minutes)> TemplateAgenda(MeetingTemplate template) => template switch
    {
        MeetingTemplate.ForumMeeting =>
        [
            (text["Template.Forum.Review"], 15), (text["Template.Forum.Schedule"], 30),
            (text["Template.Forum.Developments"], 30), (text["Template.Forum.Other"], 15),
        ],
        MeetingTemplate.PartnerCall => [(text["Template.Call.Updates"], 20), (text["Template.Call.NextSteps"], 10)],
        MeetingTemplate.Training => [(text["Template.Training.Welcome"], 10), (text["Template.Training.Session"], 90), (text["Template.Training.Evaluation"], 20)],
        _ => [],
    };

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
