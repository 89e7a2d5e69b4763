using System.Net;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.IntegrationTests.Workflows;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Workflows;
using Consortium.Portal.Workflows.Api;
using static Consortium.Portal.IntegrationTests.Matrix.MatrixRequests;

namespace Consortium.Portal.IntegrationTests.Matrix.Rows;

/// <summary>
/// The Workflows module in the authorization matrix. Definitions and the coordinator's endpoints go by permission
/// (WorkflowsModule.DefinePermissions); a task is decided only by its assignee (here the Member, 403 for anyone else);
/// an instance is read by those involved and the coordinator (404 for anyone else, so guessed ids tell nothing).
/// Rows that change what they call get an instance of their own per call.
/// </summary>
public sealed class WorkflowsMatrixRows : IEndpointMatrixRows
{
    private const string Api = WorkflowsPaths.Api;
    private static readonly string[] Viewers = [PortalRoles.Administrator, PortalRoles.Coordinator, PortalRoles.PartnerLead, PortalRoles.Member];
    private static readonly string[] Managers = [PortalRoles.Administrator, PortalRoles.Coordinator];

    public IEnumerable<MatrixRow> Rows() =>
    [
        MatrixRow.Http("GET", $"{Api}/definitions", Expect.Roles(Viewers), _ => Get($"{Api}/definitions")),
        MatrixRow.Http("GET", $"{Api}/definitions/{{key}}", Expect.Roles(Viewers), async c =>
        {
            var definition = await WorkflowsSetUp.PublishAsync(c.Scene.Portal.Services, "matrix." + Unique("d-").ToLowerInvariant(),
                WorkflowsSetUp.Stage("review", new AssigneeRule(AssigneeKinds.Role, Role: PortalRoles.Coordinator)));
            return Get($"{Api}/definitions/{definition.Key}");
        }),
        MatrixRow.Http("POST", $"{Api}/definitions", Expect.Roles(Managers), _ => Json(HttpMethod.Post, $"{Api}/definitions",
            new PublishWorkflowDefinitionRequest("matrix." + Unique("p-").ToLowerInvariant(), WorkflowsSetUp.Name("Matrix"), null,
                [WorkflowsSetUp.Stage("review", new AssigneeRule(AssigneeKinds.Role, Role: PortalRoles.Coordinator))]))),

        MatrixRow.Http("GET", $"{Api}/drafts", Expect.Roles(Managers), _ => Get($"{Api}/drafts")),
        MatrixRow.Http("GET", $"{Api}/drafts/{{key}}", Expect.Roles(Managers), async c => Get($"{Api}/drafts/{(await DraftAsync(c)).Key}")),
        MatrixRow.Http("POST", $"{Api}/drafts", Expect.Roles(Managers), _ => Json(HttpMethod.Post, $"{Api}/drafts",
            new SaveWorkflowDraftRequest("matrix." + Unique("s-").ToLowerInvariant(), null, null, [], null))),
        MatrixRow.Http("POST", $"{Api}/drafts/{{key}}/publish", Expect.Roles(Managers), async c =>
        {
            var draft = await DraftAsync(c);
            return Json(HttpMethod.Post, $"{Api}/drafts/{draft.Key}/publish", new PublishWorkflowDraftRequest(draft.ConcurrencyStamp));
        }),
        MatrixRow.Http("DELETE", $"{Api}/drafts/{{key}}", Expect.Roles(Managers), async c =>
        {
            var draft = await DraftAsync(c);
            return Send(HttpMethod.Delete, $"{Api}/drafts/{draft.Key}?concurrencyStamp={draft.ConcurrencyStamp}");
        }),

        MatrixRow.Http("GET", $"{Api}/definitions/{{key}}/moves", Expect.Roles(Managers), async c =>
            Get($"{Api}/definitions/{await TwoVersionsAsync(c)}/moves")),
        MatrixRow.Http("POST", $"{Api}/definitions/{{key}}/moves", Expect.Roles(Managers), async c =>
            Json(HttpMethod.Post, $"{Api}/definitions/{await TwoVersionsAsync(c)}/moves", new MoveInstancesRequest(null))),

        MatrixRow.Http("GET", $"{Api}/tasks/mine", Expect.SignedIn, _ => Get($"{Api}/tasks/mine")),
        MatrixRow.Http("POST", $"{Api}/tasks/{{taskId:guid}}/decision", AssigneeOnly(), async c =>
        {
            var (_, task) = await WorkflowsSetUp.TaskForAsync(c.Scene.Portal.Services, c.Scene.Person(Caller.Member).Id);
            return Json(HttpMethod.Post, $"{Api}/tasks/{task}/decision", new ActOnTaskRequest(Guid.NewGuid(), TaskDecision.Approve, null));
        }),

        MatrixRow.Http("GET", $"{Api}/delegations/mine", Expect.SignedIn, _ => Get($"{Api}/delegations/mine")),
        // To a fresh colleague of the caller's own partner: callers without a partner have no colleague to delegate to (400).
        MatrixRow.Http("POST", $"{Api}/delegations", Expect.Each(c => c switch
        {
            Caller.Anonymous => Outcome.Refused(HttpStatusCode.Unauthorized),
            Caller.Administrator or Caller.Coordinator or Caller.Guest or Caller.Reviewer => Outcome.Refused(HttpStatusCode.BadRequest),
            _ => Outcome.Allowed,
        }), async c =>
        {
            var partner = c.Person?.PartnerId;
            var colleague = await c.Scene.Portal.CreateUserAsync($"colleague.{Guid.NewGuid():N}@example.org", PortalRoles.Member, partner, password: null);
            return Json(HttpMethod.Post, $"{Api}/delegations", new CreateDelegationRequest(colleague, null, DateTime.UtcNow.AddDays(7)));
        }),
        // The Member's own delegation: only they may end it; anyone else is told it does not exist.
        MatrixRow.Http("DELETE", $"{Api}/delegations/{{delegationId:guid}}", AssigneeOnly(notFound: true), async c =>
        {
            var delegation = await WorkflowsSetUp.DelegationAsync(c.Scene.Portal.Services, c.Scene.Person(Caller.Member).Id);
            return Send(HttpMethod.Delete, $"{Api}/delegations/{delegation}");
        }),

        MatrixRow.Http("GET", $"{Api}/instances/{{instanceId:guid}}", InvolvedOrManager(), async c =>
        {
            var (instance, _) = await WorkflowsSetUp.TaskForAsync(c.Scene.Portal.Services, c.Scene.Person(Caller.Member).Id);
            return Get($"{Api}/instances/{instance.Id}");
        }),
        MatrixRow.Http("GET", $"{Api}/instances", Expect.Roles(Managers), _ => Get($"{Api}/instances?status=Running")),
        MatrixRow.Http("POST", $"{Api}/instances/{{instanceId:guid}}/cancel", Expect.Roles(Managers), async c =>
        {
            var (instance, _) = await WorkflowsSetUp.TaskForAsync(c.Scene.Portal.Services, c.Scene.Person(Caller.Member).Id);
            return Json(HttpMethod.Post, $"{Api}/instances/{instance.Id}/cancel", new CancelWorkflowRequest("Matrix"));
        }),

        MatrixRow.Http("GET", $"{Api}/analytics/stages", Expect.Roles(Managers), _ => Get($"{Api}/analytics/stages?days=30")),
        MatrixRow.Http("GET", $"{Api}/incidents", Expect.Roles(Managers), _ => Get($"{Api}/incidents")),
        MatrixRow.Http("POST", $"{Api}/incidents/{{incidentId:guid}}/reassign", Expect.Roles(Managers), async c =>
        {
            var (_, incident) = await WorkflowsSetUp.IncidentAsync(c.Scene.Portal.Services);
            return Json(HttpMethod.Post, $"{Api}/incidents/{incident}/reassign", new ReassignIncidentRequest(c.Scene.Person(Caller.Member).Id));
        }),
    ];

