using Consortium.Portal.Documents.Application;
using Consortium.Portal.Platform.Paging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Consortium.Portal.Documents.Api;

public static class DocumentsApi
{
    public const string Documents = "/api/documents";
    public static string WorkspaceDocuments(Guid workspaceId) => $"/api/workspaces/{workspaceId}/documents";
    public static string WorkspaceFolders(Guid workspaceId) => $"/api/workspaces/{workspaceId}/folders";
    public static string RecycleBin(Guid workspaceId) => $"/api/workspaces/{workspaceId}/recycle-bin";
    public static string Document(Guid documentId) => $"{Documents}/{documentId}";
    public static string Versions(Guid documentId) => $"{Documents}/{documentId}/versions";
    public static string Content(Guid documentId, int number, bool inline = false) => $"{Documents}/{documentId}/versions/{number}/content{(inline ? "?inline=true" : "")}";
}

public sealed record FollowRequest(FollowMode Mode);

/// <summary>
/// The Documents API. Every endpoint needs a signed-in user; what they may do is the workspace's answer
/// (<see cref="DocumentAccess"/>): View to read, Review to comment and answer, Edit to change, Manage to break locks and
/// empty the bin. An id the caller may not see is answered 404, exactly like an id that does not exist.
/// </summary>
internal static class DocumentsEndpoints
{
    public static IEndpointRouteBuilder MapDocumentsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var workspace = endpoints.MapGroup("/api/workspaces/{workspaceId:guid}")
            .WithTags("Documents")
            .RequireAuthorization();

        workspace.MapGet("/folders", async (Guid workspaceId, DocumentLibrary library, CancellationToken ct)
                => TypedResults.Ok(await library.GetFoldersAsync(workspaceId, ct)))
            .WithName("GetFolders").WithSummary("Every folder of the workspace (a tree by parentId)");

        workspace.MapPost("/folders", async (Guid workspaceId, CreateFolderRequest request, DocumentLibrary library, CancellationToken ct) =>
            {
                var folder = await library.CreateFolderAsync(workspaceId, request, ct);
                return TypedResults.Created($"/api/documents/folders/{folder.Id}", folder);
            })
            .WithName("CreateFolder").WithSummary("Creates a folder (Editors)");

        workspace.MapGet("/documents", async (Guid workspaceId, Guid? folderId, bool? all, [AsParameters] DocumentListQuery query, DocumentLibrary library, CancellationToken ct)
                => TypedResults.Ok(await library.ListDocumentsAsync(workspaceId, folderId, all ?? false,
                    query.ToKeysetPage(DocumentListQuery.SortKeys, DocumentListQuery.DefaultPageSize, DocumentListQuery.MaxPageSize), ct)))
            .WithName("ListDocuments")
            .WithSummary("Documents of a folder (or the top level, or with all=true the whole workspace), by name; page (from 1) and pageSize (at most 500, 100 by default) page it, and the answer says how many there are in all; after (the answer's next) reads the next page by key, as fast deep in the list as at its start");

        workspace.MapPost("/documents", async (Guid workspaceId, Guid? folderId, HttpRequest request, UploadRequestBody body, DocumentVersionRecorder recorder, CancellationToken ct)
                => TypedResults.Ok(await recorder.UploadToWorkspaceAsync(workspaceId, folderId, (expected, c) => body.ReceiveAsync(request, singleFile: false, expected, c), ct)))
            .WithName("UploadDocuments")
            .WithSummary("Uploads files, streamed: many as multipart/form-data, or one as the raw body named by a Content-Disposition header (the faster way for a large file); a name already in the folder becomes its new version")
            .WithMetadata(new DisableRequestSizeLimitAttribute())
            .DisableAntiforgery();

        workspace.MapGet("/documents/zip", async (Guid workspaceId, Guid? folderId, HttpContext context, DocumentDownloads downloads, CancellationToken ct) =>
            {
                await downloads.WriteFolderZipAsync(workspaceId, folderId, context, ct);
                return Results.Empty;
            })
            .WithName("DownloadFolderZip").WithSummary("A folder (or the whole workspace) as a streamed .zip of each document's latest version");

        workspace.MapGet("/recycle-bin", async (Guid workspaceId, RecycleBin bin, CancellationToken ct)
                => TypedResults.Ok(await bin.ListAsync(workspaceId, ct)))
            .WithName("GetRecycleBin").WithSummary("Deleted documents and folders, restorable until they are purged");

        workspace.MapDelete("/recycle-bin", async (Guid workspaceId, RecycleBin bin, CancellationToken ct) =>
            {
                await bin.EmptyAsync(workspaceId, ct);
                return TypedResults.NoContent();
            })
            .WithName("EmptyRecycleBin").WithSummary("Purges the workspace's recycle bin now (Owners)");

        var documents = endpoints.MapGroup(DocumentsApi.Documents)
            .WithTags("Documents")
            .RequireAuthorization();

