using System.Net;
using System.Net.Http.Json;
using System.Text;
using Consortium.Portal.Identity;
using Consortium.Portal.IntegrationTests.Documents;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Training;
using Consortium.Portal.Training.Api;
using static Consortium.Portal.IntegrationTests.Matrix.MatrixRequests;

namespace Consortium.Portal.IntegrationTests.Matrix.Rows;

/// <summary>
/// The Training module in the authorization matrix. Reading goes by permission (partner staff, not guests); changing a
/// material or collection needs being its author (here the Editor, who made it) or managing training (403 for anyone
/// else). Rows that change something get a material or collection of their own per call.
/// </summary>
public sealed class TrainingMatrixRows : IEndpointMatrixRows
{
    private const string Api = TrainingPaths.Api;
    private static readonly string[] Staff = [PortalRoles.Administrator, PortalRoles.Coordinator, PortalRoles.PartnerLead, PortalRoles.Member];

    public IEnumerable<MatrixRow> Rows() =>
    [
        MatrixRow.Http("GET", Api + "/materials", Expect.Roles(Staff), _ => Get(Api + "/materials")),
        MatrixRow.Http("GET", Api + "/materials/{materialId:guid}", Expect.Roles(Staff), async c => Get($"{Api}/materials/{(await OfEditorAsync(c)).Material.Id}")),
        MatrixRow.Http("POST", Api + "/materials", Expect.Roles(Staff), _ =>
            Json(HttpMethod.Post, Api + "/materials", new CreateMaterialRequest(MaterialKind.Link, "https://example.org/guide", null, Details("en")))),
        MatrixRow.Http("PUT", Api + "/materials/{materialId:guid}", AuthorOrManager(), async c =>
        {
            var m = await OfEditorAsync(c);
            return Json(HttpMethod.Put, $"{Api}/materials/{m.Material.Id}", new UpdateMaterialRequest(Details("en"), m.Url, m.ConcurrencyStamp));
        }),
        MatrixRow.Http("PUT", Api + "/materials/{materialId:guid}/file", AuthorOrManager(), async c =>
        {
            var m = await OfEditorAsync(c, MaterialKind.File);
            return new HttpRequestMessage(HttpMethod.Put, $"{Api}/materials/{m.Material.Id}/file")
            {
                Content = DocumentsClient.Body(Unique("handout-") + ".md", Encoding.UTF8.GetBytes("# Handout\nText.")),
            };
        }),
        MatrixRow.Http("GET", Api + "/materials/{materialId:guid}/file", Expect.Roles(Staff), async c =>
        {
            var m = await OfEditorAsync(c, MaterialKind.File);
            var editor = c.Scene.Person(Caller.Editor).Client;
            var uploaded = await editor.PutAsync($"{Api}/materials/{m.Material.Id}/file", DocumentsClient.Body(Unique("handout-") + ".md", "# Handout"u8.ToArray()));
            Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
            return Get(TrainingPaths.MaterialFile(m.Material.Id));
        }),
        MatrixRow.Http("POST", Api + "/materials/{materialId:guid}/translations", AuthorOrManager(), async c =>
        {
            var m = await OfEditorAsync(c);
            var original = await OfEditorAsync(c, language: "sq");
            return Json(HttpMethod.Post, $"{Api}/materials/{m.Material.Id}/translations", new LinkTranslationRequest(original.Material.Id));
        }),
        MatrixRow.Http("DELETE", Api + "/materials/{materialId:guid}/translations", AuthorOrManager(), async c =>
            Send(HttpMethod.Delete, $"{Api}/materials/{(await OfEditorAsync(c)).Material.Id}/translations")),
        MatrixRow.Http("POST", Api + "/materials/{materialId:guid}/translation-requests", Expect.Roles(Staff), async c =>
            Json(HttpMethod.Post, $"{Api}/materials/{(await OfEditorAsync(c)).Material.Id}/translation-requests", new RequestTranslationRequest("sr-Cyrl", null))),
        MatrixRow.Http("POST", Api + "/materials/{materialId:guid}/submit", AuthorOrManager(), async c =>
            Send(HttpMethod.Post, $"{Api}/materials/{(await OfEditorAsync(c)).Material.Id}/submit")),

        MatrixRow.Http("GET", Api + "/collections", Expect.Roles(Staff), _ => Get(Api + "/collections")),
        MatrixRow.Http("GET", Api + "/collections/{collectionId:guid}", Expect.Roles(Staff), async c => Get($"{Api}/collections/{(await CollectionOfEditorAsync(c)).Id}")),
        MatrixRow.Http("POST", Api + "/collections", Expect.Roles(Staff), _ =>
            Json(HttpMethod.Post, Api + "/collections", new CreateCollectionRequest(Unique("Pack "), null, []))),
        MatrixRow.Http("PUT", Api + "/collections/{collectionId:guid}", AuthorOrManager(), async c =>
        {
            var collection = await CollectionOfEditorAsync(c);
            return Json(HttpMethod.Put, $"{Api}/collections/{collection.Id}", new UpdateCollectionRequest(Unique("Renamed "), null, [], collection.ConcurrencyStamp));
        }),
        MatrixRow.Http("PUT", Api + "/collections/{collectionId:guid}/public", AuthorOrManager(), async c =>
        {
            var collection = await CollectionOfEditorAsync(c);
            return Json(HttpMethod.Put, $"{Api}/collections/{collection.Id}/public", new SetCollectionPublicRequest(false, collection.ConcurrencyStamp));
        }),
        MatrixRow.Http("GET", Api + "/collections/{collectionId:guid}/download", Expect.Roles(Staff), async c =>
            Get(TrainingPaths.CollectionZip((await CollectionOfEditorAsync(c)).Id))),

        MatrixRow.Http("GET", Api + "/follows", Expect.Roles(Staff), _ => Get(Api + "/follows")),
        MatrixRow.Http("POST", Api + "/follows", Expect.Roles(Staff), _ => Json(HttpMethod.Post, Api + "/follows", new FollowRequest(FollowKind.Topic, Unique("topic ")))),
        // Each caller removes a follow of their own; one who may not follow gets the refusal before the id is looked at.
        MatrixRow.Http("DELETE", Api + "/follows/{followId:guid}", Expect.Roles(Staff), async c =>
        {
            var id = Guid.NewGuid();
            if (c.Person is { } person && Staff.Contains(Expect.PortalRoleOf(c.Caller)))
            {
                var made = await person.Client.PostAsJsonAsync(Api + "/follows", new FollowRequest(FollowKind.Topic, Unique("topic ")), DocumentsClient.Json);
                id = (await made.ReadAsync<FollowDto>()).Id;
            }
            return Send(HttpMethod.Delete, $"{Api}/follows/{id}");
        }),
    ];

