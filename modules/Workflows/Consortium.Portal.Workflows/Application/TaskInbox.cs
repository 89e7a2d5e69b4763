using Consortium.Portal.Platform.Caching;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Paging;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Workflows.Data;
using Consortium.Portal.Workflows.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Consortium.Portal.Workflows.Application;

/// <summary>What a task shows of its instance.</summary>
internal sealed record TaskSubject(Guid InstanceId, string SubjectType, Guid SubjectId, string SubjectTitle, string? SubjectLink);

/// <summary>
/// "Waiting for me": the signed-in user's open tasks across every workflow, kept a few seconds per person and page.
/// Apart from <see cref="WorkflowViews"/> because it is the portal's most read signed-in page: it needs neither the
/// subject types' context reader (every module's resolvers, each with a DbContext) nor the user directory.
/// </summary>
internal sealed class TaskInbox(
    WorkflowsDbContext db, WorkflowDefinitionNames definitionNames, ICurrentUser currentUser, TimeProvider clock, PortalCache cache,
    IOptions<WorkflowsOptions> options)
{
    /// <summary>
    /// The tag of every kept inbox page. One tag for all, not one per person: a task is in its assignee's inbox and in
    /// the inboxes of everyone the assignee delegated to, whom a saved task does not name. Saving a task, an instance
    /// or a delegation (WorkflowsModule) drops every page, so after acting the inbox never shows the task it acted on.
    /// </summary>
    public const string InboxTag = "workflows:inbox";

    private readonly record struct InboxKey(Guid UserId, int Page, int PageSize);

    /// <summary>
    /// The signed-in user's open tasks: overdue first, then by due time (tasks without one last), then oldest first.
    /// Read with as few statements as the inbox allows, whatever its size: the delegations, the page joined to its
    /// instances, and the total only when the page does not tell it; the definitions' names come from
    /// <see cref="WorkflowDefinitionNames"/> (a published version never changes). The assignees are one IN on the first
    /// column of the tasks' (assignee, status, due) index: an OR of "me" and "my delegators" made SQLite read every task.
    /// </summary>
    public async Task<PagedResult<WorkflowTaskDto>> ReadAsync(TaskInboxQuery query, CancellationToken cancellationToken = default)
    {
        var me = currentUser.Id ?? throw new ForbiddenException("Only a signed-in user has an inbox.");
        var page = query.ToPage(TaskInboxQuery.DefaultPageSize, TaskInboxQuery.MaxPageSize);
        // Kept a few seconds (Workflows:InboxCacheLifetime): the inbox is what people reload, and a signed-in request
        // that reads nothing costs a fraction of one that reads the page (build/bench/workflows/signed-in.sh). The
        // overdue marks are those of when the page was read.
        return await cache.GetOrReadAsync(new InboxKey(me, page.Page, page.PageSize), InboxTag, options.Value.InboxCacheLifetime,
            (_, ct) => ReadInboxAsync(me, page, ct), cancellationToken);
    }

    private async Task<PagedResult<WorkflowTaskDto>> ReadInboxAsync(Guid me, ResolvedPage page, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // Mine, and those of colleagues who delegated theirs to me for now.
        List<Guid> assignees = [me, .. await db.DelegationsTo(me, now).Select(d => d.DelegatorId).Distinct().ToListAsync(cancellationToken)];
        var mine = db.Tasks.AsNoTracking().Where(t => assignees.Contains(t.AssigneeId) && t.Status == WorkflowTaskStatus.Open);
        var rows = await mine
            .OrderBy(t => t.DueAtUtc == null).ThenBy(t => t.DueAtUtc).ThenBy(t => t.OpenedAtUtc).ThenBy(t => t.Id)
            .Skip(page.Skip).Take(page.Take)
            .Join(db.Instances, t => t.InstanceId, i => i.Id, (t, i) => new
            {
                Task = t, i.DefinitionId, Subject = new TaskSubject(i.Id, i.SubjectType, i.SubjectId, i.SubjectTitle, i.SubjectLink),
            })
            .ToListAsync(cancellationToken);
        // A page that is not full tells the total, unless it is empty past the first (then the total is counted).
        var total = (rows.Count > 0 && rows.Count < page.Take) || (page.Skip == 0 && rows.Count == 0)
            ? page.Skip + rows.Count
            : await mine.CountAsync(cancellationToken);
        var items = new List<WorkflowTaskDto>(rows.Count);
        foreach (var row in rows)
        {
            var names = await definitionNames.GetAsync(row.DefinitionId, cancellationToken);
            var dto = TaskDto(row.Task, row.Subject, names.Name, names.StageName(row.Task.StageId), now);
            items.Add(row.Task.AssigneeId == me ? dto : dto with { DelegatedBy = row.Task.AssigneeId });
        }
        return new PagedResult<WorkflowTaskDto>(items, total, page.Page, page.PageSize);
    }

    internal static WorkflowTaskDto TaskDto(WorkflowTask t, TaskSubject subject, LocalizedName definitionName, LocalizedName stageName, DateTime now)
        => new(t.Id, subject.InstanceId, t.StageId, stageName, t.AssigneeId, t.Status, t.OpenedAtUtc, t.DueAtUtc,
            t.Status == WorkflowTaskStatus.Open && t.DueAtUtc is { } due && due <= now,
            subject.SubjectType, subject.SubjectId, subject.SubjectTitle, subject.SubjectLink, definitionName);
}
