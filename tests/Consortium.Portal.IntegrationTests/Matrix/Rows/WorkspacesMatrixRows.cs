using Consortium.Portal.Platform.Security;
using Consortium.Portal.Workspaces;
using static Consortium.Portal.IntegrationTests.Matrix.MatrixRequests;

namespace Consortium.Portal.IntegrationTests.Matrix.Rows;

/// <summary>
/// The Workspaces module: anyone signed in lists (their own) workspaces; partner leads and the managers create them; a
/// workspace is read by whoever sees it and changed by its Owner. Changes get a workspace of their own for each call.
/// </summary>
public sealed class WorkspacesMatrixRows : IEndpointMatrixRows
{
    private const string Api = "/api/workspaces";

    public IEnumerable<MatrixRow> Rows()
    {
        var read = Expect.InWorkspace(WorkspaceAction.View);
        var manage = Expect.InWorkspace(WorkspaceAction.Manage);
        return
        [
            MatrixRow.Http("GET", "/api/workspaces/", Expect.SignedIn, _ => Get($"{Api}?archived=all")),
            MatrixRow.Http("POST", "/api/workspaces/", Expect.Roles(PortalRoles.Administrator, PortalRoles.Coordinator, PortalRoles.PartnerLead),
                _ => Json(HttpMethod.Post, Api, new { name = "Roundtable in Novi Pazar", kind = "Event" })),
            MatrixRow.Http("GET", "/api/workspaces/{workspaceId:guid}", read, call => Get($"{Api}/{call.Scene.WorkspaceId}")),
            MatrixRow.Http("PUT", "/api/workspaces/{workspaceId:guid}", manage, async call =>
            {
                var w = await call.Scene.NewWorkspaceAsync();
                return Json(HttpMethod.Put, $"{Api}/{w.WorkspaceId}", new { name = "Roundtable in Kraljevo", concurrencyStamp = w.Stamp });
            }),
            MatrixRow.Http("POST", "/api/workspaces/{workspaceId:guid}/archive", manage, async call =>
            {
                var w = await call.Scene.NewWorkspaceAsync();
                return Json(HttpMethod.Post, $"{Api}/{w.WorkspaceId}/archive", new { concurrencyStamp = w.Stamp });
            }),
            MatrixRow.Http("POST", "/api/workspaces/{workspaceId:guid}/unarchive", manage, async call =>
            {
                var w = await call.Scene.NewWorkspaceAsync(archived: true);
                return Json(HttpMethod.Post, $"{Api}/{w.WorkspaceId}/unarchive", new { concurrencyStamp = w.Stamp });
            }),
            MatrixRow.Http("GET", "/api/workspaces/{workspaceId:guid}/members", read, call => Get($"{Api}/{call.Scene.WorkspaceId}/members")),
            MatrixRow.Http("POST", "/api/workspaces/{workspaceId:guid}/members", manage, async call =>
            {
                var w = await call.Scene.NewWorkspaceAsync();
                return Json(HttpMethod.Post, $"{Api}/{w.WorkspaceId}/members", new { userId = w.NewcomerId, role = "Reviewer", concurrencyStamp = w.Stamp });
            }),
            MatrixRow.Http("PUT", "/api/workspaces/{workspaceId:guid}/members/{membershipId:guid}", manage, async call =>
            {
                var w = await call.Scene.NewWorkspaceAsync();
                return Json(HttpMethod.Put, $"{Api}/{w.WorkspaceId}/members/{w.TargetMembershipId}", new { role = "Editor", concurrencyStamp = w.Stamp });
            }),
            MatrixRow.Http("DELETE", "/api/workspaces/{workspaceId:guid}/members/{membershipId:guid}", manage, async call =>
            {
                var w = await call.Scene.NewWorkspaceAsync();
                return Send(HttpMethod.Delete, $"{Api}/{w.WorkspaceId}/members/{w.TargetMembershipId}?concurrencyStamp={w.Stamp}");
            }),
            MatrixRow.Http("GET", "/api/workspaces/{workspaceId:guid}/activity", read, call => Get($"{Api}/{call.Scene.WorkspaceId}/activity")),
        ];
    }
}
