using Consortium.Portal.Platform.Paging;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Workflows.Application;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Consortium.Portal.Workflows.Api;

public static class WorkflowsPaths
{
    public const string Api = "/api/workflows";
    public const string InboxPage = WorkflowLinks.TaskInbox;
    public const string InstancesPage = "/workflows/instances";
    public const string DefinitionsPage = "/workflows/definitions";

    public static string InstancePage(Guid instanceId) => $"{InstancesPage}/{instanceId}";
}

/// <summary>
/// The module's API: one group. Definitions and the coordinator's endpoints need a permission; a task is decided only by
/// its assignee and an instance is read only by those involved (checked by the application service, on the server).
/// </summary>
internal static class WorkflowsEndpoints
{
    public static IEndpointRouteBuilder MapWorkflowsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(WorkflowsPaths.Api).WithTags("Workflows").RequireAuthorization();

        group.MapGet("/definitions", ListDefinitionsAsync).RequirePermission(WorkflowsPermissions.Definitions.View)
            .WithName("ListWorkflowDefinitions").WithSummary("Every definition with its latest version");
        group.MapGet("/definitions/{key}", GetDefinitionAsync).RequirePermission(WorkflowsPermissions.Definitions.View)
            .WithName("GetWorkflowDefinition").WithSummary("A definition's latest version, or ?version=N");
        group.MapPost("/definitions", PublishDefinitionAsync).RequirePermission(WorkflowsPermissions.Definitions.Manage)
            .WithName("PublishWorkflowDefinition")
            .WithSummary("Publishes the next version of a definition (version 1 for a new key); running instances keep theirs. Every reason an invalid definition is refused is listed.");

        // Drafts are the coordinators' work in progress: only those who may publish see them.
        group.MapGet("/drafts", ListDraftsAsync).RequirePermission(WorkflowsPermissions.Definitions.Manage)
            .WithName("ListWorkflowDrafts").WithSummary("The drafts of definitions' next versions, the most recently saved first");
        group.MapGet("/drafts/{key}", GetDraftAsync).RequirePermission(WorkflowsPermissions.Definitions.Manage)
            .WithName("GetWorkflowDraft").WithSummary("The draft of a definition's next version; 404 when there is none");
        group.MapPost("/drafts", SaveDraftAsync).RequirePermission(WorkflowsPermissions.Definitions.Manage)
            .WithName("SaveWorkflowDraft")
            .WithSummary("Starts (no concurrencyStamp) or replaces (the stamp as read) a definition's draft, valid or not yet; 409 with the current draft when someone saved it meanwhile");
        group.MapPost("/drafts/{key}/publish", PublishDraftAsync).RequirePermission(WorkflowsPermissions.Definitions.Manage)
            .WithName("PublishWorkflowDraft").WithSummary("Publishes the draft as read as the next version and removes it; every reason an invalid one is refused is listed");
        group.MapDelete("/drafts/{key}", DiscardDraftAsync).RequirePermission(WorkflowsPermissions.Definitions.Manage)
            .WithName("DiscardWorkflowDraft").WithSummary("Throws the draft as read (?concurrencyStamp=) away; 409 when it changed meanwhile");

        group.MapGet("/definitions/{key}/moves", MovePreviewAsync).RequirePermission(WorkflowsPermissions.Definitions.Manage)
            .WithName("PreviewWorkflowVersionMoves").WithSummary("Per running instance of an older version: where it would land on the latest version, or why it cannot move");
        group.MapPost("/definitions/{key}/moves", MoveAsync).RequirePermission(WorkflowsPermissions.Definitions.Manage)
            .WithName("MoveWorkflowInstances").WithSummary("Moves the chosen running instances (all that can, when none is chosen) to the latest version");

        group.MapGet("/tasks/mine", InboxAsync)
            .WithName("WorkflowTaskInbox").WithSummary("The caller's open tasks, overdue and soonest due first, paged");
        group.MapPost("/tasks/{taskId:guid}/decision", ActAsync)
            .WithName("DecideWorkflowTask")
            .WithSummary("Approve, request changes or reject (a comment is required for the last two). The same actionId twice counts once; a closed task answers 409; someone else's task 403.");

