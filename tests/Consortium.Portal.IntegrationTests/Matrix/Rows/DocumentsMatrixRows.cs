using System.Net;
using Consortium.Portal.Documents;
using Consortium.Portal.Documents.Api;
using Consortium.Portal.Documents.Application;
using Consortium.Portal.Documents.Tests;
using Consortium.Portal.IntegrationTests.Documents;
using Consortium.Portal.Notifications;
using Consortium.Portal.Workspaces;
using static Consortium.Portal.IntegrationTests.Matrix.MatrixRequests;

namespace Consortium.Portal.IntegrationTests.Matrix.Rows;

/// <summary>
/// The Documents module: what the workspace allows (<see cref="WorkspaceAction"/>): View to read, Review to comment and
/// answer, Edit to change, Manage to empty the bin. Below the role 403, outside the workspace 404, as for an id that does
/// not exist. Rows that delete, restore, lock or decide get a document, folder, comment or suggestion of their own.
/// </summary>
public sealed class DocumentsMatrixRows : IEndpointMatrixRows
{
    private const string Documents = DocumentsApi.Documents;
    private const string Workspace = "/api/workspaces/{workspaceId:guid}";

    public IEnumerable<MatrixRow> Rows()
    {
        var view = Expect.InWorkspace(WorkspaceAction.View);
        var review = Expect.InWorkspace(WorkspaceAction.Review);
        var edit = Expect.InWorkspace(WorkspaceAction.Edit);
        var manage = Expect.InWorkspace(WorkspaceAction.Manage);
        return
        [
            MatrixRow.Http("GET", $"{Workspace}/folders", view, c => Get(DocumentsApi.WorkspaceFolders(c.Scene.WorkspaceId))),
            MatrixRow.Http("POST", $"{Workspace}/folders", edit, c => Json(HttpMethod.Post, DocumentsApi.WorkspaceFolders(c.Scene.WorkspaceId), new CreateFolderRequest(Unique("New "), null))),
            MatrixRow.Http("PUT", $"{Documents}/folders/{{folderId:guid}}", edit, async c =>
            {
                var folder = await c.Scene.NewFolderAsync();
                return Json(HttpMethod.Put, $"{Documents}/folders/{folder.Id}", new UpdateFolderRequest(Unique("Renamed "), null, folder.ConcurrencyStamp));
            }),
            MatrixRow.Http("DELETE", $"{Documents}/folders/{{folderId:guid}}", edit, async c => Send(HttpMethod.Delete, $"{Documents}/folders/{(await c.Scene.NewFolderAsync()).Id}")),
            MatrixRow.Http("POST", $"{Documents}/folders/{{folderId:guid}}/restore", edit, async c => Send(HttpMethod.Post, $"{Documents}/folders/{await c.Scene.NewBinnedFolderAsync()}/restore")),
            MatrixRow.Http("GET", $"{Workspace}/documents", view, c => Get(DocumentsApi.WorkspaceDocuments(c.Scene.WorkspaceId))),
            MatrixRow.Http("POST", $"{Workspace}/documents", edit, c => new HttpRequestMessage(HttpMethod.Post, DocumentsApi.WorkspaceDocuments(c.Scene.WorkspaceId))
            {
                Content = DocumentsClient.Files(null, (Unique("new-") + ".txt", SampleFiles.Text("new"))),
            }),
            MatrixRow.Http("GET", $"{Workspace}/documents/zip", view, c => Get(DocumentsApi.WorkspaceDocuments(c.Scene.WorkspaceId) + "/zip")),
            MatrixRow.Http("GET", $"{Workspace}/recycle-bin", view, c => Get(DocumentsApi.RecycleBin(c.Scene.WorkspaceId))),
            MatrixRow.Http("DELETE", $"{Workspace}/recycle-bin", manage, c => Send(HttpMethod.Delete, DocumentsApi.RecycleBin(c.Scene.WorkspaceId))),
            MatrixRow.Http("GET", $"{Documents}/{{documentId:guid}}", view, c => Get(DocumentsApi.Document(c.Scene.DocumentId))),
            MatrixRow.Http("PUT", $"{Documents}/{{documentId:guid}}", edit, async c =>
            {
                var (id, stamp) = await c.Scene.NewDocumentAsync();
                return Json(HttpMethod.Put, DocumentsApi.Document(id), new UpdateDocumentRequest(Unique("renamed-") + ".txt", null, stamp));
            }),
            MatrixRow.Http("DELETE", $"{Documents}/{{documentId:guid}}", edit, async c => Send(HttpMethod.Delete, DocumentsApi.Document((await c.Scene.NewDocumentAsync()).Id))),
            MatrixRow.Http("POST", $"{Documents}/{{documentId:guid}}/restore", edit, async c => Send(HttpMethod.Post, $"{DocumentsApi.Document(await c.Scene.NewBinnedDocumentAsync())}/restore")),
            MatrixRow.Http("POST", $"{Documents}/{{documentId:guid}}/versions", edit, c => new HttpRequestMessage(HttpMethod.Post, DocumentsApi.Versions(c.Scene.DocumentId))
            {
                Content = DocumentsClient.Files(null, ("draft.md", SampleFiles.Text("another draft " + Guid.NewGuid()))),
            }),
            MatrixRow.Http("GET", $"{Documents}/{{documentId:guid}}/versions/{{number:int}}/content", view, c => Get(DocumentsApi.Content(c.Scene.DocumentId, 1))),
            MatrixRow.Http("GET", $"{Documents}/{{documentId:guid}}/content", view, c => Get($"{DocumentsApi.Document(c.Scene.DocumentId)}/content")),
            MatrixRow.Http("POST", $"{Documents}/{{documentId:guid}}/versions/{{number:int}}/restore", edit,
                c => Json(HttpMethod.Post, $"{DocumentsApi.Versions(c.Scene.DocumentId)}/1/restore", new RestoreVersionRequest(null))),
            MatrixRow.Http("POST", $"{Documents}/{{documentId:guid}}/lock", edit, async c => Send(HttpMethod.Post, $"{DocumentsApi.Document((await c.Scene.NewDocumentAsync()).Id)}/lock")),
            MatrixRow.Http("DELETE", $"{Documents}/{{documentId:guid}}/lock", edit, async c => Send(HttpMethod.Delete, $"{DocumentsApi.Document((await c.Scene.NewDocumentAsync()).Id)}/lock")),
            MatrixRow.Http("PUT", $"{Documents}/{{documentId:guid}}/follow", view, c => Json(HttpMethod.Put, $"{DocumentsApi.Document(c.Scene.DocumentId)}/follow", new FollowRequest(FollowMode.Follow))),
            MatrixRow.Http("GET", $"{Documents}/{{documentId:guid}}/versions/{{number:int}}/preview", view, c => Get($"{DocumentsApi.Versions(c.Scene.DocumentId)}/1/preview")),
            MatrixRow.Http("GET", $"{Documents}/{{documentId:guid}}/compare", view, c => Get($"{DocumentsApi.Document(c.Scene.DocumentId)}/compare?from=1&to=2")),
            MatrixRow.Http("GET", $"{Documents}/{{documentId:guid}}/reviews", view, c => Get($"{DocumentsApi.Document(c.Scene.DocumentId)}/reviews")),
            MatrixRow.Http("POST", $"{Documents}/{{documentId:guid}}/reviews", edit, c => Json(HttpMethod.Post, $"{DocumentsApi.Document(c.Scene.DocumentId)}/reviews",
                new RequestReviewRequest(2, [c.Scene.Person(Caller.Reviewer).Id], DateOnly.FromDateTime(DateTime.UtcNow.AddDays(7)), "Please read"))),
            // Answering is for those the review was asked of: managing every workspace does not make one a reviewer.
            MatrixRow.Http("POST", $"{Documents}/reviews/{{reviewRequestId:guid}}/answer", review
                    .With(Caller.Administrator, Outcome.Refused(HttpStatusCode.Forbidden)).With(Caller.Coordinator, Outcome.Refused(HttpStatusCode.Forbidden)),
                async c => Json(HttpMethod.Post, $"{Documents}/reviews/{await c.Scene.NewReviewAsync()}/answer", new AnswerReviewRequest(ReviewDecision.Approved, "Fine"))),
            MatrixRow.Http("GET", $"{Documents}/{{documentId:guid}}/comments", view, c => Get($"{DocumentsApi.Document(c.Scene.DocumentId)}/comments")),
            MatrixRow.Http("POST", $"{Documents}/{{documentId:guid}}/comments", review,
                c => Json(HttpMethod.Post, $"{DocumentsApi.Document(c.Scene.DocumentId)}/comments", new WriteCommentRequest(1, "A comment", null, null, null))),
            // Editing a comment is its author's alone (here the Owner); deleting it is the author's or an Owner's.
            MatrixRow.Http("PUT", $"{Documents}/comments/{{commentId:guid}}", Expect.InWorkspaceOnly(Caller.Owner), async c =>
            {
                var (id, stamp) = await c.Scene.NewCommentAsync();
                return Json(HttpMethod.Put, $"{Documents}/comments/{id}", new EditCommentRequest("Owner's note, edited", stamp));
            }),
            MatrixRow.Http("DELETE", $"{Documents}/comments/{{commentId:guid}}", Expect.InWorkspaceOnly(Caller.Owner, Caller.Administrator, Caller.Coordinator),
                async c => Send(HttpMethod.Delete, $"{Documents}/comments/{(await c.Scene.NewCommentAsync()).Id}")),
            MatrixRow.Http("POST", $"{Documents}/comments/{{commentId:guid}}/resolve", review, async c => Send(HttpMethod.Post, $"{Documents}/comments/{(await c.Scene.NewCommentAsync()).Id}/resolve")),
            MatrixRow.Http("POST", $"{Documents}/comments/{{commentId:guid}}/reopen", review, async c => Send(HttpMethod.Post, $"{Documents}/comments/{(await c.Scene.NewCommentAsync()).Id}/reopen")),
            MatrixRow.Http("GET", $"{Documents}/{{documentId:guid}}/suggestions", view, c => Get($"{DocumentsApi.Document(c.Scene.DocumentId)}/suggestions")),
            MatrixRow.Http("POST", $"{Documents}/{{documentId:guid}}/suggestions", review, c => Json(HttpMethod.Post, $"{DocumentsApi.Document(c.Scene.DocumentId)}/suggestions",
                new SuggestEditRequest(2, new TextAnchorDto("second", "", "", 0, 6), "2nd", "Shorter"))),
            MatrixRow.Http("POST", $"{Documents}/{{documentId:guid}}/suggestions/decisions", edit, async c => Json(HttpMethod.Post,
                $"{DocumentsApi.Document(c.Scene.DocumentId)}/suggestions/decisions", new DecideSuggestionsRequest([await c.Scene.NewSuggestionAsync()], []))),
            // A document page watches the document's changes on the notifications hub: those who may view it; the hub
            // refuses everyone else alike (403), hidden or missing.
            MatrixRow.Hub(NotificationsPaths.Hub, NotificationsHubProtocol.Watch, Expect.Each(c =>
                    c == Caller.Anonymous ? Outcome.Refused(HttpStatusCode.Unauthorized)
                    : Expect.WorkspaceRoleOf(c) is null ? Outcome.Refused(HttpStatusCode.Forbidden)
                    : Outcome.Allowed),
                c => Task.FromResult<object?[]>([DocumentLiveTopic.TopicName, c.Scene.DocumentId])),
        ];
    }
}
