using System.Net;
using System.Net.Http.Json;
using Consortium.Portal.Documents;
using Consortium.Portal.Documents.Api;
using Consortium.Portal.Documents.Application;
using Consortium.Portal.Documents.Tests;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Platform;
using Consortium.Portal.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.IntegrationTests.Documents;

/// <summary>
/// Every endpoint of the Documents API against every workspace role, a member of another workspace and an anonymous
/// caller: allowed from the role the endpoint needs, 403 below it, 404 for outsiders, 401 without sign-in.
/// </summary>
public abstract class DocumentsAuthorizationTests<TPortal, TDatabase>(TPortal portal) : IClassFixture<TPortal>
    where TPortal : DocumentsPortal<TDatabase>
    where TDatabase : PortalAppFactory, new()
{
    /// <summary>What one endpoint call needs set up: a document with two text versions, a folder, a deleted document and folder, a review asking Owner, Editor and Reviewer, a comment and a suggestion.</summary>
    public sealed record Scene(WorkspaceCast Cast, Guid Document, Guid Folder, Guid BinnedDocument, Guid BinnedFolder, Guid Review, Guid Comment, Guid Suggestion, Guid Stamp, Guid FolderStamp);

    private static readonly Dictionary<string, (WorkspaceAction Needs, Func<Scene, HttpRequestMessage> Request)> Endpoints = new()
    {
        ["GetFolders"] = (WorkspaceAction.View, s => new(HttpMethod.Get, DocumentsApi.WorkspaceFolders(s.Cast.Id))),
        ["CreateFolder"] = (WorkspaceAction.Edit, s => Json(HttpMethod.Post, DocumentsApi.WorkspaceFolders(s.Cast.Id), new CreateFolderRequest("New " + Guid.NewGuid().ToString("N")[..6], null))),
        ["UpdateFolder"] = (WorkspaceAction.Edit, s => Json(HttpMethod.Put, $"/api/documents/folders/{s.Folder}", new UpdateFolderRequest("Renamed", null, s.FolderStamp))),
        ["DeleteFolder"] = (WorkspaceAction.Edit, s => new(HttpMethod.Delete, $"/api/documents/folders/{s.Folder}")),
        ["RestoreFolder"] = (WorkspaceAction.Edit, s => new(HttpMethod.Post, $"/api/documents/folders/{s.BinnedFolder}/restore")),
        ["ListDocuments"] = (WorkspaceAction.View, s => new(HttpMethod.Get, DocumentsApi.WorkspaceDocuments(s.Cast.Id))),
        ["UploadDocuments"] = (WorkspaceAction.Edit, s => new(HttpMethod.Post, DocumentsApi.WorkspaceDocuments(s.Cast.Id)) { Content = DocumentsClient.Files(null, ("new.txt", SampleFiles.Text("new"))) }),
        ["DownloadFolderZip"] = (WorkspaceAction.View, s => new(HttpMethod.Get, DocumentsApi.WorkspaceDocuments(s.Cast.Id) + "/zip")),
        ["GetRecycleBin"] = (WorkspaceAction.View, s => new(HttpMethod.Get, DocumentsApi.RecycleBin(s.Cast.Id))),
        ["EmptyRecycleBin"] = (WorkspaceAction.Manage, s => new(HttpMethod.Delete, DocumentsApi.RecycleBin(s.Cast.Id))),
        ["GetDocument"] = (WorkspaceAction.View, s => new(HttpMethod.Get, DocumentsApi.Document(s.Document))),
        ["UpdateDocument"] = (WorkspaceAction.Edit, s => Json(HttpMethod.Put, DocumentsApi.Document(s.Document), new UpdateDocumentRequest("renamed.md", null, s.Stamp))),
        ["DeleteDocument"] = (WorkspaceAction.Edit, s => new(HttpMethod.Delete, DocumentsApi.Document(s.Document))),
        ["RestoreDocument"] = (WorkspaceAction.Edit, s => new(HttpMethod.Post, $"{DocumentsApi.Document(s.BinnedDocument)}/restore")),
        ["UploadVersion"] = (WorkspaceAction.Edit, s => new(HttpMethod.Post, DocumentsApi.Versions(s.Document)) { Content = DocumentsClient.Files(null, ("draft.md", SampleFiles.Text("v3"))) }),
        ["DownloadVersion"] = (WorkspaceAction.View, s => new(HttpMethod.Get, DocumentsApi.Content(s.Document, 1))),
        ["DownloadLatestVersion"] = (WorkspaceAction.View, s => new(HttpMethod.Get, $"{DocumentsApi.Document(s.Document)}/content")),
        ["RestoreVersion"] = (WorkspaceAction.Edit, s => Json(HttpMethod.Post, $"{DocumentsApi.Versions(s.Document)}/1/restore", new RestoreVersionRequest(null))),
        ["PreviewVersion"] = (WorkspaceAction.View, s => new(HttpMethod.Get, $"{DocumentsApi.Versions(s.Document)}/1/preview")),
        ["CompareVersions"] = (WorkspaceAction.View, s => new(HttpMethod.Get, $"{DocumentsApi.Document(s.Document)}/compare?from=1&to=2")),
        ["LockDocument"] = (WorkspaceAction.Edit, s => new(HttpMethod.Post, $"{DocumentsApi.Document(s.Document)}/lock")),
        ["UnlockDocument"] = (WorkspaceAction.Edit, s => new(HttpMethod.Delete, $"{DocumentsApi.Document(s.Document)}/lock")),
        ["FollowDocument"] = (WorkspaceAction.View, s => Json(HttpMethod.Put, $"{DocumentsApi.Document(s.Document)}/follow", new FollowRequest(FollowMode.Follow))),
        ["ListReviews"] = (WorkspaceAction.View, s => new(HttpMethod.Get, $"{DocumentsApi.Document(s.Document)}/reviews")),
        ["RequestReview"] = (WorkspaceAction.Edit, s => Json(HttpMethod.Post, $"{DocumentsApi.Document(s.Document)}/reviews",
            new RequestReviewRequest(2, [s.Cast.Reviewer.Id], DateOnly.FromDateTime(DateTime.UtcNow.AddDays(7)), "Please read"))),
        ["AnswerReview"] = (WorkspaceAction.Review, s => Json(HttpMethod.Post, $"/api/documents/reviews/{s.Review}/answer", new AnswerReviewRequest(ReviewDecision.Approved, "Fine"))),
        ["ListComments"] = (WorkspaceAction.View, s => new(HttpMethod.Get, $"{DocumentsApi.Document(s.Document)}/comments")),
        ["AddComment"] = (WorkspaceAction.Review, s => Json(HttpMethod.Post, $"{DocumentsApi.Document(s.Document)}/comments", new WriteCommentRequest(1, "A comment", null, null, null))),
        ["ResolveComment"] = (WorkspaceAction.Review, s => new(HttpMethod.Post, $"/api/documents/comments/{s.Comment}/resolve")),
        ["ReopenComment"] = (WorkspaceAction.Review, s => new(HttpMethod.Post, $"/api/documents/comments/{s.Comment}/reopen")),
        ["ListSuggestions"] = (WorkspaceAction.View, s => new(HttpMethod.Get, $"{DocumentsApi.Document(s.Document)}/suggestions")),
        ["SuggestEdit"] = (WorkspaceAction.Review, s => Json(HttpMethod.Post, $"{DocumentsApi.Document(s.Document)}/suggestions",
            new SuggestEditRequest(2, new TextAnchorDto("second", "", "", 0, 6), "2nd", "Shorter"))),
        ["DecideSuggestions"] = (WorkspaceAction.Edit, s => Json(HttpMethod.Post, $"{DocumentsApi.Document(s.Document)}/suggestions/decisions",
            new DecideSuggestionsRequest([s.Suggestion], []))),
    };

    public static TheoryData<string> EndpointNames() => new(Endpoints.Keys);

    private static HttpRequestMessage Json<T>(HttpMethod method, string url, T body) => new(method, url) { Content = JsonContent.Create(body, options: DocumentsClient.Json) };

    private async Task<Scene> ArrangeAsync()
    {
        var cast = portal.NewWorkspace();
        var owner = cast.Owner.Client;
        var document = await owner.UploadOneAsync(cast.Id, "draft.md", SampleFiles.Text("first draft"));
        await DocumentsClient.ExpectAsync(await owner.PostVersionAsync(document, "draft.md", SampleFiles.Text("second draft")), HttpStatusCode.OK);
        var folder = await (await owner.PostAsJsonAsync(DocumentsApi.WorkspaceFolders(cast.Id), new CreateFolderRequest("Reports", null))).ReadAsync<FolderDto>(HttpStatusCode.Created);
        var binnedFolder = await (await owner.PostAsJsonAsync(DocumentsApi.WorkspaceFolders(cast.Id), new CreateFolderRequest("Old", null))).ReadAsync<FolderDto>(HttpStatusCode.Created);
        await DocumentsClient.ExpectAsync(await owner.DeleteAsync($"/api/documents/folders/{binnedFolder.Id}"), HttpStatusCode.NoContent);
        var binned = await owner.UploadOneAsync(cast.Id, "binned.txt", SampleFiles.Text("binned " + Guid.NewGuid()));
        await DocumentsClient.ExpectAsync(await owner.DeleteAsync(DocumentsApi.Document(binned)), HttpStatusCode.NoContent);
        var review = await (await owner.PostAsJsonAsync($"{DocumentsApi.Document(document)}/reviews",
                new RequestReviewRequest(2, [cast.Owner.Id, cast.Editor.Id, cast.Reviewer.Id], DateOnly.FromDateTime(DateTime.UtcNow.AddDays(3)), null), DocumentsClient.Json))
            .ReadAsync<ReviewRequestDto>();
        var comment = await (await owner.PostAsJsonAsync($"{DocumentsApi.Document(document)}/comments", new WriteCommentRequest(2, "Owner's note", null, null, null), DocumentsClient.Json))
            .ReadAsync<CommentDto>();
        var suggestion = await (await owner.PostAsJsonAsync($"{DocumentsApi.Document(document)}/suggestions",
                new SuggestEditRequest(2, new TextAnchorDto("draft", "", "", 7, 12), "version", null), DocumentsClient.Json))
            .ReadAsync<SuggestionDto>();
        var details = await owner.GetDocumentAsync(document);
        return new Scene(cast, document, folder.Id, binned, binnedFolder.Id, review.Id, comment.Id, suggestion.Id, details.Document.ConcurrencyStamp, folder.ConcurrencyStamp);
    }

    [Theory]
    [MemberData(nameof(EndpointNames))]
    public async Task Each_role_gets_what_the_endpoint_allows_it(string endpoint)
    {
        var (needs, request) = Endpoints[endpoint];
        var minimum = needs switch
        {
            WorkspaceAction.View => WorkspaceRole.Viewer,
            WorkspaceAction.Review => WorkspaceRole.Reviewer,
            WorkspaceAction.Edit => WorkspaceRole.Editor,
            _ => WorkspaceRole.Owner,
        };
        var failures = new List<string>();
        foreach (var role in new WorkspaceRole?[] { WorkspaceRole.Owner, WorkspaceRole.Editor, WorkspaceRole.Reviewer, WorkspaceRole.Viewer, null })
        {
            var scene = await ArrangeAsync();
            var response = await scene.Cast.For(role).Client.SendAsync(request(scene));
            var allowed = role >= minimum;
            var ok = allowed
                ? response.IsSuccessStatusCode
                : response.StatusCode == (role is null ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden);
            if (!ok)
            {
                failures.Add($"{role?.ToString() ?? "member of another workspace"}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }
        var anonymousScene = await ArrangeAsync();
        var anonymous = await portal.Anonymous().SendAsync(request(anonymousScene));
        if (anonymous.StatusCode != HttpStatusCode.Unauthorized)
        {
            failures.Add($"anonymous: {(int)anonymous.StatusCode}");
        }
        Assert.True(failures.Count == 0, $"{endpoint}: " + string.Join("; ", failures));
    }

    [Fact]
    public async Task Every_endpoint_of_the_module_is_in_the_matrix()
    {
        var sources = portal.App.Services.GetServices<Microsoft.AspNetCore.Routing.EndpointDataSource>();
        var named = sources.SelectMany(s => s.Endpoints)
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Http.TagsAttribute>()?.Tags.Contains("Documents") == true)
            .Select(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IEndpointNameMetadata>()?.EndpointName)
            .ToHashSet();
        // Editing and deleting a comment are the author's (and an Owner's): they have tests of their own.
        named.ExceptWith(["EditComment", "DeleteComment"]);

        Assert.NotEmpty(named);
        Assert.Empty(named.Except(Endpoints.Keys));
    }

    [Fact]
    public async Task A_viewer_who_tries_to_upload_is_refused_and_the_attempt_is_in_the_audit_log()
    {
        var cast = portal.NewWorkspace();

        var response = await cast.Viewer.Client.PostFilesAsync(cast.Id, null, ("attempt.txt", SampleFiles.Text("no")));

        await response.ProblemAsync(HttpStatusCode.Forbidden);
        await using var scope = portal.Scope();
        var audit = scope.ServiceProvider.GetRequiredService<PlatformDbContext>().AuditLog;
        Assert.True(await audit.AnyAsync(a => a.UserId == cast.Viewer.Id && a.Action == "documents.access.forbidden" && a.EntityId == cast.Id.ToString()));
    }

    [Fact]
    public async Task A_member_of_another_workspace_guessing_a_document_id_gets_404_and_the_attempt_is_in_the_audit_log()
    {
        var cast = portal.NewWorkspace();
        var document = await cast.Editor.Client.UploadOneAsync(cast.Id, "confidential.txt", SampleFiles.Text("confidential"));

        var read = await cast.Outsider.Client.GetAsync(DocumentsApi.Content(document, 1));
        var upload = await cast.Outsider.Client.PostVersionAsync(document, "confidential.txt", SampleFiles.Text("overwritten"));

        await read.ProblemAsync(HttpStatusCode.NotFound);
        await upload.ProblemAsync(HttpStatusCode.NotFound);
        await using var scope = portal.Scope();
        var audit = scope.ServiceProvider.GetRequiredService<PlatformDbContext>().AuditLog;
        Assert.Equal(2, await audit.CountAsync(a => a.UserId == cast.Outsider.Id && a.Action == "documents.access.not-found" && a.EntityId == document.ToString()));
        Assert.Single((await cast.Viewer.Client.GetDocumentAsync(document)).Versions);
    }

    [Fact]
    public async Task Only_the_author_edits_a_comment_and_only_the_author_or_an_owner_deletes_it()
    {
        var scene = await ArrangeAsync();
        var url = $"/api/documents/comments/{scene.Comment}";
        var comments = await scene.Cast.Owner.Client.GetFromJsonAsync<List<CommentDto>>($"{DocumentsApi.Document(scene.Document)}/comments", DocumentsClient.Json);
        var stamp = comments!.Single(c => c.Id == scene.Comment).ConcurrencyStamp;

        await (await scene.Cast.Editor.Client.PutAsJsonAsync(url, new EditCommentRequest("hijacked", stamp))).ProblemAsync(HttpStatusCode.Forbidden);
        await (await scene.Cast.Editor.Client.DeleteAsync(url)).ProblemAsync(HttpStatusCode.Forbidden);
        await DocumentsClient.ExpectAsync(await scene.Cast.Owner.Client.PutAsJsonAsync(url, new EditCommentRequest("Owner's note, edited", stamp)), HttpStatusCode.OK);
        await DocumentsClient.ExpectAsync(await scene.Cast.Owner.Client.DeleteAsync(url), HttpStatusCode.NoContent);
    }
}

public sealed class DocumentsAuthorizationTests_Sqlite(DocumentsSqlitePortal portal) : DocumentsAuthorizationTests<DocumentsSqlitePortal, SqlitePortal>(portal);

public sealed class DocumentsAuthorizationTests_PostgreSql(DocumentsPostgreSqlPortal portal) : DocumentsAuthorizationTests<DocumentsPostgreSqlPortal, PostgreSqlPortal>(portal);
