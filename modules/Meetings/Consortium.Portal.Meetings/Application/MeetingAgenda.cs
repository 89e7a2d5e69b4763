using Consortium.Portal.Meetings.Data;
using Consortium.Portal.Meetings.Domain;
using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Validation;
using Consortium.Portal.Workspaces;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Consortium.Portal.Meetings.Application;

/// <summary>The agenda: items, their order, proposals from invitees, and carrying an item not reached to the next meeting.</summary>
internal sealed class MeetingAgenda(MeetingsDbContext db, MeetingAccess access, TimeProvider clock, IValidator<AgendaItemRequest> itemRules)
{
    public async Task<Guid> AddAsync(Guid meetingId, AgendaItemRequest request, CancellationToken cancellationToken = default)
    {
        await itemRules.EnsureValidAsync(request, cancellationToken);
        var meeting = await LoadAsync(meetingId, WorkspaceAction.Edit, cancellationToken);
        var item = meeting.AddAgendaItem(request.Title!.Trim(), request.PresenterId, request.Minutes, Clean(request.Description), request.DocumentIds ?? []);
        await SaveAsync(meeting, cancellationToken);
        return item.Id;
    }

    public async Task<Guid> ProposeAsync(Guid meetingId, AgendaItemRequest request, CancellationToken cancellationToken = default)
    {
        await itemRules.EnsureValidAsync(request, cancellationToken);
        var meeting = await LoadAsync(meetingId, WorkspaceAction.View, cancellationToken);
        var item = meeting.Propose(access.UserId, request.Title!.Trim(), request.Minutes, Clean(request.Description), clock.GetUtcNow().UtcDateTime);
        await SaveAsync(meeting, cancellationToken);
        return item.Id;
    }

    public async Task UpdateAsync(Guid meetingId, Guid itemId, AgendaItemRequest request, CancellationToken cancellationToken = default)
    {
        await itemRules.EnsureValidAsync(request, cancellationToken);
        var meeting = await LoadAsync(meetingId, WorkspaceAction.Edit, cancellationToken);
        meeting.UpdateAgendaItem(itemId, request.Title!.Trim(), request.PresenterId, request.Minutes, Clean(request.Description), request.DocumentIds ?? []);
        await SaveAsync(meeting, cancellationToken);
    }

    public Task AcceptAsync(Guid meetingId, Guid itemId, CancellationToken cancellationToken = default)
        => ChangeAsync(meetingId, m => m.AcceptProposal(itemId), cancellationToken);

    public Task RemoveAsync(Guid meetingId, Guid itemId, CancellationToken cancellationToken = default)
        => ChangeAsync(meetingId, m => m.RemoveAgendaItem(itemId), cancellationToken);

    public Task ReorderAsync(Guid meetingId, ReorderAgendaRequest request, CancellationToken cancellationToken = default)
        => ChangeAsync(meetingId, m => m.Reorder(request.ItemIds ?? []), cancellationToken);

    /// <summary>Puts an item not reached on the agenda of the series' next meeting, with its notes; answers that meeting.</summary>
    public async Task<Guid> CarryForwardAsync(Guid meetingId, Guid itemId, CancellationToken cancellationToken = default)
    {
        var meeting = await LoadAsync(meetingId, WorkspaceAction.Edit, cancellationToken);
        var item = meeting.CarryForwardFrom(itemId);
        var next = await db.WholeMeetings
            .Where(m => m.SeriesId == meeting.SeriesId && m.StartUtc > meeting.StartUtc && (m.State == MeetingState.Draft || m.State == MeetingState.Open))
            .OrderBy(m => m.StartUtc)
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new DomainRuleException("Agenda.NoNextMeeting", typeof(MeetingsResource));
        next.TakeCarriedItem(item, meeting.Id);
        await SaveAsync(meeting, cancellationToken);
        return next.Id;
    }

    private async Task ChangeAsync(Guid meetingId, Action<ForumMeeting> change, CancellationToken cancellationToken)
    {
        var meeting = await LoadAsync(meetingId, WorkspaceAction.Edit, cancellationToken);
        change(meeting);
        await SaveAsync(meeting, cancellationToken);
    }

    private async Task<ForumMeeting> LoadAsync(Guid meetingId, WorkspaceAction action, CancellationToken cancellationToken)
    {
        var meeting = await db.WholeMeetings.SingleOrDefaultAsync(m => m.Id == meetingId, cancellationToken)
                      ?? throw new EntityNotFoundException(nameof(ForumMeeting), meetingId);
        await access.RequireAsync(meeting, action, cancellationToken);
        return meeting;
    }

    private Task SaveAsync(ForumMeeting meeting, CancellationToken cancellationToken)
        => db.SaveOrConflictAsync(nameof(ForumMeeting), meeting.Id, cancellationToken);

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