        documents.MapPut("/folders/{folderId:guid}", async (Guid folderId, UpdateFolderRequest request, DocumentLibrary library, CancellationToken ct)
                => TypedResults.Ok(await library.UpdateFolderAsync(folderId, request, ct)))
            .WithName("UpdateFolder").WithSummary("Renames or moves a folder");

        documents.MapDelete("/folders/{folderId:guid}", async (Guid folderId, RecycleBin bin, CancellationToken ct) =>
            {
                await bin.DeleteFolderAsync(folderId, ct);
                return TypedResults.NoContent();
            })
            .WithName("DeleteFolder").WithSummary("Sends a folder and everything in it to the recycle bin");

        documents.MapPost("/folders/{folderId:guid}/restore", async (Guid folderId, RecycleBin bin, CancellationToken ct) =>
            {
                await bin.RestoreFolderAsync(folderId, ct);
                return TypedResults.NoContent();
            })
            .WithName("RestoreFolder").WithSummary("Brings a folder and what was deleted with it back from the recycle bin");

        documents.MapGet("/{documentId:guid}", async (Guid documentId, DocumentLibrary library, CancellationToken ct)
                => TypedResults.Ok(await library.GetDocumentAsync(documentId, ct)))
            .WithName("GetDocument").WithSummary("A document with its versions, lock and the caller's follow choice");

        documents.MapPut("/{documentId:guid}", async (Guid documentId, UpdateDocumentRequest request, DocumentLibrary library, CancellationToken ct)
                => TypedResults.Ok(await library.UpdateDocumentAsync(documentId, request, ct)))
            .WithName("UpdateDocument").WithSummary("Renames or moves a document (the concurrency stamp read before is required)");

        documents.MapDelete("/{documentId:guid}", async (Guid documentId, RecycleBin bin, CancellationToken ct) =>
            {
                await bin.DeleteDocumentAsync(documentId, ct);
                return TypedResults.NoContent();
            })
            .WithName("DeleteDocument").WithSummary("Sends a document to the recycle bin");

        documents.MapPost("/{documentId:guid}/restore", async (Guid documentId, RecycleBin bin, CancellationToken ct) =>
            {
                await bin.RestoreDocumentAsync(documentId, ct);
                return TypedResults.NoContent();
            })
            .WithName("RestoreDocument").WithSummary("Brings a document back from the recycle bin");

        documents.MapPost("/{documentId:guid}/versions", async (Guid documentId, HttpRequest request, UploadRequestBody body, DocumentVersionRecorder recorder, CancellationToken ct)
                => TypedResults.Ok(await recorder.UploadVersionAsync(documentId, (expected, c) => body.ReceiveAsync(request, singleFile: true, expected, c), ct)))
            .WithName("UploadVersion")
            .WithSummary("Uploads the next version of a document: multipart/form-data with one file and an optional 'note', or the raw body named by a Content-Disposition header with the note in the query")
            .WithMetadata(new DisableRequestSizeLimitAttribute())
            .DisableAntiforgery();

        documents.MapGet("/{documentId:guid}/versions/{number:int}/content", (Guid documentId, int number, bool? inline, HttpContext context, DocumentDownloads downloads, CancellationToken ct)
                => downloads.VersionAsync(documentId, number, inline ?? false, context, ct))
            .WithName("DownloadVersion").WithSummary("A version's content (ranges, ETag; inline=true shows images and PDF in the browser)");

        documents.MapGet("/{documentId:guid}/content", (Guid documentId, bool? inline, HttpContext context, DocumentDownloads downloads, CancellationToken ct)
                => downloads.VersionAsync(documentId, null, inline ?? false, context, ct))
            .WithName("DownloadLatestVersion").WithSummary("The latest version's content");

        documents.MapPost("/{documentId:guid}/versions/{number:int}/restore", async (Guid documentId, int number, RestoreVersionRequest? request, DocumentVersionRecorder recorder, CancellationToken ct)
                => TypedResults.Ok(await recorder.RestoreVersionAsync(documentId, number, request ?? new RestoreVersionRequest(null), ct)))
            .WithName("RestoreVersion").WithSummary("Makes an older version's content the newest version");

        documents.MapPost("/{documentId:guid}/lock", async (Guid documentId, DocumentLibrary library, CancellationToken ct)
                => TypedResults.Ok(await library.LockAsync(documentId, ct)))
            .WithName("LockDocument").WithSummary("Checks the document out: only the holder may upload until the lock is released or expires");

        documents.MapDelete("/{documentId:guid}/lock", async (Guid documentId, DocumentLibrary library, CancellationToken ct) =>
            {
                await library.UnlockAsync(documentId, ct);
                return TypedResults.NoContent();
            })
            .WithName("UnlockDocument").WithSummary("Releases the lock (its holder) or breaks it (Owners)");

        documents.MapPut("/{documentId:guid}/follow", async (Guid documentId, FollowRequest request, DocumentLibrary library, CancellationToken ct) =>
            {
                await library.SetFollowModeAsync(documentId, request.Mode, ct);
                return TypedResults.NoContent();
            })
            .WithName("FollowDocument").WithSummary("Follow (hear of new versions and comments), mute (only mentions) or back to the default");

