using System.Net;
using Consortium.Portal.IntegrationTests.Documents;
using Consortium.Portal.IntegrationTests.Publications;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Publications;
using Consortium.Portal.Publications.Api;
using Consortium.Portal.Publications.Public;
using Consortium.Portal.Workspaces;
using static Consortium.Portal.IntegrationTests.Matrix.MatrixRequests;

namespace Consortium.Portal.IntegrationTests.Matrix.Rows;

/// <summary>
/// The Publications module in the authorization matrix. Reading goes by permission; starting one needs editing the
/// workspace; acting on one needs being its author (here the Editor) or managing publications (403 for anyone else).
/// Rows that change a publication get one of their own per call, in the state the action needs.
/// </summary>
public sealed class PublicationsMatrixRows : IEndpointMatrixRows
{
    private const string Api = PublicationsPaths.Api;
    private static readonly string[] Managers = [PortalRoles.Administrator, PortalRoles.Coordinator];
    private static readonly string[] Staff = [PortalRoles.Administrator, PortalRoles.Coordinator, PortalRoles.PartnerLead, PortalRoles.Member];

    public IEnumerable<MatrixRow> Rows() =>
    [
        MatrixRow.Http("GET", Api + "/", Expect.Roles(Staff), _ => Get(Api)),
        MatrixRow.Http("GET", Api + "/{publicationId:guid}", Expect.Roles(Staff), async c => Get($"{Api}/{(await OfEditorAsync(c, PublicationState.Draft)).Id}")),
        MatrixRow.Http("POST", Api + "/", Expect.InWorkspace(WorkspaceAction.Edit).With(Caller.Guest, Outcome.Refused(HttpStatusCode.Forbidden)), c =>
            Json(HttpMethod.Post, Api, new CreatePublicationRequest(PublicationType.OpEd, Unique("Op-ed "), null, null, ["en"], null,
                c.Scene.WorkspaceId, c.Scene.DocumentId, null, 4))),
        MatrixRow.Http("PUT", Api + "/{publicationId:guid}", AuthorOrManager(), async c =>
        {
            var p = await OfEditorAsync(c, PublicationState.Draft);
            return Json(HttpMethod.Put, $"{Api}/{p.Id}", new UpdatePublicationRequest(p.Type, Unique("Renamed "), p.Summary, p.Tags, p.Languages, p.AuthorIds,
                p.ManuscriptDocumentId, p.TargetOutlet, p.Activity, p.ConcurrencyStamp));
        }),
        MatrixRow.Http("POST", Api + "/{publicationId:guid}/submit", AuthorOrManager(), async c =>
        {
            var p = await OfEditorAsync(c, PublicationState.Draft);
            return Json(HttpMethod.Post, $"{Api}/{p.Id}/submit", new SubmitPublicationRequest(null, null, p.ConcurrencyStamp));
        }),
        MatrixRow.Http("POST", Api + "/{publicationId:guid}/publish", AuthorOrManager(), async c =>
        {
            var p = await OfEditorAsync(c, PublicationState.Approved);
            var final = await c.Owner.UploadOneAsync(c.Scene.WorkspaceId, Unique("final-") + ".md",
                System.Text.Encoding.UTF8.GetBytes(PublicationsSetUp.PassingText("BCSP")));
            return Json(HttpMethod.Post, $"{Api}/{p.Id}/publish", new PublishPublicationRequest([new PublicationFileRequest("en", final, null)], null, null, p.ConcurrencyStamp));
        }),
        MatrixRow.Http("POST", Api + "/{publicationId:guid}/withdraw", AuthorOrManager(), async c =>
        {
            var p = await OfEditorAsync(c, PublicationState.Published);
            return Json(HttpMethod.Post, $"{Api}/{p.Id}/withdraw", new WithdrawPublicationRequest("Retracted by the outlet", p.ConcurrencyStamp));
        }),
        MatrixRow.Http("GET", Api + "/pipeline", Expect.Roles(Managers), _ => Get(Api + "/pipeline")),
        MatrixRow.Http("GET", Api + "/pipeline/export.xlsx", Expect.Roles(Managers), _ => Get(Api + "/pipeline/export.xlsx")),
        MatrixRow.Http("GET", Api + "/pipeline/export.csv", Expect.Roles(Managers), _ => Get(Api + "/pipeline/export.csv")),

        // The catalogue's API is public: anyone, signed in or not, reads what was published and nothing else.
        MatrixRow.Http("GET", PublicCataloguePaths.Api + "/", Expect.Anyone, _ => Get(PublicCataloguePaths.Api)),
        MatrixRow.Http("GET", PublicCataloguePaths.Api + "/{slug}", Expect.Anyone, async c =>
            Get($"{PublicCataloguePaths.Api}/{(await OfEditorAsync(c, PublicationState.Published)).Slug}")),
    ];

    /// <summary>The Editor's publications: the Editor and those who manage publications act on them, every other signed-in caller gets 403.</summary>
    private static IReadOnlyDictionary<Caller, Outcome> AuthorOrManager() => Expect.Each(c => c switch
    {
        Caller.Anonymous => Outcome.Refused(HttpStatusCode.Unauthorized),
        Caller.Administrator or Caller.Coordinator or Caller.Editor => Outcome.Allowed,
        _ => Outcome.Refused(HttpStatusCode.Forbidden),
    });

    private static async Task<PublicationDto> OfEditorAsync(MatrixCall c, PublicationState state)
    {
        var editor = c.Scene.Person(Caller.Editor);
        var publication = await PublicationsSetUp.InStateAsync(c.Scene.Portal.Services, state, c.Scene.WorkspaceId, c.Scene.DocumentId, editor.Id, editor.PartnerId);
        return Consortium.Portal.Publications.Application.PublicationLifecycle.ToDto(publication);
    }
}
