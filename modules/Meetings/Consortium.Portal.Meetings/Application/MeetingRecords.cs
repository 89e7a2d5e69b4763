using Consortium.Portal.Identity;
using Consortium.Portal.Meetings.Data;
using Consortium.Portal.Meetings.Domain;
using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Validation;
using Consortium.Portal.Workspaces;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Meetings.Application;

/// <summary>What a meeting leaves behind: minutes per item, attendance, numbered decisions and action items.</summary>
internal sealed class MeetingRecords(
    MeetingsDbContext db,
    MeetingAccess access,
    IWorkspaceAccess workspaces,
    IUserDirectory users,
    IConfiguration configuration,
    IStringLocalizer<MeetingsResource> text,
    TimeProvider clock,
    IValidator<MinutesRequest> minutesRules,
    IValidator<AttendanceRequest> attendanceRules,
    IValidator<DecisionRequest> decisionRules,
    IValidator<ActionItemRequest> actionRules,
    IValidator<CloseActionItemRequest> closeRules)
{
    /// <summary>The letter decisions are numbered with ("F" for the Forum): <c>Meetings:DecisionPrefix</c>.</summary>
    private string DecisionPrefix => configuration["Meetings:DecisionPrefix"] is { Length: > 0 } prefix ? prefix : "F";

    public async Task<Guid> WriteMinutesAsync(Guid meetingId, Guid itemId, MinutesRequest request, CancellationToken cancellationToken = default)
    {
        await minutesRules.EnsureValidAsync(request, cancellationToken);
        var meeting = await LoadAsync(meetingId, cancellationToken);
        var yours = request.Text ?? "";
        meeting.WriteMinutes(itemId, yours, request.MinutesStamp!.Value);
        // Someone saved between our read and our write: tell the writer what is there now, beside their own text.
        await db.SaveOrConflictAsync(nameof(AgendaItem), itemId, async ct =>
        {
            var current = await db.Meetings.Where(m => m.Id == meetingId).SelectMany(m => m.Agenda).AsNoTracking()
                .SingleAsync(i => i.Id == itemId, ct);
            return new MinutesConflictDto(itemId, current.MinutesText, yours, current.MinutesStamp);
        }, cancellationToken);
        return meeting.Agenda.Single(i => i.Id == itemId).MinutesStamp;
    }

    public async Task RecordAttendanceAsync(Guid meetingId, AttendanceRequest request, CancellationToken cancellationToken = default)
    {
        await attendanceRules.EnsureValidAsync(request, cancellationToken);
        var meeting = await LoadAsync(meetingId, cancellationToken);
        var members = (await workspaces.GetMembersAsync(meeting.WorkspaceId, WorkspaceRole.Viewer, cancellationToken)).Select(m => m.UserId).ToHashSet();
        var ids = request.Attendees.Select(a => a.UserId).Distinct().ToList();
        if (ids.Any(id => !members.Contains(id) && !meeting.IsInvited(id)))
        {
            throw RequestValidationException.For("attendees", text["Validation.InviteeOutsideWorkspace"]);
        }
        var partners = (await users.GetUsersAsync(ids, cancellationToken)).ToDictionary(u => u.Id, u => u.PartnerOrganisationId);
        meeting.RecordAttendance(
            request.Attendees.Select(a => (a.UserId, partners.GetValueOrDefault(a.UserId), a.Mode)).ToList(),
            request.Women, request.Men, request.OtherGender);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<DecisionDto> RecordDecisionAsync(Guid meetingId, DecisionRequest request, CancellationToken cancellationToken = default)
    {
        await decisionRules.EnsureValidAsync(request, cancellationToken);
        var meeting = await LoadAsync(meetingId, cancellationToken);
        meeting.EnsureMinutesWritable();
        if (request.AgendaItemId is { } itemId && meeting.Agenda.All(i => i.Id != itemId))
        {
            throw new EntityNotFoundException(nameof(AgendaItem), itemId);
        }
        var (workspaceId, title) = (meeting.WorkspaceId, meeting.Title);
        var now = clock.GetUtcNow().UtcDateTime;
        var year = now.Year;
        // The number is the workspace's next of the year; two decisions at once break the unique key and the loser counts again.
        return await db.SaveOnceAsync(nameof(Decision), $"{workspaceId}/{year}", async ct =>
        {
            var last = await db.Decisions.Where(d => d.WorkspaceId == workspaceId && d.Year == year).MaxAsync(d => (int?)d.Number, ct) ?? 0;
            var decision = Decision.Record(workspaceId, meetingId, request.AgendaItemId, DecisionPrefix, year, last + 1, request.Text!.Trim(), now);
            db.Decisions.Add(decision);
            await db.SaveChangesAsync(ct);
            return MeetingViews.ToDto(decision, title);
        }, cancellationToken);
    }

    public async Task<ActionItemDto> AssignActionAsync(Guid meetingId, ActionItemRequest request, CancellationToken cancellationToken = default)
    {
        await actionRules.EnsureValidAsync(request, cancellationToken);
        var meeting = await LoadAsync(meetingId, cancellationToken);
        meeting.EnsureMinutesWritable();
        if (!await workspaces.CanAsync(meeting.WorkspaceId, request.OwnerId, WorkspaceAction.View, cancellationToken))
        {
            throw RequestValidationException.For("ownerId", text["Validation.InviteeOutsideWorkspace"]);
        }
        var item = ActionItem.Assign(meeting.WorkspaceId, meetingId, request.AgendaItemId, request.What!.Trim(), request.OwnerId, request.Due);
        db.ActionItems.Add(item);
        await db.SaveChangesAsync(cancellationToken);
        return MeetingViews.ToDto(item, meeting.Title);
    }

    /// <summary>The owner closes their item, or an organiser of the workspace does.</summary>
    public async Task CloseActionAsync(Guid actionItemId, CloseActionItemRequest request, CancellationToken cancellationToken = default)
    {
        await closeRules.EnsureValidAsync(request, cancellationToken);
        var item = await db.ActionItems.SingleOrDefaultAsync(a => a.Id == actionItemId, cancellationToken)
                   ?? throw new EntityNotFoundException(nameof(ActionItem), actionItemId);
        await access.RequireWorkspaceAsync(item.WorkspaceId, item.OwnerId == access.UserId ? WorkspaceAction.View : WorkspaceAction.Edit, cancellationToken);
        item.Close(access.UserId, request.Note, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<ForumMeeting> LoadAsync(Guid meetingId, CancellationToken cancellationToken)
    {
        var meeting = await db.WholeMeetings.SingleOrDefaultAsync(m => m.Id == meetingId, cancellationToken)
                      ?? throw new EntityNotFoundException(nameof(ForumMeeting), meetingId);
        await access.RequireAsync(meeting, WorkspaceAction.Edit, cancellationToken);
        return meeting;
    }
}
