using System.Net;
using System.Net.Http.Json;
using Consortium.Portal.IntegrationTests.Documents;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.TemplateModule;
using Consortium.Portal.TemplateModule.Api;
using static Consortium.Portal.IntegrationTests.Matrix.MatrixRequests;

namespace Consortium.Portal.IntegrationTests.Matrix.Rows;

/// <summary>
/// The TemplateModule module in the authorization matrix: each endpoint with the roles its permission is granted to by
/// default (TemplateModuleModule.DefinePermissions). A new endpoint of the module gets its row here, or the matrix names it.
/// </summary>
public sealed class TemplateModuleMatrixRows : IEndpointMatrixRows
{
    private const string Items = TemplateModulePaths.Api + "/items";

    public IEnumerable<MatrixRow> Rows() =>
    [
        MatrixRow.Http("GET", Items, Expect.Roles(PortalRoles.Administrator, PortalRoles.Coordinator, PortalRoles.PartnerLead, PortalRoles.Member), _ => Get(Items)),
        MatrixRow.Http("POST", Items, Expect.Roles(PortalRoles.Administrator, PortalRoles.Coordinator),
            _ => Json(HttpMethod.Post, Items, new CreateTemplateModuleItemRequest(Unique("Item ")))),
        // An item of its own for each call, made by the administrator, so one caller's rename does not make the next one's stale.
        MatrixRow.Http("PUT", Items + "/{itemId:guid}", Expect.Roles(PortalRoles.Administrator, PortalRoles.Coordinator), async call =>
        {
            var created = await call.Scene.Person(Caller.Administrator).Client.PostAsJsonAsync(Items, new CreateTemplateModuleItemRequest(Unique("Item ")), DocumentsClient.Json);
            var item = await created.ReadAsync<TemplateModuleItemDto>(HttpStatusCode.Created);
            return Json(HttpMethod.Put, $"{Items}/{item.Id}", new RenameTemplateModuleItemRequest(Unique("Renamed "), item.ConcurrencyStamp));
        }),
    ];
}