        documents.MapGet("/{documentId:guid}/versions/{number:int}/preview", async (Guid documentId, int number, DocumentViews views, CancellationToken ct)
                => TypedResults.Ok(await views.PreviewAsync(documentId, number, ct)))
            .WithName("PreviewVersion").WithSummary("How to show a version: sanitized Markdown, text, an inline image or PDF, extracted text");

        documents.MapGet("/{documentId:guid}/compare", async (Guid documentId, int from, int to, DocumentViews views, CancellationToken ct)
                => TypedResults.Ok(await views.CompareAsync(documentId, from, to, ct)))
            .WithName("CompareVersions").WithSummary("A word-level diff of two versions' texts, inline and side by side, with counts of added and removed words");

        documents.MapGet("/{documentId:guid}/reviews", async (Guid documentId, DocumentReviews reviews, CancellationToken ct)
                => TypedResults.Ok(await reviews.ListAsync(documentId, ct)))
            .WithName("ListReviews").WithSummary("Review requests of the document with each reviewer's answer");

        documents.MapPost("/{documentId:guid}/reviews", async (Guid documentId, RequestReviewRequest request, DocumentReviews reviews, CancellationToken ct)
                => TypedResults.Ok(await reviews.RequestAsync(documentId, request, ct)))
            .WithName("RequestReview").WithSummary("Asks members (Reviewer or higher) to review a version by a due date (Editors)");

        documents.MapPost("/reviews/{reviewRequestId:guid}/answer", async (Guid reviewRequestId, AnswerReviewRequest request, DocumentReviews reviews, CancellationToken ct)
                => TypedResults.Ok(await reviews.AnswerAsync(reviewRequestId, request, ct)))
            .WithName("AnswerReview").WithSummary("The reviewer approves or requests changes; a second answer replaces the first");

        documents.MapGet("/{documentId:guid}/comments", async (Guid documentId, int? version, DocumentComments comments, CancellationToken ct)
                => TypedResults.Ok(await comments.ListAsync(documentId, version, ct)))
            .WithName("ListComments").WithSummary("Comments of the document (or of one version), oldest first; replies name their parent");

        documents.MapPost("/{documentId:guid}/comments", async (Guid documentId, WriteCommentRequest request, DocumentComments comments, CancellationToken ct)
                => TypedResults.Ok(await comments.AddAsync(documentId, request, ct)))
            .WithName("AddComment").WithSummary("Comments on a version, maybe on a quoted passage, maybe as a reply; @mentions notify (Reviewers)");

        documents.MapPut("/comments/{commentId:guid}", async (Guid commentId, EditCommentRequest request, DocumentComments comments, CancellationToken ct)
                => TypedResults.Ok(await comments.EditAsync(commentId, request, ct)))
            .WithName("EditComment").WithSummary("The author edits a comment; the earlier text is kept");

        documents.MapDelete("/comments/{commentId:guid}", async (Guid commentId, DocumentComments comments, CancellationToken ct) =>
            {
                await comments.DeleteAsync(commentId, ct);
                return TypedResults.NoContent();
            })
            .WithName("DeleteComment").WithSummary("The author (or an Owner) deletes a comment; its text is kept for the audit trail");

        documents.MapPost("/comments/{commentId:guid}/resolve", async (Guid commentId, DocumentComments comments, CancellationToken ct)
                => TypedResults.Ok(await comments.SetResolvedAsync(commentId, true, ct)))
            .WithName("ResolveComment").WithSummary("Marks a comment resolved");

        documents.MapPost("/comments/{commentId:guid}/reopen", async (Guid commentId, DocumentComments comments, CancellationToken ct)
                => TypedResults.Ok(await comments.SetResolvedAsync(commentId, false, ct)))
            .WithName("ReopenComment").WithSummary("Opens a resolved comment again");

        documents.MapGet("/{documentId:guid}/suggestions", async (Guid documentId, DocumentSuggestions suggestions, CancellationToken ct)
                => TypedResults.Ok(await suggestions.ListAsync(documentId, ct)))
            .WithName("ListSuggestions").WithSummary("Suggested edits, with those whose passage is gone marked stale");

        documents.MapPost("/{documentId:guid}/suggestions", async (Guid documentId, SuggestEditRequest request, DocumentSuggestions suggestions, CancellationToken ct)
                => TypedResults.Ok(await suggestions.AddAsync(documentId, request, ct)))
            .WithName("SuggestEdit").WithSummary("Proposes a replacement for a passage of a Markdown or text version (Reviewers)");

        documents.MapPost("/{documentId:guid}/suggestions/decisions", async (Guid documentId, DecideSuggestionsRequest request, DocumentSuggestions suggestions, CancellationToken ct)
                => TypedResults.Ok(await suggestions.DecideAsync(documentId, request, ct)))
            .WithName("DecideSuggestions").WithSummary("Accepts and rejects suggestions; accepted ones make a new version whose note lists them (Editors)");

        return endpoints;
    }
}