        group.MapGet("/delegations/mine", MyDelegationsAsync)
            .WithName("MyWorkflowDelegations").WithSummary("The caller's delegations that have not ended, given and received");
        group.MapPost("/delegations", DelegateAsync)
            .WithName("DelegateWorkflowTasks").WithSummary("Hands the caller's tasks to a colleague of the same partner for a period; the journal names both");
        group.MapDelete("/delegations/{delegationId:guid}", RevokeDelegationAsync)
            .WithName("RevokeWorkflowDelegation").WithSummary("Ends one of the caller's delegations now; 404 for anyone else's");

        group.MapGet("/instances/{instanceId:guid}", GetInstanceAsync)
            .WithName("GetWorkflowInstance").WithSummary("An instance with its open tasks, incidents and journal; for those involved and the coordinator");
        group.MapGet("/instances", ListInstancesAsync).RequirePermission(WorkflowsPermissions.Instances.Manage)
            .WithName("ListWorkflowInstances").WithSummary("Every instance, newest first; filters status, definitionKey, subjectType, withIncidents");
        group.MapPost("/instances/{instanceId:guid}/cancel", CancelAsync).RequirePermission(WorkflowsPermissions.Instances.Manage)
            .WithName("CancelWorkflowInstance").WithSummary("Ends a running instance with a reason; 409 when it has ended");

        group.MapGet("/analytics/stages", StageTimesAsync).RequirePermission(WorkflowsPermissions.Instances.Manage)
            .WithName("WorkflowStageTimes").WithSummary("Time per stage and definition over the last ?days= (365), the stages holding work up first");

