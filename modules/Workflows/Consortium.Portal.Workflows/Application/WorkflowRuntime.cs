using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Platform.Validation;
using Consortium.Portal.Workflows.Data;
using Consortium.Portal.Workflows.Domain;
using Consortium.Portal.Workflows.Notifications;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Workflows.Application;

/// <summary>
/// Every change to an instance goes through here: load it whole with its pinned definition, read the engine's context,
/// run the engine, send the notifications, save with the concurrency stamp. A save that lost to a concurrent one starts
/// again from a fresh read, so two approvers acting at once both count; the action id makes the retry of an action
/// that did land a no-op.
/// </summary>
internal sealed class WorkflowRuntime(
    WorkflowsDbContext db,
    WorkflowContextReader contexts,
    WorkflowNotifier notifier,
    WorkflowViews views,
    WorkflowDefinitions definitions,
    ICurrentUser currentUser,
    SharedTransaction sharedTransaction,
    TimeProvider clock,
    IValidator<StartWorkflowRequest> startRules,
    IValidator<ActOnTaskRequest> actRules,
    IValidator<CancelWorkflowRequest> cancelRules,
    IValidator<ReassignIncidentRequest> reassignRules,
    IStringLocalizer<WorkflowsResource> text) : IWorkflows
{
    private const int Attempts = 8;

    private delegate (T Result, IReadOnlyList<EngineEffect> Effects) Step<T>(WorkflowInstance instance, DefinitionGraph graph, EngineContext context);

    public async Task<WorkflowInstanceDto> StartAsync(StartWorkflowRequest request, CancellationToken cancellationToken = default)
    {
        await startRules.EnsureValidAsync(request, cancellationToken);
        // A caller's unit (Publications' submit) gets the start in its own transaction: both happen, or neither.
        await sharedTransaction.JoinAsync(db, cancellationToken);
        var type = contexts.SubjectType(request.SubjectType!);
        var definition = await db.Definitions.AsNoTracking().Where(d => d.Key == request.DefinitionKey)
                             .OrderByDescending(d => d.Version).FirstOrDefaultAsync(cancellationToken)
                         ?? throw new EntityNotFoundException(nameof(WorkflowDefinition), request.DefinitionKey!);
        if (definition.SubjectType is { } only && only != type.Name)
        {
            throw new DomainRuleException("Error.DefinitionForOtherSubjectType", typeof(WorkflowsResource), definition.Key, only);
        }
        var subject = await type.DescribeAsync(request.SubjectId, cancellationToken)
                      ?? throw new EntityNotFoundException(type.Name, request.SubjectId);
        var runningKey = WorkflowInstance.RunningKeyOf(type.Name, request.SubjectId);
        if (await db.Instances.AnyAsync(i => i.RunningKey == runningKey, cancellationToken))
        {
            throw new WorkflowConflictException("Error.AlreadyRunning");
        }
        var graph = new DefinitionGraph(definition.Stages);
        var context = await contexts.ReadAsync(graph, subject, null, cancellationToken);
        var instance = WorkflowInstance.New(definition, type.Name, subject, context.NowUtc, currentUser.Id);
        var effects = WorkflowEngine.Start(instance, graph, context);
        db.Instances.Add(instance);
        await notifier.SendAsync(instance, definition, subject, CoordinatorIds(context), effects, announceOpenedTasks: !type.AnnouncesStartingTasks,
            cancellationToken: cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (sharedTransaction.IsActive)
        {
            // In the caller's transaction the failed insert ended it (PostgreSQL reads nothing more in it): the only
            // insert that can collide is the running key's.
            throw new WorkflowConflictException("Error.AlreadyRunning");
        }
        catch (DbUpdateException)
        {
            if (await RunningElsewhereAsync(runningKey, cancellationToken))
            {
                // Another start for the same subject committed first; the unique running key kept it to one.
                throw new WorkflowConflictException("Error.AlreadyRunning");
            }
            throw;
        }
        return await views.InstanceAsync(instance.Id, cancellationToken);
    }

    public async Task<WorkflowInstanceDto> ResubmitAsync(string subjectType, Guid subjectId, string? comment = null, CancellationToken cancellationToken = default)
    {
        var key = WorkflowInstance.RunningKeyOf(subjectType, subjectId);
        var id = await db.Instances.Where(i => i.RunningKey == key).Select(i => (Guid?)i.Id).FirstOrDefaultAsync(cancellationToken)
                 ?? throw new WorkflowConflictException("Error.NotWaitingForChanges");
        var actor = currentUser.Id;
        await OnInstanceAsync(id, (instance, graph, context) => (true, WorkflowEngine.Resubmit(instance, graph, context, actor, comment)), null, cancellationToken);
        return await views.InstanceAsync(id, cancellationToken);
    }

    public Task<IReadOnlyList<WorkflowDefinitionSummaryDto>> ListDefinitionsAsync(string? subjectType = null, CancellationToken cancellationToken = default)
        => definitions.ListAsync(subjectType, cancellationToken);

    public Task<WorkflowInstanceDto?> FindForSubjectAsync(string subjectType, Guid subjectId, CancellationToken cancellationToken = default)
        => views.ForSubjectAsync(subjectType, subjectId, cancellationToken);

    /// <summary>The signed-in user decides one of their tasks.</summary>
    public async Task<TaskActionResultDto> ActAsync(Guid taskId, ActOnTaskRequest request, CancellationToken cancellationToken = default)
    {
        await actRules.EnsureValidAsync(request, cancellationToken);
        var actor = currentUser.Id ?? throw new ForbiddenException("Only a signed-in user may decide a task.");
        var task = await db.Tasks.AsNoTracking().Where(t => t.Id == taskId).Select(t => new { t.InstanceId, t.AssigneeId, t.Status }).FirstOrDefaultAsync(cancellationToken)
                   ?? throw new EntityNotFoundException(nameof(WorkflowTask), taskId);
        Guid? delegateId = null;
        if (task.AssigneeId != actor)
        {
            // A colleague the assignee delegated to acts in their name; anyone else is refused.
            var now = clock.GetUtcNow().UtcDateTime;
            if (!await db.DelegationsTo(actor, now).AnyAsync(d => d.DelegatorId == task.AssigneeId, cancellationToken))
            {
                throw new ForbiddenException("Only the task's assignee, or their delegate, may decide it.");
            }
            delegateId = actor;
        }
        if (request.Decision == TaskDecision.Approve && task.Status == WorkflowTaskStatus.Open)
        {
            // The subject's module may refuse an approval its subject is not ready for (a translation request whose
            // translation is not linked yet): refused before anything is written, the task stays open.
            var subject = await db.Instances.AsNoTracking().Where(i => i.Id == task.InstanceId)
                .Select(i => new { i.SubjectType, i.SubjectId }).SingleAsync(cancellationToken);
            if (contexts.FindSubjectType(subject.SubjectType) is { } type)
            {
                await type.EnsureMayApproveAsync(subject.SubjectId, cancellationToken);
            }
        }
        var principal = task.AssigneeId;
        return await OnInstanceAsync(task.InstanceId, (instance, graph, context) =>
        {
            var (already, effects) = WorkflowEngine.Decide(instance, graph, context, taskId, principal, request.Decision!.Value, request.Comment, request.ActionId, delegateId);
            var decided = instance.Tasks.Single(t => t.Id == taskId);
            return (new TaskActionResultDto(instance.Id, taskId, decided.Status, instance.Status, already), effects);
        }, null, cancellationToken);
    }

    public async Task<WorkflowInstanceDto> CancelAsync(Guid instanceId, CancelWorkflowRequest request, CancellationToken cancellationToken = default)
    {
        await cancelRules.EnsureValidAsync(request, cancellationToken);
        var actor = currentUser.Id;
        await OnInstanceAsync(instanceId, (instance, graph, context) => (true, WorkflowEngine.Cancel(instance, graph, context, actor, request.Reason!)), null, cancellationToken);
        return await views.InstanceAsync(instanceId, cancellationToken);
    }

    public async Task<WorkflowInstanceDto> ReassignIncidentAsync(Guid incidentId, ReassignIncidentRequest request, CancellationToken cancellationToken = default)
    {
        await reassignRules.EnsureValidAsync(request, cancellationToken);
        var instanceId = await db.Incidents.Where(i => i.Id == incidentId).Select(i => (Guid?)i.InstanceId).FirstOrDefaultAsync(cancellationToken)
                         ?? throw new EntityNotFoundException(nameof(WorkflowIncident), incidentId);
        var actor = currentUser.Id;
        var userId = request.UserId!.Value;
        await OnInstanceAsync(instanceId, (instance, graph, context) =>
        {
            var assignee = context.User(userId) ?? new Candidate(userId, null, false);
            if (!assignee.IsEnabled)
            {
                throw RequestValidationException.For("userId", text["Validation.AssigneeCannotSignIn"]);
            }
            return (true, WorkflowEngine.ResolveIncident(instance, graph, context, incidentId, assignee, actor));
        }, [userId], cancellationToken);
        return await views.InstanceAsync(instanceId, cancellationToken);
    }

    /// <summary>Reminders and escalations due now on one instance; nothing when another run already fired them.</summary>
    public Task FireTimersAsync(Guid instanceId, CancellationToken cancellationToken = default)
        => OnInstanceAsync(instanceId, (instance, graph, context) => (true, WorkflowEngine.FireTimers(instance, graph, context)), null, cancellationToken);

    public Task AssigneeUnavailableAsync(Guid instanceId, Guid userId, CancellationToken cancellationToken = default)
        => OnInstanceAsync(instanceId, (instance, graph, context) => (true, WorkflowEngine.AssigneeUnavailable(instance, graph, context, userId)), null, cancellationToken);

    /// <summary>Moves a running instance to <paramref name="target"/>, a later version of its definition (see <see cref="VersionMoves"/>).</summary>
    public Task<IReadOnlyList<string>> MoveToVersionAsync(Guid instanceId, WorkflowDefinition target, CancellationToken cancellationToken = default)
    {
        var to = new DefinitionGraph(target.Stages);
        var actor = currentUser.Id;
        return OnInstanceAsync<IReadOnlyList<string>>(instanceId, (instance, graph, context) =>
        {
            var effects = WorkflowEngine.MoveToVersion(instance, graph, target, to, context, actor);
            return (instance.ActiveStages.OrderBy(to.OrderOf).ToList(), effects);
        }, null, cancellationToken, contextGraph: to);
    }

    private async Task<T> OnInstanceAsync<T>(Guid instanceId, Step<T> step, IEnumerable<Guid>? alsoKnow, CancellationToken cancellationToken,
        DefinitionGraph? contextGraph = null)
    {
        await sharedTransaction.JoinAsync(db, cancellationToken);
        // Inside a caller's transaction a lost save cannot be read again and retried: it is the caller's 409.
        var attempts = sharedTransaction.IsActive ? 1 : Attempts;
        for (var attempt = 1; ; attempt++)
        {
            var instance = await db.WholeInstances.SingleOrDefaultAsync(i => i.Id == instanceId, cancellationToken)
                           ?? throw new EntityNotFoundException(nameof(WorkflowInstance), instanceId);
            var definition = await db.Definitions.AsNoTracking().SingleAsync(d => d.Id == instance.DefinitionId, cancellationToken);
            var graph = new DefinitionGraph(definition.Stages);
            var subject = await contexts.SubjectOfAsync(instance, cancellationToken);
            // The stages the step may enter are those of the graph it runs on: the new version's when moving.
            var context = await contexts.ReadAsync(contextGraph ?? graph, subject, alsoKnow, cancellationToken);
            var (result, effects) = step(instance, graph, context);
            await notifier.SendAsync(instance, definition, subject, CoordinatorIds(context), effects, cancellationToken: cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return result;
            }
            catch (DbUpdateException) when (attempt < attempts)
            {
                // Somebody saved the instance since it was read (the stamp), or took the same sequence number: read again.
                // The discarded step's events and notifications were drained with the failed save and are made anew.
                db.ChangeTracker.Clear();
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                throw new ConcurrencyConflictException(nameof(WorkflowInstance), instanceId);
            }
        }
    }

    private static IReadOnlyList<Guid> CoordinatorIds(EngineContext context) => context.Coordinators.Where(c => c.IsEnabled).Select(c => c.UserId).ToList();

    private Task<bool> RunningElsewhereAsync(string runningKey, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        return db.Instances.AnyAsync(i => i.RunningKey == runningKey, cancellationToken);
    }
}
