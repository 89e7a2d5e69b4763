using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Consortium.Portal.Documents;
using Consortium.Portal.Documents.Api;
using Consortium.Portal.Documents.Application;
using Consortium.Portal.Documents.Tests;
using Consortium.Portal.IntegrationTests.Infrastructure;

namespace Consortium.Portal.IntegrationTests.Documents;

/// <summary>A body that breaks a rule is refused by its validator before anything is read or written: 400 with an error per field.</summary>
public abstract class DocumentRequestValidationTests<TPortal, TDatabase>(TPortal portal) : IClassFixture<TPortal>
    where TPortal : DocumentsPortal<TDatabase>
    where TDatabase : PortalAppFactory, new()
{
    [Fact]
    public async Task Bad_comments_reviews_answers_and_suggestions_get_field_errors_and_change_nothing()
    {
        var cast = portal.NewWorkspace();
        var id = await cast.Editor.Client.UploadOneAsync(cast.Id, "draft.md", SampleFiles.Text("The old wording stays."));
        var yesterday = DateOnly.FromDateTime(portal.Clock.GetUtcNow().UtcDateTime.AddDays(-2));

        var comment = await cast.Reviewer.Client.PostAsJsonAsync($"{DocumentsApi.Document(id)}/comments",
            new WriteCommentRequest(1, "   ", null, null, null), DocumentsClient.Json);
        var review = await cast.Editor.Client.PostAsJsonAsync($"{DocumentsApi.Document(id)}/reviews",
            new RequestReviewRequest(1, [], yesterday, new string('m', DocumentConsts.MaxMessageLength + 1)), DocumentsClient.Json);
        var suggestion = await cast.Reviewer.Client.PostAsJsonAsync($"{DocumentsApi.Document(id)}/suggestions",
            new SuggestEditRequest(1, new TextAnchorDto("old", "", "", 0, 0), new string('r', DocumentConsts.MaxReplacementLength + 1), new string('w', DocumentConsts.MaxReasonLength + 1)),
            DocumentsClient.Json);

        Assert.Equal(["body"], await DocumentsClient.FieldErrorsAsync(comment));
        Assert.Equal(["dueDate", "message", "reviewerIds"], await DocumentsClient.FieldErrorsAsync(review));
        Assert.Equal(["reason", "replacement"], await DocumentsClient.FieldErrorsAsync(suggestion));
        Assert.Empty((await cast.Viewer.Client.GetFromJsonAsync<List<CommentDto>>($"{DocumentsApi.Document(id)}/comments", DocumentsClient.Json))!);
        Assert.Empty((await cast.Viewer.Client.GetFromJsonAsync<List<ReviewRequestDto>>($"{DocumentsApi.Document(id)}/reviews", DocumentsClient.Json))!);
        Assert.Empty((await cast.Viewer.Client.GetFromJsonAsync<List<SuggestionDto>>($"{DocumentsApi.Document(id)}/suggestions", DocumentsClient.Json))!);
    }

    [Fact]
    public async Task An_answer_without_a_decision_and_an_empty_edit_are_refused_and_leave_things_as_they_were()
    {
        var cast = portal.NewWorkspace();
        var id = await cast.Editor.Client.UploadOneAsync(cast.Id, "answer.md", SampleFiles.Text("to be answered"));
        var request = await (await cast.Editor.Client.PostAsJsonAsync($"{DocumentsApi.Document(id)}/reviews",
            new RequestReviewRequest(1, [cast.Reviewer.Id], DateOnly.FromDateTime(portal.Clock.GetUtcNow().UtcDateTime.AddDays(5)), null), DocumentsClient.Json))
            .ReadAsync<ReviewRequestDto>();
        var comment = await (await cast.Reviewer.Client.PostAsJsonAsync($"{DocumentsApi.Document(id)}/comments",
            new WriteCommentRequest(1, "First thoughts", null, null, null), DocumentsClient.Json)).ReadAsync<CommentDto>();

        var answer = await cast.Reviewer.Client.PostAsJsonAsync($"/api/documents/reviews/{request.Id}/answer",
            new AnswerReviewRequest(ReviewDecision.Pending, new string('c', DocumentConsts.MaxMessageLength + 1)), DocumentsClient.Json);
        var edit = await cast.Reviewer.Client.PutAsJsonAsync($"/api/documents/comments/{comment.Id}",
            new EditCommentRequest("", comment.ConcurrencyStamp), DocumentsClient.Json);

        Assert.Equal(["comment", "decision"], await DocumentsClient.FieldErrorsAsync(answer));
        Assert.Equal(["body"], await DocumentsClient.FieldErrorsAsync(edit));
        var reviews = await cast.Viewer.Client.GetFromJsonAsync<List<ReviewRequestDto>>($"{DocumentsApi.Document(id)}/reviews", DocumentsClient.Json);
        Assert.Equal(ReviewDecision.Pending, Assert.Single(Assert.Single(reviews!).Reviewers).Decision);
        var comments = await cast.Viewer.Client.GetFromJsonAsync<List<CommentDto>>($"{DocumentsApi.Document(id)}/comments", DocumentsClient.Json);
        Assert.Equal("First thoughts", Assert.Single(comments!).Body);
    }

    [Fact]
    public async Task Bad_folder_and_document_names_and_a_long_restore_note_get_field_errors_and_change_nothing()
    {
        var cast = portal.NewWorkspace();
        var folder = await (await cast.Editor.Client.PostAsJsonAsync(DocumentsApi.WorkspaceFolders(cast.Id), new CreateFolderRequest("Deliverables", null)))
            .ReadAsync<FolderDto>(HttpStatusCode.Created);
        var id = await cast.Editor.Client.UploadOneAsync(cast.Id, "plan.md", SampleFiles.Text("The plan."));
        var stamp = (await cast.Editor.Client.GetDocumentAsync(id)).Document.ConcurrencyStamp;

        var created = await cast.Editor.Client.PostAsJsonAsync(DocumentsApi.WorkspaceFolders(cast.Id), new CreateFolderRequest(" / ", null));
        var renamedFolder = await cast.Editor.Client.PutAsJsonAsync($"/api/documents/folders/{folder.Id}", new UpdateFolderRequest(".md", null, folder.ConcurrencyStamp));
        var renamedDocument = await cast.Editor.Client.PutAsJsonAsync(DocumentsApi.Document(id), new UpdateDocumentRequest("\u0007", folder.Id, stamp));
        var restored = await cast.Editor.Client.PostAsJsonAsync($"{DocumentsApi.Versions(id)}/1/restore",
            new RestoreVersionRequest(new string('n', DocumentConsts.MaxNoteLength + 1)));

        Assert.Equal(["name"], await DocumentsClient.FieldErrorsAsync(created));
        Assert.Equal(["name"], await DocumentsClient.FieldErrorsAsync(renamedFolder));
        Assert.Equal(["name"], await DocumentsClient.FieldErrorsAsync(renamedDocument));
        Assert.Equal(["note"], await DocumentsClient.FieldErrorsAsync(restored));
        var folders = await cast.Viewer.Client.GetFromJsonAsync<List<FolderDto>>(DocumentsApi.WorkspaceFolders(cast.Id), DocumentsClient.Json);
        Assert.Equal(folder, Assert.Single(folders!));
        var document = await cast.Viewer.Client.GetDocumentAsync(id);
        Assert.Equal(("plan.md", null, stamp), (document.Document.Name, document.Document.FolderId, document.Document.ConcurrencyStamp));
        Assert.Single(document.Versions);
    }

    [Fact]
    public async Task Edits_without_the_stamp_they_read_are_field_errors_on_it_and_change_nothing()
    {
        var cast = portal.NewWorkspace();
        var folder = await (await cast.Editor.Client.PostAsJsonAsync(DocumentsApi.WorkspaceFolders(cast.Id), new CreateFolderRequest("Deliverables", null)))
            .ReadAsync<FolderDto>(HttpStatusCode.Created);
        var id = await cast.Editor.Client.UploadOneAsync(cast.Id, "stamped.md", SampleFiles.Text("The stamped text."));
        var document = (await cast.Editor.Client.GetDocumentAsync(id)).Document;
        var comment = await (await cast.Reviewer.Client.PostAsJsonAsync($"{DocumentsApi.Document(id)}/comments",
            new WriteCommentRequest(1, "First thoughts", null, null, null), DocumentsClient.Json)).ReadAsync<CommentDto>();

        await cast.Editor.Client.AssertRefusedAsync(HttpMethod.Put, $"/api/documents/folders/{folder.Id}", new UpdateFolderRequest("Renamed", null, folder.ConcurrencyStamp));
        await cast.Editor.Client.AssertRefusedAsync(HttpMethod.Put, DocumentsApi.Document(id), new UpdateDocumentRequest("renamed.md", folder.Id, document.ConcurrencyStamp));
        await cast.Reviewer.Client.AssertRefusedAsync(HttpMethod.Put, $"/api/documents/comments/{comment.Id}", new EditCommentRequest("Second thoughts", comment.ConcurrencyStamp));

        Assert.Equal(folder, Assert.Single((await cast.Viewer.Client.GetFromJsonAsync<List<FolderDto>>(DocumentsApi.WorkspaceFolders(cast.Id), DocumentsClient.Json))!));
        var after = (await cast.Viewer.Client.GetDocumentAsync(id)).Document;
        Assert.Equal(("stamped.md", null, document.ConcurrencyStamp), (after.Name, after.FolderId, after.ConcurrencyStamp));
        var comments = await cast.Viewer.Client.GetFromJsonAsync<List<CommentDto>>($"{DocumentsApi.Document(id)}/comments", DocumentsClient.Json);
        Assert.Equal(("First thoughts", comment.ConcurrencyStamp), (Assert.Single(comments!).Body, comments![0].ConcurrencyStamp));
    }
}

public sealed class DocumentRequestValidationTests_Sqlite(DocumentsSqlitePortal portal) : DocumentRequestValidationTests<DocumentsSqlitePortal, SqlitePortal>(portal);

public sealed class DocumentRequestValidationTests_PostgreSql(DocumentsPostgreSqlPortal portal) : DocumentRequestValidationTests<DocumentsPostgreSqlPortal, PostgreSqlPortal>(portal);
