using Consortium.Portal.Identity;
using Consortium.Portal.Platform.Caching;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Paging;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Workflows.Data;
using Consortium.Portal.Workflows.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Consortium.Portal.Workflows.Application;

/// <summary>What the API and the pages read: an instance with its timeline, a user's inbox, the coordinator's lists.</summary>
internal sealed class WorkflowViews(IServiceProvider services, ICurrentUser currentUser, TimeProvider clock, PortalCache cache, IOptions<WorkflowsOptions> options)
{
    // Resolved when first used: the context reader alone brings every module's subject type and assignee resolver, each
    // with its DbContext, and building those was most of an inbox request answered from the cache (signed-in.sh).
    private WorkflowsDbContext Db => field ??= services.GetRequiredService<WorkflowsDbContext>();

    private IUserDirectory Users => field ??= services.GetRequiredService<IUserDirectory>();

    private IPermissionChecker Permissions => field ??= services.GetRequiredService<IPermissionChecker>();

    private WorkflowContextReader Contexts => field ??= services.GetRequiredService<WorkflowContextReader>();

    private WorkflowDefinitionNames DefinitionNames => field ??= services.GetRequiredService<WorkflowDefinitionNames>();

    /// <summary>
    /// The tag of every kept inbox page. One tag for all, not one per person: a task is in its assignee's inbox and in
    /// the inboxes of everyone the assignee delegated to, whom a saved task does not name. Saving a task, an instance
    /// or a delegation (WorkflowsModule) drops every page, so after acting the inbox never shows the task it acted on.
    /// </summary>
    public const string InboxTag = "workflows:inbox";

    private readonly record struct InboxKey(Guid UserId, int Page, int PageSize);

    private static readonly LocalizedName NoName = new("", "", "", "");

    /// <summary>
    /// An instance for the signed-in user: the coordinator sees every one; anyone else only one they started, have
    /// (had) a task in, or whose subject they wrote, and 404 for the rest, so guessed ids tell nothing.
    /// </summary>
    public async Task<WorkflowInstanceDto> VisibleInstanceAsync(Guid instanceId, CancellationToken cancellationToken = default)
    {
        var mayManage = await Permissions.IsGrantedAsync(currentUser.Principal, WorkflowsPermissions.Instances.Manage, cancellationToken);
        if (!mayManage && !(currentUser.Id is { } me && await IsInvolvedAsync(instanceId, me, cancellationToken)))
        {
            throw new EntityNotFoundException(nameof(WorkflowInstance), instanceId);
        }
        return await InstanceAsync(instanceId, cancellationToken);
    }

    private async Task<bool> IsInvolvedAsync(Guid instanceId, Guid me, CancellationToken cancellationToken)
    {
        var instance = await Db.Instances.AsNoTracking().Where(i => i.Id == instanceId)
            .Select(i => new { Instance = i, Involved = i.StartedBy == me || i.Tasks.Any(t => t.AssigneeId == me) })
            .FirstOrDefaultAsync(cancellationToken);
        if (instance is null)
        {
            return false;
        }
        return instance.Involved || (await Contexts.SubjectOfAsync(instance.Instance, cancellationToken)).AuthorIds.Contains(me);
    }

    public async Task<WorkflowInstanceDto?> ForSubjectAsync(string subjectType, Guid subjectId, CancellationToken cancellationToken = default)
    {
        var id = await Db.Instances.AsNoTracking().Where(i => i.SubjectType == subjectType && i.SubjectId == subjectId)
            .OrderByDescending(i => i.StartedAtUtc).ThenByDescending(i => i.Id).Select(i => (Guid?)i.Id).FirstOrDefaultAsync(cancellationToken);
        return id is null ? null : await InstanceAsync(id.Value, cancellationToken);
    }

