using Consortium.Portal.Identity;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Paging;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Workflows.Data;
using Consortium.Portal.Workflows.Domain;
using Microsoft.EntityFrameworkCore;

namespace Consortium.Portal.Workflows.Application;

/// <summary>What the API and the pages read: an instance with its timeline and the coordinator's lists (the inbox is <see cref="TaskInbox"/>).</summary>
internal sealed class WorkflowViews(
    WorkflowsDbContext db, IUserDirectory users, IPermissionChecker permissions, WorkflowContextReader contexts, ICurrentUser currentUser,
    TimeProvider clock)
{
    private static readonly LocalizedName NoName = new("", "", "", "");

    /// <summary>
    /// An instance for the signed-in user: the coordinator sees every one; anyone else only one they started, have
    /// (had) a task in, or whose subject they wrote, and 404 for the rest, so guessed ids tell nothing.
    /// </summary>
    public async Task<WorkflowInstanceDto> VisibleInstanceAsync(Guid instanceId, CancellationToken cancellationToken = default)
    {
        var mayManage = await permissions.IsGrantedAsync(currentUser.Principal, WorkflowsPermissions.Instances.Manage, cancellationToken);
        if (!mayManage && !(currentUser.Id is { } me && await IsInvolvedAsync(instanceId, me, cancellationToken)))
        {
            throw new EntityNotFoundException(nameof(WorkflowInstance), instanceId);
        }
        return await InstanceAsync(instanceId, cancellationToken);
    }

    private async Task<bool> IsInvolvedAsync(Guid instanceId, Guid me, CancellationToken cancellationToken)
    {
        var instance = await db.Instances.AsNoTracking().Where(i => i.Id == instanceId)
            .Select(i => new { Instance = i, Involved = i.StartedBy == me || i.Tasks.Any(t => t.AssigneeId == me) })
            .FirstOrDefaultAsync(cancellationToken);
        if (instance is null)
        {
            return false;
        }
        return instance.Involved || (await contexts.SubjectOfAsync(instance.Instance, cancellationToken)).AuthorIds.Contains(me);
    }

    public async Task<WorkflowInstanceDto?> ForSubjectAsync(string subjectType, Guid subjectId, CancellationToken cancellationToken = default)
    {
        var id = await db.Instances.AsNoTracking().Where(i => i.SubjectType == subjectType && i.SubjectId == subjectId)
            .OrderByDescending(i => i.StartedAtUtc).ThenByDescending(i => i.Id).Select(i => (Guid?)i.Id).FirstOrDefaultAsync(cancellationToken);
        return id is null ? null : await InstanceAsync(id.Value, cancellationToken);
    }

    public async Task<WorkflowInstanceDto> InstanceAsync(Guid instanceId, CancellationToken cancellationToken = default)
    {
        var instance = await db.WholeInstances.AsNoTracking().SingleOrDefaultAsync(i => i.Id == instanceId, cancellationToken)
                       ?? throw new EntityNotFoundException(nameof(WorkflowInstance), instanceId);
        var definition = await db.Definitions.AsNoTracking().SingleAsync(d => d.Id == instance.DefinitionId, cancellationToken);
        var graph = new DefinitionGraph(definition.Stages);
        LocalizedName NameOf(string? stageId) => stageId is not null && graph.Contains(stageId) ? graph[stageId].Stage.Name ?? NoName : NoName;
        var actorIds = instance.Journal.SelectMany(j => new[] { j.ActorId, j.DelegateId }).OfType<Guid>().Distinct().ToList();
        var names = (await users.GetUsersAsync(actorIds, cancellationToken)).ToDictionary(u => u.Id, u => u.DisplayName);
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

    public async Task<PagedResult<WorkflowInstanceSummaryDto>> ListAsync(InstanceListQuery query, CancellationToken cancellationToken = default)
    {
        var page = query.ToPage(InstanceListQuery.DefaultPageSize, InstanceListQuery.MaxPageSize);
        var instances = db.Instances.AsNoTracking();
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
        var incidents = await db.Incidents.AsNoTracking().Where(i => i.ResolvedAtUtc == null).OrderBy(i => i.RaisedAtUtc).Take(500).ToListAsync(cancellationToken);
        var instanceIds = incidents.Select(i => i.InstanceId).Distinct().ToList();
        var instances = await db.Instances.AsNoTracking().Where(i => instanceIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancellationToken);
        var definitionIds = instances.Values.Select(i => i.DefinitionId).Distinct().ToList();
        var graphs = (await db.Definitions.AsNoTracking().Where(d => definitionIds.Contains(d.Id)).ToListAsync(cancellationToken))
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
        var instances = await db.Instances.AsNoTracking().Where(i => i.StartedAtUtc >= since)
            .Select(i => new { i.Id, i.DefinitionKey, i.DefinitionId, i.ActiveStageIds }).ToListAsync(cancellationToken);
        var ids = instances.Select(i => i.Id).ToList();
        var steps = await db.Journal.AsNoTracking()
            .Where(j => ids.Contains(j.InstanceId) && (j.Kind == JournalEntryKind.StageEntered || j.Kind == JournalEntryKind.StageCompleted))
            .Select(j => new { j.InstanceId, j.Kind, j.StageId, j.AtUtc, j.Detail }).ToListAsync(cancellationToken);
        var definitionIds = instances.Select(i => i.DefinitionId).Distinct().ToList();
        var graphs = (await db.Definitions.AsNoTracking().Where(d => definitionIds.Contains(d.Id)).ToListAsync(cancellationToken))
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
        => TaskInbox.TaskDto(t, new TaskSubject(instance.Id, instance.SubjectType, instance.SubjectId, instance.SubjectTitle, instance.SubjectLink), definitionName, stageName, now);

    private static WorkflowIncidentDto IncidentDto(WorkflowIncident i, WorkflowInstance instance, LocalizedName stageName)
        => new(i.Id, instance.Id, i.StageId, stageName, i.TaskId, i.ReasonKey, i.RaisedAtUtc, instance.SubjectTitle, i.IsResolved);
}