    /// <summary>
    /// Authored by a partner none of the matrix's callers works for (the European Movement in Serbia), so only its creator
    /// (the Editor) and those who manage training may change it; a partner must exist in the directory.
    /// </summary>
    private static MaterialDetails Details(string language) => new(Unique("Guide "), null, ["dialogue"], [Audience.Media], language, MaterialLevel.Introductory, 60,
        [ConsortiumPartners.EMinS.Id], "CC BY 4.0", 10);

    /// <summary>The Editor's materials: the Editor and those who manage training act on them, every other signed-in caller gets 403.</summary>
    private static IReadOnlyDictionary<Caller, Outcome> AuthorOrManager() => Expect.Each(c => c switch
    {
        Caller.Anonymous => Outcome.Refused(HttpStatusCode.Unauthorized),
        Caller.Administrator or Caller.Coordinator or Caller.Editor => Outcome.Allowed,
        _ => Outcome.Refused(HttpStatusCode.Forbidden),
    });

    private static async Task<MaterialDto> OfEditorAsync(MatrixCall c, MaterialKind kind = MaterialKind.Link, string language = "en")
    {
        var editor = c.Scene.Person(Caller.Editor).Client;
        var request = new CreateMaterialRequest(kind, kind == MaterialKind.File ? null : "https://example.org/" + Guid.NewGuid(),
            kind == MaterialKind.File ? c.Scene.WorkspaceId : null, Details(language));
        return await (await editor.PostAsJsonAsync(Api + "/materials", request, DocumentsClient.Json)).ReadAsync<MaterialDto>(HttpStatusCode.Created);
    }

    private static async Task<CollectionDto> CollectionOfEditorAsync(MatrixCall c)
    {
        var material = await OfEditorAsync(c);
        var editor = c.Scene.Person(Caller.Editor).Client;
        return await (await editor.PostAsJsonAsync(Api + "/collections", new CreateCollectionRequest(Unique("Pack "), null, [material.Material.Id]), DocumentsClient.Json))
            .ReadAsync<CollectionDto>(HttpStatusCode.Created);
    }
}