    public async Task<WorkflowInstanceDto> InstanceAsync(Guid instanceId, CancellationToken cancellationToken = default)
    {
        var instance = await Db.WholeInstances.AsNoTracking().SingleOrDefaultAsync(i => i.Id == instanceId, cancellationToken)
                       ?? throw new EntityNotFoundException(nameof(WorkflowInstance), instanceId);
        var definition = await Db.Definitions.AsNoTracking().SingleAsync(d => d.Id == instance.DefinitionId, cancellationToken);
        var graph = new DefinitionGraph(definition.Stages);
        LocalizedName NameOf(string? stageId) => stageId is not null && graph.Contains(stageId) ? graph[stageId].Stage.Name ?? NoName : NoName;
        var actorIds = instance.Journal.SelectMany(j => new[] { j.ActorId, j.DelegateId }).OfType<Guid>().Distinct().ToList();
        var names = (await Users.GetUsersAsync(actorIds, cancellationToken)).ToDictionary(u => u.Id, u => u.DisplayName);
        var now = clock.GetUtcNow().UtcDateTime;
        return new WorkflowInstanceDto(
            instance.Id, instance.DefinitionKey, instance.DefinitionVersion, definition.Name, instance.SubjectType, instance.SubjectId,
            instance.SubjectTitle, instance.SubjectLink, instance.Status, instance.StartedAtUtc, instance.StartedBy, instance.EndedAtUtc,
            instance.ActiveStages.OrderBy(graph.OrderOf).Select(s => new WorkflowActiveStageDto(s, NameOf(s))).ToList(),
            instance.OpenTasks.OrderBy(t => t.OpenedAtUtc).Select(t => TaskDto(t, instance, definition.Name, NameOf(t.StageId), now)).ToList(),
            instance.Incidents.Where(i => !i.IsResolved).Select(i => IncidentDto(i, instance, NameOf(i.StageId))).ToList(),
            instance.Journal.OrderBy(j => j.Sequence).Select(j => new WorkflowJournalEntryDto(
                j.Sequence, j.AtUtc, j.Kind, j.ActorId, j.ActorId is { } a && names.TryGetValue(a, out var n) ? n : null,
                j.StageId, j.StageId is null ? null : NameOf(j.StageId), j.TaskId, j.Comment, j.Detail, j.DelegateId,
                j.DelegateId is { } d && names.TryGetValue(d, out var dn) ? dn : null)).ToList(),
            instance.ConcurrencyStamp);
    }