    /// <summary>A draft of its own for each call, one that would publish.</summary>
    private static Task<WorkflowDefinitionDraftDto> DraftAsync(MatrixCall c)
        => WorkflowsSetUp.DraftAsync(c.Scene.Portal.Services, "matrix." + Unique("r-").ToLowerInvariant(),
            WorkflowsSetUp.Stage("review", new AssigneeRule(AssigneeKinds.Role, Role: PortalRoles.Coordinator)));

    /// <summary>A definition of two versions with an instance running on the first: something to move.</summary>
    private static async Task<string> TwoVersionsAsync(MatrixCall c)
    {
        var key = "matrix." + Unique("m-").ToLowerInvariant();
        var stage = WorkflowsSetUp.Stage("review", WorkflowsSetUp.Users(c.Scene.Person(Caller.Member).Id));
        await WorkflowsSetUp.PublishAsync(c.Scene.Portal.Services, key, stage);
        await WorkflowsSetUp.StartAsync(c.Scene.Portal.Services, key);
        await WorkflowsSetUp.PublishAsync(c.Scene.Portal.Services, key, stage, WorkflowsSetUp.Stage("final", new AssigneeRule(AssigneeKinds.Role, Role: PortalRoles.Coordinator)));
        return key;
    }

    private static IReadOnlyDictionary<Caller, Outcome> AssigneeOnly(bool notFound = false) => Expect.Each(c => c switch
    {
        Caller.Anonymous => Outcome.Refused(HttpStatusCode.Unauthorized),
        Caller.Member => Outcome.Allowed,
        _ => Outcome.Refused(notFound ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden),
    });

    private static IReadOnlyDictionary<Caller, Outcome> InvolvedOrManager() => Expect.Each(c => c switch
    {
        Caller.Anonymous => Outcome.Refused(HttpStatusCode.Unauthorized),
        Caller.Member or Caller.Administrator or Caller.Coordinator => Outcome.Allowed,
        _ => Outcome.Refused(HttpStatusCode.NotFound),
    });
}
