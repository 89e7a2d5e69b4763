using Consortium.Portal.Identity;
using Consortium.Portal.Meetings.Data;
using Consortium.Portal.Meetings.Domain;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Paging;
using Consortium.Portal.Platform.Text;
using Consortium.Portal.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace Consortium.Portal.Meetings.Application;

/// <summary>What the pages and the API read: a meeting whole, lists, who comes, the decisions register, action items.</summary>
internal sealed class MeetingViews(
    MeetingsDbContext db,
    MeetingAccess access,
    IWorkspaceAccess workspaces,
    IUserDirectory users,
    MarkdownRendering markdown,
    TimeProvider clock) : IActionItemQueries
{
    public async Task<MeetingDto> GetAsync(Guid meetingId, CancellationToken cancellationToken = default)
    {
        var meeting = await db.WholeMeetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == meetingId, cancellationToken)
                      ?? throw new EntityNotFoundException(nameof(ForumMeeting), meetingId);
        return await ToDtoAsync(meeting, await access.RequireAsync(meeting, WorkspaceAction.View, cancellationToken), cancellationToken);
    }

    /// <summary>The meeting whole for a background job, which has nobody signed in and has decided what it may do.</summary>
    public async Task<MeetingDto> GetForSystemAsync(Guid meetingId, CancellationToken cancellationToken = default)
    {
        var meeting = await db.WholeMeetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == meetingId, cancellationToken)
                      ?? throw new EntityNotFoundException(nameof(ForumMeeting), meetingId);
        return await ToDtoAsync(meeting, canOrganise: false, cancellationToken);
    }

    private async Task<MeetingDto> ToDtoAsync(ForumMeeting meeting, bool canOrganise, CancellationToken cancellationToken)
    {
        var meetingId = meeting.Id;
        var names = (await users.GetUsersAsync(
                meeting.Participants.Select(p => p.UserId).Concat(meeting.Attendees.Select(a => a.UserId)).Distinct().ToList(), cancellationToken))
            .ToDictionary(u => u.Id, u => u.DisplayName);
        var decisions = await db.Decisions.AsNoTracking().Where(d => d.MeetingId == meetingId).OrderBy(d => d.Number).ToListAsync(cancellationToken);
        var actions = await db.ActionItems.AsNoTracking().Where(a => a.MeetingId == meetingId).OrderBy(a => a.Due).ToListAsync(cancellationToken);
        // The review section: what earlier meetings of the workspace left open.
        var review = await db.ActionItems.AsNoTracking()
            .Where(a => a.WorkspaceId == meeting.WorkspaceId && a.MeetingId != meetingId && a.Status == ActionItemStatus.Open && a.CreatedAtUtc < meeting.StartUtc)
            .OrderBy(a => a.Due).Take(200).ToListAsync(cancellationToken);
        var titles = await TitlesAsync(review.Select(a => a.MeetingId), cancellationToken);
        return new MeetingDto(
            meeting.Id, meeting.WorkspaceId, meeting.Title, meeting.Description, meeting.State, meeting.StartUtc, meeting.EndUtc,
            meeting.LocalStart, meeting.LocalEnd, meeting.TimeZoneId, meeting.Place, meeting.Town, meeting.OnlineLink, meeting.OrganiserId,
            meeting.SeriesId, meeting.Sequence, meeting.ProposalCutoffUtc,
            meeting.Invitees.Select(i => new InviteeSpec(i.Kind, i.TargetId)).ToList(),
            meeting.Participants.Select(p => new ParticipantDto(p.UserId, names.GetValueOrDefault(p.UserId, "?"), p.PartnerOrganisationId, p.Answer, p.Note, p.AnsweredAtUtc))
                .OrderBy(p => p.DisplayName).ToList(),
            meeting.Agenda.OrderBy(i => i.IsProposal).ThenBy(i => i.Position).Select(i => new AgendaItemDto(
                i.Id, i.Position, i.Title, i.PresenterId, i.Minutes, i.Description, i.DocumentIds, i.IsProposal, i.ProposedBy,
                i.MinutesText, markdown.ToHtml(i.MinutesText), i.MinutesStamp, i.Reached, i.CarriedFromMeetingId)).ToList(),
            meeting.Timing(),
            meeting.Attendees.Select(a => new AttendeeDto(a.UserId, names.GetValueOrDefault(a.UserId, "?"), a.PartnerOrganisationId, a.Mode)).ToList(),
            meeting.Women, meeting.Men, meeting.OtherGender,
            meeting.History.OrderBy(h => h.AtUtc).Select(h => new MeetingHistoryDto(h.From, h.To, h.ActorId, h.AtUtc, h.Note)).ToList(),
            decisions.Select(d => ToDto(d, meeting.Title)).ToList(),
            actions.Select(a => ToDto(a, meeting.Title)).ToList(),
            review.Select(a => ToDto(a, titles.GetValueOrDefault(a.MeetingId, ""))).ToList(),
            meeting.MinutesApproved, canOrganise, meeting.ConcurrencyStamp, meeting.MinutesDocumentId, meeting.MinutesSubmittedAtUtc);
    }

    /// <summary>A workspace's meetings: upcoming (from now, soonest first) or past (latest first); drafts only for organisers.</summary>
    public async Task<PagedResult<MeetingSummaryDto>> ListAsync(Guid workspaceId, MeetingListQuery query, CancellationToken cancellationToken = default)
    {
        await access.RequireWorkspaceAsync(workspaceId, WorkspaceAction.View, cancellationToken);
        var canOrganise = await workspaces.CanAsync(workspaceId, access.UserId, WorkspaceAction.Edit, cancellationToken);
        var meetings = db.Meetings.AsNoTracking().Where(m => m.WorkspaceId == workspaceId && (canOrganise || m.State != MeetingState.Draft));
        return await PageAsync(meetings, query, cancellationToken);
    }

    /// <summary>The meetings of every workspace the user sees, in a window (the calendar's month or week).</summary>
    public async Task<IReadOnlyList<MeetingSummaryDto>> MineAsync(DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken = default)
    {
        var userId = access.UserId;
        var visible = await workspaces.GetVisibleWorkspaceIdsAsync(userId, cancellationToken);
        var rows = await db.Meetings.AsNoTracking()
            .Where(m => visible.Contains(m.WorkspaceId) && m.State != MeetingState.Draft && m.StartUtc < toUtc && m.EndUtc > fromUtc)
            .OrderBy(m => m.StartUtc).Take(1000)
            .Select(m => new { Meeting = m, Answer = m.Participants.Where(p => p.UserId == userId).Select(p => (RsvpAnswer?)p.Answer).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        return rows.Select(r => ToSummary(r.Meeting, r.Answer)).ToList();
    }

    public async Task<AttendanceOverviewDto> OverviewAsync(Guid meetingId, CancellationToken cancellationToken = default)
    {
        var meeting = await db.Meetings.Include(m => m.Participants).Include(m => m.Attendees).Include(m => m.Invitees).AsSplitQuery().AsNoTracking()
                          .SingleOrDefaultAsync(m => m.Id == meetingId, cancellationToken)
                      ?? throw new EntityNotFoundException(nameof(ForumMeeting), meetingId);
        await access.RequireAsync(meeting, WorkspaceAction.View, cancellationToken);
        var partners = await users.GetPartnersAsync(cancellationToken);
        return AttendanceCoverage.Of(meeting, partners);
    }

    public async Task<PagedResult<DecisionDto>> DecisionsAsync(DecisionQuery query, CancellationToken cancellationToken = default)
    {
        var visible = await workspaces.GetVisibleWorkspaceIdsAsync(access.UserId, cancellationToken);
        var decisions = db.Decisions.AsNoTracking().Where(d => visible.Contains(d.WorkspaceId));
        if (query.WorkspaceId is { } workspaceId)
        {
            decisions = decisions.Where(d => d.WorkspaceId == workspaceId);
        }
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var folded = Decision.SearchFold(query.Search.Trim());
            var lowered = query.Search.Trim().ToLowerInvariant();
            // With accents as typed too, for the decisions recorded before SearchText, which the migration lower-cased
            // without dropping accents.
            decisions = folded == lowered
                ? decisions.Where(d => d.SearchText.Contains(folded))
                : decisions.Where(d => d.SearchText.Contains(folded) || d.SearchText.Contains(lowered));
        }
        var paging = query.Resolved;
        var page = await decisions.OrderByDescending(d => d.DecidedAtUtc).ThenByDescending(d => d.Number)
            .Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
        // A page that is not full tells the total by itself (a narrow search, the last page). Otherwise the count reads
        // no further than DecisionQuery.PagesCountedAhead pages past this one: a substring search has no index, so an
        // exact total of a common word would read every visible decision, for a pager nobody follows to page 200.
        // The total then says "more than" (DecisionQuery.IsCapped), and the pager grows as the reader goes on.
        var total = page.Count < paging.PageSize && (page.Count > 0 || paging.Skip == 0) ? paging.Skip + page.Count
            : await decisions.Take(DecisionQuery.CountLimit(paging)).CountAsync(cancellationToken);
        var titles = await TitlesAsync(page.Select(d => d.MeetingId), cancellationToken);
        return new PagedResult<DecisionDto>(page.Select(d => ToDto(d, titles.GetValueOrDefault(d.MeetingId, ""))).ToList(), total, paging.Page, paging.PageSize);
    }

    public async Task<IReadOnlyList<ActionItemDto>> MyActionItemsAsync(bool includeDone, CancellationToken cancellationToken = default)
    {
        var userId = access.UserId;
        var visible = await workspaces.GetVisibleWorkspaceIdsAsync(userId, cancellationToken);
        return await ActionItemsOfAsync(userId, visible, includeDone, cancellationToken);
    }

    public async Task<IReadOnlyList<ActionItemDto>> GetOpenForUserAsync(Guid userId, CancellationToken cancellationToken = default)
        => await ActionItemsOfAsync(userId, await workspaces.GetVisibleWorkspaceIdsAsync(userId, cancellationToken), false, cancellationToken);

    private async Task<IReadOnlyList<ActionItemDto>> ActionItemsOfAsync(Guid userId, IReadOnlyList<Guid> visible, bool includeDone, CancellationToken cancellationToken)
    {
        var items = await db.ActionItems.AsNoTracking()
            .Where(a => a.OwnerId == userId && visible.Contains(a.WorkspaceId) && (includeDone || a.Status == ActionItemStatus.Open))
            .OrderBy(a => a.Status).ThenBy(a => a.Due).Take(500).ToListAsync(cancellationToken);
        var titles = await TitlesAsync(items.Select(a => a.MeetingId), cancellationToken);
        return items.Select(a => ToDto(a, titles.GetValueOrDefault(a.MeetingId, ""))).ToList();
    }

    private async Task<PagedResult<MeetingSummaryDto>> PageAsync(IQueryable<ForumMeeting> meetings, MeetingListQuery query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        meetings = query.Past == true ? meetings.Where(m => m.EndUtc <= now).OrderByDescending(m => m.StartUtc) : meetings.Where(m => m.EndUtc > now).OrderBy(m => m.StartUtc);
        var total = await meetings.CountAsync(cancellationToken);
        var userId = access.UserId;
        var paging = query.Resolved;
        var rows = await meetings.Skip(paging.Skip).Take(paging.PageSize)
            .Select(m => new { Meeting = m, Answer = m.Participants.Where(p => p.UserId == userId).Select(p => (RsvpAnswer?)p.Answer).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        return new PagedResult<MeetingSummaryDto>(rows.Select(r => ToSummary(r.Meeting, r.Answer)).ToList(), total, paging.Page, paging.PageSize);
    }

    private async Task<Dictionary<Guid, string>> TitlesAsync(IEnumerable<Guid> meetingIds, CancellationToken cancellationToken)
    {
        var ids = meetingIds.Distinct().ToList();
        return ids.Count == 0 ? [] : await db.Meetings.AsNoTracking().Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Title, cancellationToken);
    }

    private static MeetingSummaryDto ToSummary(ForumMeeting m, RsvpAnswer? answer)
        => new(m.Id, m.WorkspaceId, m.Title, m.State, m.StartUtc, m.EndUtc, m.TimeZoneId, m.Place, m.Town, m.OnlineLink, m.SeriesId, answer, m.MinutesApproved);

    internal static DecisionDto ToDto(Decision d, string meetingTitle)
        => new(d.Id, d.WorkspaceId, d.MeetingId, meetingTitle, d.AgendaItemId, d.Code, d.Text, d.DecidedAtUtc);

    internal static ActionItemDto ToDto(ActionItem a, string meetingTitle)
        => new(a.Id, a.WorkspaceId, a.MeetingId, meetingTitle, a.What, a.OwnerId, a.Due, a.Status, a.ClosingNote, a.ClosedAtUtc, a.ConcurrencyStamp);
}