    /// <summary>
    /// The signed-in user's open tasks: overdue first, then by due time (tasks without one last), then oldest first.
    /// Read with as few statements as the inbox allows, whatever its size: the delegations, the page joined to its
    /// instances, and the total only when the page does not tell it; the definitions' names come from
    /// <see cref="WorkflowDefinitionNames"/> (a published version never changes). The assignees are one IN on the first
    /// column of the tasks' (assignee, status, due) index: an OR of "me" and "my delegators" made SQLite read every task.
    /// </summary>
    public async Task<PagedResult<WorkflowTaskDto>> InboxAsync(TaskInboxQuery query, CancellationToken cancellationToken = default)
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
        List<Guid> assignees = [me, .. await Db.DelegationsTo(me, now).Select(d => d.DelegatorId).Distinct().ToListAsync(cancellationToken)];
        var mine = Db.Tasks.AsNoTracking().Where(t => assignees.Contains(t.AssigneeId) && t.Status == WorkflowTaskStatus.Open);
        var rows = await mine
            .OrderBy(t => t.DueAtUtc == null).ThenBy(t => t.DueAtUtc).ThenBy(t => t.OpenedAtUtc).ThenBy(t => t.Id)
            .Skip(page.Skip).Take(page.Take)
            .Join(Db.Instances, t => t.InstanceId, i => i.Id, (t, i) => new
            {
                Task = t, i.DefinitionId, Subject = new InboxSubject(i.Id, i.SubjectType, i.SubjectId, i.SubjectTitle, i.SubjectLink),
            })
            .ToListAsync(cancellationToken);
        // A page that is not full tells the total, unless it is empty past the first (then the total is counted).
        var total = (rows.Count > 0 && rows.Count < page.Take) || (page.Skip == 0 && rows.Count == 0)
            ? page.Skip + rows.Count
            : await mine.CountAsync(cancellationToken);
        var items = new List<WorkflowTaskDto>(rows.Count);
        foreach (var row in rows)
        {
            var names = await DefinitionNames.GetAsync(row.DefinitionId, cancellationToken);
            var dto = TaskDto(row.Task, row.Subject, names.Name, names.StageName(row.Task.StageId), now);
            items.Add(row.Task.AssigneeId == me ? dto : dto with { DelegatedBy = row.Task.AssigneeId });
        }
        return new PagedResult<WorkflowTaskDto>(items, total, page.Page, page.PageSize);
    }

    /// <summary>What a task in the inbox shows of its instance.</summary>
    private sealed record InboxSubject(Guid InstanceId, string SubjectType, Guid SubjectId, string SubjectTitle, string? SubjectLink);

    public async Task<PagedResult<WorkflowInstanceSummaryDto>> ListAsync(InstanceListQuery query, CancellationToken cancellationToken = default)
    {
        var page = query.ToPage(InstanceListQuery.DefaultPageSize, InstanceListQuery.MaxPageSize);
        var instances = Db.Instances.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Status) && Enum.TryParse<WorkflowStatus>(query.Status, ignoreCase: true, out var status))
        {
            instances = instances.Where(i => i.Status == status);
        }
        if (!string.IsNullOrWhiteSpace(query.DefinitionKey))
        {
            instances = instances.Where(i => i.DefinitionKey == query.DefinitionKey.Trim());
        }
        if (!string.IsNullOrWhiteSpace(query.SubjectType))
        {
            instances = instances.Where(i => i.SubjectType == query.SubjectType.Trim());
        }
        if (bool.TryParse(query.WithIncidents, out var withIncidents) && withIncidents)
        {
            instances = instances.Where(i => i.Incidents.Any(x => x.ResolvedAtUtc == null));
        }
        var total = await instances.CountAsync(cancellationToken);
        var items = await instances.OrderByDescending(i => i.StartedAtUtc).ThenByDescending(i => i.Id)
            .Skip(page.Skip).Take(page.Take)
            .Select(i => new WorkflowInstanceSummaryDto(i.Id, i.DefinitionKey, i.DefinitionVersion, i.SubjectType, i.SubjectId, i.SubjectTitle,
                i.Status, i.StartedAtUtc, i.EndedAtUtc,
                i.Tasks.Count(t => t.Status == WorkflowTaskStatus.Open), i.Incidents.Count(x => x.ResolvedAtUtc == null)))
            .ToListAsync(cancellationToken);
        return new PagedResult<WorkflowInstanceSummaryDto>(items, total, page.Page, page.PageSize);
    }

    /// <summary>Every open incident, oldest first: what the coordinator has to resolve.</summary>
    public async Task<IReadOnlyList<WorkflowIncidentDto>> OpenIncidentsAsync(CancellationToken cancellationToken = default)
    {
        var incidents = await Db.Incidents.AsNoTracking().Where(i => i.ResolvedAtUtc == null).OrderBy(i => i.RaisedAtUtc).Take(500).ToListAsync(cancellationToken);
        var instanceIds = incidents.Select(i => i.InstanceId).Distinct().ToList();
        var instances = await Db.Instances.AsNoTracking().Where(i => instanceIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancellationToken);
        var definitionIds = instances.Values.Select(i => i.DefinitionId).Distinct().ToList();
        var graphs = (await Db.Definitions.AsNoTracking().Where(d => definitionIds.Contains(d.Id)).ToListAsync(cancellationToken))
            .ToDictionary(d => d.Id, d => new DefinitionGraph(d.Stages));
        return incidents.Select(i =>
        {
            var instance = instances[i.InstanceId];
            var graph = graphs[instance.DefinitionId];
            return IncidentDto(i, instance, graph.Contains(i.StageId) ? graph[i.StageId].Stage.Name ?? NoName : NoName);
        }).ToList();
    }

    /// <summary>
    /// Time per stage and definition over the instances started in the last <paramref name="days"/> days, the stages
    /// holding the most work up first (waiting now, then the longest wait).
    /// </summary>
    public async Task<IReadOnlyList<StageTimeDto>> StageTimesAsync(int days = 365, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now.AddDays(-Math.Clamp(days, 1, 3650));
        var instances = await Db.Instances.AsNoTracking().Where(i => i.StartedAtUtc >= since)
            .Select(i => new { i.Id, i.DefinitionKey, i.DefinitionId, i.ActiveStageIds }).ToListAsync(cancellationToken);
        var ids = instances.Select(i => i.Id).ToList();
        var steps = await Db.Journal.AsNoTracking()
            .Where(j => ids.Contains(j.InstanceId) && (j.Kind == JournalEntryKind.StageEntered || j.Kind == JournalEntryKind.StageCompleted))
            .Select(j => new { j.InstanceId, j.Kind, j.StageId, j.AtUtc, j.Detail }).ToListAsync(cancellationToken);
        var definitionIds = instances.Select(i => i.DefinitionId).Distinct().ToList();
        var graphs = (await Db.Definitions.AsNoTracking().Where(d => definitionIds.Contains(d.Id)).ToListAsync(cancellationToken))
            .ToDictionary(d => d.Id, d => new DefinitionGraph(d.Stages));
        var byInstance = instances.ToDictionary(i => i.Id);
        var spans = steps.Where(s => s.Kind == JournalEntryKind.StageEntered && s.Detail == nameof(StageKind.Approval))
            .Select(entered =>
            {
                var instance = byInstance[entered.InstanceId];
                var completed = steps.FirstOrDefault(s => s.InstanceId == entered.InstanceId && s.Kind == JournalEntryKind.StageCompleted && s.StageId == entered.StageId);
                var waiting = completed is null && instance.ActiveStageIds.Split(' ').Contains(entered.StageId);
                return new { instance.DefinitionKey, instance.DefinitionId, StageId = entered.StageId!, Hours = ((completed?.AtUtc ?? now) - entered.AtUtc).TotalHours, Done = completed is not null, Waiting = waiting };
            }).ToList();
        return spans.GroupBy(s => (s.DefinitionKey, s.StageId)).Select(g =>
            {
                var done = g.Where(s => s.Done).Select(s => s.Hours).ToList();
                var waiting = g.Where(s => s.Waiting).Select(s => s.Hours).ToList();
                var graph = graphs[g.First().DefinitionId];
                var name = graph.Contains(g.Key.StageId) ? graph[g.Key.StageId].Stage.Name ?? NoName : NoName;
                return new StageTimeDto(g.Key.DefinitionKey, g.Key.StageId, name, done.Count, done.Count == 0 ? 0 : Math.Round(done.Average(), 1),
                    done.Count == 0 ? 0 : Math.Round(done.Max(), 1), waiting.Count, waiting.Count == 0 ? 0 : Math.Round(waiting.Max(), 1));
            })
            .OrderByDescending(t => t.WaitingNow).ThenByDescending(t => t.LongestWaitingHours).ThenBy(t => t.DefinitionKey).ThenBy(t => t.StageId)
            .ToList();
    }

    private static WorkflowTaskDto TaskDto(WorkflowTask t, WorkflowInstance instance, LocalizedName definitionName, LocalizedName stageName, DateTime now)
        => TaskDto(t, new InboxSubject(instance.Id, instance.SubjectType, instance.SubjectId, instance.SubjectTitle, instance.SubjectLink), definitionName, stageName, now);

    private static WorkflowTaskDto TaskDto(WorkflowTask t, InboxSubject subject, LocalizedName definitionName, LocalizedName stageName, DateTime now)
        => new(t.Id, subject.InstanceId, t.StageId, stageName, t.AssigneeId, t.Status, t.OpenedAtUtc, t.DueAtUtc,
            t.Status == WorkflowTaskStatus.Open && t.DueAtUtc is { } due && due <= now,
            subject.SubjectType, subject.SubjectId, subject.SubjectTitle, subject.SubjectLink, definitionName);

    private static WorkflowIncidentDto IncidentDto(WorkflowIncident i, WorkflowInstance instance, LocalizedName stageName)
        => new(i.Id, instance.Id, i.StageId, stageName, i.TaskId, i.ReasonKey, i.RaisedAtUtc, instance.SubjectTitle, i.IsResolved);
}