        group.MapGet("/incidents", IncidentsAsync).RequirePermission(WorkflowsPermissions.Instances.Manage)
            .WithName("ListWorkflowIncidents").WithSummary("Open incidents, oldest first");
        group.MapPost("/incidents/{incidentId:guid}/reassign", ReassignAsync).RequirePermission(WorkflowsPermissions.Instances.Manage)
            .WithName("ReassignWorkflowIncident").WithSummary("Resolves an incident: the named user gets the task");
        return endpoints;
    }

    private static async Task<Ok<IReadOnlyList<WorkflowDefinitionSummaryDto>>> ListDefinitionsAsync(string? subjectType, WorkflowDefinitions definitions, CancellationToken cancellationToken)
        => TypedResults.Ok(await definitions.ListAsync(subjectType, cancellationToken));

    private static async Task<Ok<WorkflowDefinitionDto>> GetDefinitionAsync(string key, int? version, WorkflowDefinitions definitions, CancellationToken cancellationToken)
        => TypedResults.Ok(await definitions.GetAsync(key, version, cancellationToken));

    private static async Task<Created<WorkflowDefinitionDto>> PublishDefinitionAsync(
        PublishWorkflowDefinitionRequest request, WorkflowDefinitions definitions, CancellationToken cancellationToken)
    {
        var published = await definitions.PublishAsync(request, cancellationToken);
        return TypedResults.Created($"{WorkflowsPaths.Api}/definitions/{published.Key}?version={published.Version}", published);
    }

    private static async Task<Ok<IReadOnlyList<WorkflowDefinitionDraftDto>>> ListDraftsAsync(WorkflowDefinitionDrafts drafts, CancellationToken cancellationToken)
        => TypedResults.Ok(await drafts.ListAsync(cancellationToken));

    private static async Task<Ok<WorkflowDefinitionDraftDto>> GetDraftAsync(string key, WorkflowDefinitionDrafts drafts, CancellationToken cancellationToken)
        => TypedResults.Ok(await drafts.GetAsync(key, cancellationToken));

    private static async Task<Ok<WorkflowDefinitionDraftDto>> SaveDraftAsync(SaveWorkflowDraftRequest request, WorkflowDefinitionDrafts drafts, CancellationToken cancellationToken)
        => TypedResults.Ok(await drafts.SaveAsync(request, cancellationToken));

    private static async Task<Created<WorkflowDefinitionDto>> PublishDraftAsync(string key, PublishWorkflowDraftRequest request, WorkflowDefinitionDrafts drafts,
        CancellationToken cancellationToken)
    {
        var published = await drafts.PublishAsync(key, request, cancellationToken);
        return TypedResults.Created($"{WorkflowsPaths.Api}/definitions/{published.Key}?version={published.Version}", published);
    }

    private static async Task<NoContent> DiscardDraftAsync(string key, Guid? concurrencyStamp, WorkflowDefinitionDrafts drafts, CancellationToken cancellationToken)
    {
        await drafts.DiscardAsync(key, concurrencyStamp, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<IReadOnlyList<VersionMoveDto>>> MovePreviewAsync(string key, WorkflowVersionMoves moves, CancellationToken cancellationToken)
        => TypedResults.Ok(await moves.PreviewAsync(key, cancellationToken));

    private static async Task<Ok<IReadOnlyList<VersionMoveDto>>> MoveAsync(string key, MoveInstancesRequest request, WorkflowVersionMoves moves, CancellationToken cancellationToken)
        => TypedResults.Ok(await moves.MoveAsync(key, request, cancellationToken));

    private static async Task<Ok<PagedResult<WorkflowTaskDto>>> InboxAsync([AsParameters] TaskInboxQuery query, TaskInbox inbox, CancellationToken cancellationToken)
        => TypedResults.Ok(await inbox.ReadAsync(query, cancellationToken));

    private static async Task<Ok<TaskActionResultDto>> ActAsync(Guid taskId, ActOnTaskRequest request, WorkflowRuntime runtime, CancellationToken cancellationToken)
        => TypedResults.Ok(await runtime.ActAsync(taskId, request, cancellationToken));

    private static async Task<Ok<IReadOnlyList<WorkflowDelegationDto>>> MyDelegationsAsync(WorkflowDelegations delegations, CancellationToken cancellationToken)
        => TypedResults.Ok(await delegations.MineAsync(cancellationToken));

    private static async Task<Created<WorkflowDelegationDto>> DelegateAsync(CreateDelegationRequest request, WorkflowDelegations delegations, CancellationToken cancellationToken)
    {
        var created = await delegations.CreateAsync(request, cancellationToken);
        return TypedResults.Created($"{WorkflowsPaths.Api}/delegations/{created.Id}", created);
    }

    private static async Task<NoContent> RevokeDelegationAsync(Guid delegationId, WorkflowDelegations delegations, CancellationToken cancellationToken)
    {
        await delegations.RevokeAsync(delegationId, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<WorkflowInstanceDto>> GetInstanceAsync(Guid instanceId, WorkflowViews views, CancellationToken cancellationToken)
        => TypedResults.Ok(await views.VisibleInstanceAsync(instanceId, cancellationToken));

    private static async Task<Ok<PagedResult<WorkflowInstanceSummaryDto>>> ListInstancesAsync([AsParameters] InstanceListQuery query, WorkflowViews views, CancellationToken cancellationToken)
        => TypedResults.Ok(await views.ListAsync(query, cancellationToken));

    private static async Task<Ok<WorkflowInstanceDto>> CancelAsync(Guid instanceId, CancelWorkflowRequest request, WorkflowRuntime runtime, CancellationToken cancellationToken)
        => TypedResults.Ok(await runtime.CancelAsync(instanceId, request, cancellationToken));

    private static async Task<Ok<IReadOnlyList<StageTimeDto>>> StageTimesAsync(int? days, WorkflowViews views, CancellationToken cancellationToken)
        => TypedResults.Ok(await views.StageTimesAsync(days ?? 365, cancellationToken));

    private static async Task<Ok<IReadOnlyList<WorkflowIncidentDto>>> IncidentsAsync(WorkflowViews views, CancellationToken cancellationToken)
        => TypedResults.Ok(await views.OpenIncidentsAsync(cancellationToken));

    private static async Task<Ok<WorkflowInstanceDto>> ReassignAsync(Guid incidentId, ReassignIncidentRequest request, WorkflowRuntime runtime, CancellationToken cancellationToken)
        => TypedResults.Ok(await runtime.ReassignIncidentAsync(incidentId, request, cancellationToken));
}
