using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using Consortium.Portal.Documents;
using Consortium.Portal.Documents.Api;
using Consortium.Portal.Documents.Application;
using Consortium.Portal.Documents.Data;
using Consortium.Portal.Documents.Tests;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Platform;
using Consortium.Portal.Platform.Paging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Consortium.Portal.IntegrationTests.Documents;

public abstract class DocumentCollaborationTests<TPortal, TDatabase>(TPortal portal) : IClassFixture<TPortal>
    where TPortal : DocumentsPortal<TDatabase>
    where TDatabase : PortalAppFactory, new()
{
    private DateOnly InDays(int days) => DateOnly.FromDateTime(portal.Clock.GetUtcNow().UtcDateTime.AddDays(days));

    private async Task RunAsync<TJob>(Func<TJob, Task> run) where TJob : notnull
    {
        await using var scope = portal.Scope();
        await run(scope.ServiceProvider.GetRequiredService<TJob>());
    }

    private async Task<List<string>> OutboxEventsAsync(string eventName)
    {
        await using var scope = portal.Scope();
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().OutboxMessages
            .Where(m => m.EventName == eventName).Select(m => m.Payload).ToListAsync();
    }

    [Fact]
    public async Task A_locked_document_refuses_other_uploads_with_who_holds_it_until_an_owner_breaks_the_lock()
    {
        var cast = portal.NewWorkspace();
        var id = await cast.Editor.Client.UploadOneAsync(cast.Id, "locked.txt", SampleFiles.Text("v1"));
        var locked = await (await cast.Editor.Client.PostAsync($"{DocumentsApi.Document(id)}/lock", null)).ReadAsync<DocumentSummaryDto>();
        Assert.Equal(cast.Editor.Id, locked.Lock!.HolderId);

        var refused = await (await cast.SecondEditor.Client.PostVersionAsync(id, "locked.txt", SampleFiles.Text("v2 by someone else"))).ProblemAsync((HttpStatusCode)423);
        var holderUpload = await cast.Editor.Client.PostVersionAsync(id, "locked.txt", SampleFiles.Text("v2 by the holder"));
        var notBrokenByEditor = await cast.SecondEditor.Client.DeleteAsync($"{DocumentsApi.Document(id)}/lock");
        var broken = await cast.Owner.Client.DeleteAsync($"{DocumentsApi.Document(id)}/lock");
        var afterBreak = await cast.SecondEditor.Client.PostVersionAsync(id, "locked.txt", SampleFiles.Text("v3 after the break"));

        Assert.Contains("Edon Editor", refused.Detail);
        // Until when, on the reader's clock: not the raw UTC stamp.
        Assert.DoesNotContain(locked.Lock.ExpiresAtUtc.ToString("u", System.Globalization.CultureInfo.InvariantCulture), refused.Detail);
        await DocumentsClient.ExpectAsync(holderUpload, HttpStatusCode.OK);
        await notBrokenByEditor.ProblemAsync(HttpStatusCode.Forbidden);
        await DocumentsClient.ExpectAsync(broken, HttpStatusCode.NoContent);
        await DocumentsClient.ExpectAsync(afterBreak, HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_lock_lapses_after_its_duration()
    {
        var cast = portal.NewWorkspace();
        var id = await cast.Editor.Client.UploadOneAsync(cast.Id, "lapsing.txt", SampleFiles.Text("v1 " + Guid.NewGuid()));
        await DocumentsClient.ExpectAsync(await cast.Editor.Client.PostAsync($"{DocumentsApi.Document(id)}/lock", null), HttpStatusCode.OK);

        portal.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));

        await DocumentsClient.ExpectAsync(await cast.SecondEditor.Client.PostVersionAsync(id, "lapsing.txt", SampleFiles.Text("v2")), HttpStatusCode.OK);
        Assert.Null((await cast.Viewer.Client.GetDocumentAsync(id)).Document.Lock);
    }

    [Fact]
    public async Task Deleted_documents_wait_in_the_bin_can_come_back_and_are_purged_with_their_unshared_blobs()
    {
        var cast = portal.NewWorkspace();
        var shared = SampleFiles.Text("shared content " + Guid.NewGuid());
        var own = SampleFiles.Text("own content " + Guid.NewGuid());
        var keeper = await cast.Editor.Client.UploadOneAsync(cast.Id, "keeper.txt", shared);
        var restored = await cast.Editor.Client.UploadOneAsync(cast.Id, "restored.txt", SampleFiles.Text("restored " + Guid.NewGuid()));
        var doomed = await cast.Editor.Client.UploadOneAsync(cast.Id, "doomed.txt", own);
        await DocumentsClient.ExpectAsync(await cast.Editor.Client.PostVersionAsync(doomed, "doomed.txt", shared), HttpStatusCode.OK);
        var blobs = await portal.BlobNamesAsync();

        await DocumentsClient.ExpectAsync(await cast.Editor.Client.DeleteAsync(DocumentsApi.Document(doomed)), HttpStatusCode.NoContent);
        await DocumentsClient.ExpectAsync(await cast.Editor.Client.DeleteAsync(DocumentsApi.Document(restored)), HttpStatusCode.NoContent);
        var bin = await cast.Viewer.Client.GetFromJsonAsync<List<RecycledItemDto>>(DocumentsApi.RecycleBin(cast.Id), DocumentsClient.Json);
        var listed = await cast.Viewer.Client.GetFromJsonAsync<PagedResult<DocumentSummaryDto>>(DocumentsApi.WorkspaceDocuments(cast.Id), DocumentsClient.Json);
        await DocumentsClient.ExpectAsync(await cast.Editor.Client.PostAsync($"{DocumentsApi.Document(restored)}/restore", null), HttpStatusCode.NoContent);

        Assert.Equal(["doomed.txt", "restored.txt"], bin!.Select(b => b.Name).Order());
        Assert.Equal(["keeper.txt"], listed!.Items.Select(d => d.Name));
        Assert.Equal(HttpStatusCode.NotFound, (await cast.Viewer.Client.GetAsync(DocumentsApi.Document(doomed))).StatusCode);

        portal.Clock.Advance(TimeSpan.FromDays(31));
        await RunAsync<RecycleBinPurgeJob>(job => job.RunAsync(CancellationToken.None));

        var after = await portal.BlobNamesAsync();
        Assert.Equal(blobs.Count - 1, after.Count);
        Assert.Equal(shared, await cast.Viewer.Client.GetByteArrayAsync(DocumentsApi.Content(keeper, 1)));
        await DocumentsClient.ExpectAsync(await cast.Viewer.Client.GetAsync(DocumentsApi.Document(restored)), HttpStatusCode.OK);
        Assert.Empty((await cast.Viewer.Client.GetFromJsonAsync<List<RecycledItemDto>>(DocumentsApi.RecycleBin(cast.Id), DocumentsClient.Json))!);
        // The audit log names what was purged, though the document is gone.
        await using var scope = portal.Scope();
        var purged = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().AuditLog.AsNoTracking()
            .SingleAsync(a => a.Action == "documents.document.purged" && a.EntityId == doomed.ToString());
        Assert.Equal("doomed.txt", purged.EntityName);
    }

    [Fact]
    public async Task A_deleted_folder_takes_its_content_to_the_bin_and_brings_it_back()
    {
        var cast = portal.NewWorkspace();
        var folder = await (await cast.Editor.Client.PostAsJsonAsync(DocumentsApi.WorkspaceFolders(cast.Id), new CreateFolderRequest("Drafts", null))).ReadAsync<FolderDto>(HttpStatusCode.Created);
        var inner = await (await cast.Editor.Client.PostAsJsonAsync(DocumentsApi.WorkspaceFolders(cast.Id), new CreateFolderRequest("Inner", folder.Id))).ReadAsync<FolderDto>(HttpStatusCode.Created);
        await DocumentsClient.ExpectAsync(await cast.Editor.Client.PostFilesAsync(cast.Id, inner.Id, ("deep.txt", SampleFiles.Text("deep"))), HttpStatusCode.OK);

        await DocumentsClient.ExpectAsync(await cast.Editor.Client.DeleteAsync($"/api/documents/folders/{folder.Id}"), HttpStatusCode.NoContent);
        var whileDeleted = await cast.Viewer.Client.GetFromJsonAsync<PagedResult<DocumentSummaryDto>>(DocumentsApi.WorkspaceDocuments(cast.Id) + "?all=true", DocumentsClient.Json);
        var bin = await cast.Viewer.Client.GetFromJsonAsync<List<RecycledItemDto>>(DocumentsApi.RecycleBin(cast.Id), DocumentsClient.Json);
        await DocumentsClient.ExpectAsync(await cast.Editor.Client.PostAsync($"/api/documents/folders/{folder.Id}/restore", null), HttpStatusCode.NoContent);
        var afterRestore = await cast.Viewer.Client.GetFromJsonAsync<PagedResult<DocumentSummaryDto>>(DocumentsApi.WorkspaceDocuments(cast.Id) + $"?folderId={inner.Id}", DocumentsClient.Json);

        Assert.Empty(whileDeleted!.Items);
        Assert.Equal("Drafts", Assert.Single(bin!).Name);
        Assert.Equal("deep.txt", Assert.Single(afterRestore!.Items).Name);
    }

    [Fact]
    public async Task A_long_list_of_documents_comes_page_by_page_in_name_order()
    {
        var cast = portal.NewWorkspace();
        await cast.Editor.Client.UploadAsync(cast.Id, ("c.txt", SampleFiles.Text("c")), ("a.txt", SampleFiles.Text("a")), ("b.txt", SampleFiles.Text("b")));

        var first = await cast.Viewer.Client.GetFromJsonAsync<PagedResult<DocumentSummaryDto>>(DocumentsApi.WorkspaceDocuments(cast.Id) + "?pageSize=2", DocumentsClient.Json);
        var second = await cast.Viewer.Client.GetFromJsonAsync<PagedResult<DocumentSummaryDto>>(DocumentsApi.WorkspaceDocuments(cast.Id) + "?page=2&pageSize=2", DocumentsClient.Json);
        var pastTheEnd = await cast.Viewer.Client.GetFromJsonAsync<PagedResult<DocumentSummaryDto>>(DocumentsApi.WorkspaceDocuments(cast.Id) + "?page=3&pageSize=2", DocumentsClient.Json);
        var byDefault = await cast.Viewer.Client.GetFromJsonAsync<PagedResult<DocumentSummaryDto>>(DocumentsApi.WorkspaceDocuments(cast.Id), DocumentsClient.Json);
        var tooMany = await cast.Viewer.Client.GetAsync(DocumentsApi.WorkspaceDocuments(cast.Id) + "?pageSize=501");
        var notAPage = await cast.Viewer.Client.GetAsync(DocumentsApi.WorkspaceDocuments(cast.Id) + "?page=0");

        Assert.Equal(["a.txt", "b.txt"], first!.Items.Select(d => d.Name));
        Assert.Equal((3, 1, 2, 2), (first.TotalCount, first.Page, first.PageSize, first.PageCount));
        Assert.Equal(["c.txt"], second!.Items.Select(d => d.Name));
        Assert.Equal((3, 2), (second.TotalCount, second.Page));
        Assert.Empty(pastTheEnd!.Items);
        Assert.Equal(3, pastTheEnd.TotalCount);
        Assert.Equal((3, 100), (byDefault!.Items.Count, byDefault.PageSize));
        Assert.Equal(["pageSize"], await DocumentsClient.FieldErrorsAsync(tooMany));
        Assert.Equal(["page"], await DocumentsClient.FieldErrorsAsync(notAPage));
    }

    [Fact]
    public async Task Folders_are_renamed_and_moved_but_never_into_themselves()
    {
        var cast = portal.NewWorkspace();
        var client = cast.Editor.Client;
        var a = await (await client.PostAsJsonAsync(DocumentsApi.WorkspaceFolders(cast.Id), new CreateFolderRequest("A", null))).ReadAsync<FolderDto>(HttpStatusCode.Created);
        var b = await (await client.PostAsJsonAsync(DocumentsApi.WorkspaceFolders(cast.Id), new CreateFolderRequest("B", a.Id))).ReadAsync<FolderDto>(HttpStatusCode.Created);

        var loop = await (await client.PutAsJsonAsync($"/api/documents/folders/{a.Id}", new UpdateFolderRequest("A", b.Id, a.ConcurrencyStamp))).ProblemAsync(HttpStatusCode.BadRequest);
        var moved = await (await client.PutAsJsonAsync($"/api/documents/folders/{b.Id}", new UpdateFolderRequest("B renamed", null, b.ConcurrencyStamp))).ReadAsync<FolderDto>();
        var stale = await client.PutAsJsonAsync($"/api/documents/folders/{b.Id}", new UpdateFolderRequest("B again", null, b.ConcurrencyStamp));
        var duplicate = await client.PostAsJsonAsync(DocumentsApi.WorkspaceFolders(cast.Id), new CreateFolderRequest("a", null));

        Assert.Equal("Folder:MoveIntoItself", loop.Code);
        Assert.Null(moved.ParentId);
        Assert.Equal("B renamed", moved.Name);
        await stale.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("Folder:NameTaken", (await duplicate.ProblemAsync(HttpStatusCode.BadRequest)).Code);
    }

    [Fact]
    public async Task A_folder_downloads_as_a_zip_of_each_documents_latest_version()
    {
        var cast = portal.NewWorkspace();
        var folder = await (await cast.Editor.Client.PostAsJsonAsync(DocumentsApi.WorkspaceFolders(cast.Id), new CreateFolderRequest("Report", null))).ReadAsync<FolderDto>(HttpStatusCode.Created);
        var sub = await (await cast.Editor.Client.PostAsJsonAsync(DocumentsApi.WorkspaceFolders(cast.Id), new CreateFolderRequest("Annexes", folder.Id))).ReadAsync<FolderDto>(HttpStatusCode.Created);
        await DocumentsClient.ExpectAsync(await cast.Editor.Client.PostFilesAsync(cast.Id, folder.Id, ("report.md", SampleFiles.Text("old"))), HttpStatusCode.OK);
        await DocumentsClient.ExpectAsync(await cast.Editor.Client.PostFilesAsync(cast.Id, folder.Id, ("report.md", SampleFiles.Text("# Latest"))), HttpStatusCode.OK);
        await DocumentsClient.ExpectAsync(await cast.Editor.Client.PostFilesAsync(cast.Id, sub.Id, ("logo.png", SampleFiles.Png)), HttpStatusCode.OK);
        await DocumentsClient.ExpectAsync(await cast.Editor.Client.PostFilesAsync(cast.Id, null, ("outside.txt", SampleFiles.Text("not in the folder"))), HttpStatusCode.OK);

        var response = await cast.Viewer.Client.GetAsync(DocumentsApi.WorkspaceDocuments(cast.Id) + $"/zip?folderId={folder.Id}");

        await DocumentsClient.ExpectAsync(response, HttpStatusCode.OK);
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        Assert.Equal(["Annexes/logo.png", "report.md"], zip.Entries.Select(e => e.FullName).Order());
        using var reader = new StreamReader(zip.GetEntry("report.md")!.Open());
        Assert.Equal("# Latest", await reader.ReadToEndAsync());
        // Named after the folder; the whole workspace's after the workspace.
        Assert.Equal("Report.zip", response.Content.Headers.ContentDisposition!.FileNameStar);
        var whole = await cast.Viewer.Client.GetAsync(DocumentsApi.WorkspaceDocuments(cast.Id) + "/zip");
        await DocumentsClient.ExpectAsync(whole, HttpStatusCode.OK);
        Assert.Equal(FakeWorkspaces.NameOf(cast.Id) + ".zip", whole.Content.Headers.ContentDisposition!.FileNameStar);
    }

    [Fact]
    public async Task A_blob_without_metadata_is_removed_by_the_cleanup_once_it_is_an_hour_old()
    {
        var cast = portal.NewWorkspace();
        var kept = await cast.Editor.Client.UploadOneAsync(cast.Id, "recorded.txt", SampleFiles.Text("recorded " + Guid.NewGuid()));
        DateTimeOffset storedAt;
        await using (var scope = portal.Scope())
        {
            var store = scope.ServiceProvider.GetRequiredService<Consortium.Portal.Platform.Blobs.IBlobStore>();
            // A crash between storing the blob and recording it leaves exactly this.
            storedAt = (await store.PutAsync(DocumentsOptions.BlobContainer, Consortium.Portal.Platform.Blobs.BlobName.New(DateTimeOffset.UtcNow),
                new MemoryStream("crashed upload"u8.ToArray()))).LastModified;
        }
        var before = await portal.BlobNamesAsync();

        // Azure stamps blobs with its own clock, not the portal's, and other tests of this class may have moved the
        // portal's forward: the job gets a clock of its own, set relative to the blob.
        var jobClock = new FakeTimeProvider(storedAt + TimeSpan.FromMinutes(30));
        async Task<int> CleanAsync()
        {
            await using var scope = portal.Scope();
            return await ActivatorUtilities.CreateInstance<OrphanBlobCleanupJob>(scope.ServiceProvider, (TimeProvider)jobClock)
                .CleanAsync(CancellationToken.None);
        }
        var removedYoung = await CleanAsync();
        jobClock.Advance(TimeSpan.FromMinutes(90));
        var removedOld = await CleanAsync();

        Assert.Equal(0, removedYoung);
        Assert.True(removedOld >= 1);
        Assert.Equal(before.Count - removedOld, (await portal.BlobNamesAsync()).Count);
        await DocumentsClient.ExpectAsync(await cast.Viewer.Client.GetAsync(DocumentsApi.Content(kept, 1)), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Markdown_is_previewed_sanitized_and_two_versions_compare_word_by_word()
    {
        var cast = portal.NewWorkspace();
        var id = await cast.Editor.Client.UploadOneAsync(cast.Id, "op-ed.md", SampleFiles.Text("# Op-ed\n\nThe dialogue resumed slowly.<script>alert(1)</script>"));
        await DocumentsClient.ExpectAsync(await cast.Editor.Client.PostVersionAsync(id, "op-ed.md", SampleFiles.Text("# Op-ed\n\nThe dialogue resumed quickly and openly.")), HttpStatusCode.OK);

        var preview = await cast.Viewer.Client.GetFromJsonAsync<VersionPreviewDto>($"{DocumentsApi.Versions(id)}/1/preview", DocumentsClient.Json);
        var comparison = await cast.Viewer.Client.GetFromJsonAsync<VersionComparisonDto>($"{DocumentsApi.Document(id)}/compare?from=1&to=2", DocumentsClient.Json);

        Assert.Equal("markdown", preview!.Kind);
        Assert.Contains("<h1", preview.Html);
        Assert.DoesNotContain("<script", preview.Html);
        // "slowly" gave way to "quickly and openly"; the script's three words went too.
        Assert.Equal(3, comparison!.AddedWords);
        Assert.Equal(4, comparison.RemovedWords);
    }

    [Fact]
    public async Task The_text_of_word_and_pdf_versions_is_extracted_in_the_background_and_compared()
    {
        var cast = portal.NewWorkspace();
        var docx = await cast.Editor.Client.UploadOneAsync(cast.Id, "report.docx", SampleFiles.Docx("Perspectives of Kosovo Serbs", "on the dialogue"));
        await DocumentsClient.ExpectAsync(await cast.Editor.Client.PostVersionAsync(docx, "report.docx", SampleFiles.Docx("Perspectives of Kosovo Serbs", "on the Brussels dialogue")), HttpStatusCode.OK);
        var pdf = await cast.Editor.Client.UploadOneAsync(cast.Id, "scan.pdf", SampleFiles.Pdf("Seminar on rule of law"));
        var notReady = await cast.Viewer.Client.GetAsync($"{DocumentsApi.Document(docx)}/compare?from=1&to=2");

        portal.Clock.Advance(TimeSpan.FromMinutes(10));
        await RunAsync<VersionTextExtractionJob>(job => job.RunAsync(CancellationToken.None));

        Assert.Equal("Compare:TextNotReady", (await notReady.ProblemAsync(HttpStatusCode.BadRequest)).Code);
        var comparison = await cast.Viewer.Client.GetFromJsonAsync<VersionComparisonDto>($"{DocumentsApi.Document(docx)}/compare?from=1&to=2", DocumentsClient.Json);
        Assert.Equal(1, comparison!.AddedWords);
        var preview = await cast.Viewer.Client.GetFromJsonAsync<VersionPreviewDto>($"{DocumentsApi.Versions(pdf)}/1/preview", DocumentsClient.Json);
        Assert.Equal(VersionTextState.Extracted, preview!.TextState);
        Assert.Equal("Seminar on rule of law", preview.Text);
        Assert.Equal(DocumentsApi.Content(pdf, 1, inline: true), preview.Url);
    }

    [Fact]
    public async Task Reviewers_answer_a_review_request_and_a_second_answer_replaces_the_first()
    {
        var cast = portal.NewWorkspace();
        var id = await cast.Editor.Client.UploadOneAsync(cast.Id, "draft.md", SampleFiles.Text("draft for review"));
        var request = await (await cast.Editor.Client.PostAsJsonAsync($"{DocumentsApi.Document(id)}/reviews",
            new RequestReviewRequest(1, [cast.Reviewer.Id, cast.Owner.Id], InDays(5), "Please check the figures"), DocumentsClient.Json)).ReadAsync<ReviewRequestDto>();

        await DocumentsClient.ExpectAsync(await cast.Reviewer.Client.PostAsJsonAsync($"/api/documents/reviews/{request.Id}/answer",
            new AnswerReviewRequest(ReviewDecision.ChangesRequested, "Table 2 is wrong"), DocumentsClient.Json), HttpStatusCode.OK);
        var second = await (await cast.Reviewer.Client.PostAsJsonAsync($"/api/documents/reviews/{request.Id}/answer",
            new AnswerReviewRequest(ReviewDecision.Approved, "Fixed, thanks"), DocumentsClient.Json)).ReadAsync<ReviewRequestDto>();
        var notAsked = await cast.SecondEditor.Client.PostAsJsonAsync($"/api/documents/reviews/{request.Id}/answer",
            new AnswerReviewRequest(ReviewDecision.Approved, null), DocumentsClient.Json);
        var viewerAsked = await cast.Editor.Client.PostAsJsonAsync($"{DocumentsApi.Document(id)}/reviews",
            new RequestReviewRequest(1, [cast.Viewer.Id], InDays(5), null), DocumentsClient.Json);

        var answer = Assert.Single(second.Reviewers, r => r.ReviewerId == cast.Reviewer.Id);
        Assert.Equal(ReviewDecision.Approved, answer.Decision);
        Assert.Equal("Fixed, thanks", answer.Comment);
        Assert.Equal(ReviewDecision.Pending, second.Reviewers.Single(r => r.ReviewerId == cast.Owner.Id).Decision);
        Assert.Equal(2, second.Reviewers.Count);
        await notAsked.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("Review:NotAReviewer", (await viewerAsked.ProblemAsync(HttpStatusCode.BadRequest)).Code);
        Assert.Contains(await OutboxEventsAsync("documents.review-requested"), p => p.Contains(request.Id.ToString()));
    }

    [Fact]
    public async Task Reviewers_who_have_not_answered_are_reminded_once_the_day_before_the_due_date()
    {
        var cast = portal.NewWorkspace();
        var id = await cast.Editor.Client.UploadOneAsync(cast.Id, "due.md", SampleFiles.Text("due tomorrow " + Guid.NewGuid()));
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(portal.Clock.GetUtcNow().UtcDateTime, TimeZoneInfo.FindSystemTimeZoneById("Europe/Belgrade")));
        var request = await (await cast.Editor.Client.PostAsJsonAsync($"{DocumentsApi.Document(id)}/reviews",
            new RequestReviewRequest(1, [cast.Reviewer.Id, cast.Owner.Id], today.AddDays(1), null), DocumentsClient.Json)).ReadAsync<ReviewRequestDto>();
        await DocumentsClient.ExpectAsync(await cast.Owner.Client.PostAsJsonAsync($"/api/documents/reviews/{request.Id}/answer",
            new AnswerReviewRequest(ReviewDecision.Approved, null), DocumentsClient.Json), HttpStatusCode.OK);

        await RunAsync<ReviewReminderJob>(job => job.RunAsync(CancellationToken.None));
        await RunAsync<ReviewReminderJob>(job => job.RunAsync(CancellationToken.None));

        var reminders = (await OutboxEventsAsync("documents.review-due")).Where(p => p.Contains(request.Id.ToString())).ToList();
        Assert.Contains(cast.Reviewer.Id.ToString(), Assert.Single(reminders));
    }

    [Fact]
    public async Task A_reply_notifies_the_author_of_the_comment_as_a_reply_of_its_own()
    {
        var cast = portal.NewWorkspace();
        var id = await cast.Editor.Client.UploadOneAsync(cast.Id, "replies.txt", SampleFiles.Text("Notes from the roundtable in Gjilan."));
        var comment = await (await cast.Reviewer.Client.PostAsJsonAsync($"{DocumentsApi.Document(id)}/comments",
            new WriteCommentRequest(1, "Which date was it?", null, null, null), DocumentsClient.Json)).ReadAsync<CommentDto>();

        await (await cast.Editor.Client.PostAsJsonAsync($"{DocumentsApi.Document(id)}/comments",
            new WriteCommentRequest(1, "The 3rd of March", comment.Id, null, null), DocumentsClient.Json)).ReadAsync<CommentDto>();

        var requests = (await OutboxEventsAsync("notifications.requested")).Where(p => p.Contains(id.ToString(), StringComparison.Ordinal)).ToList();
        var reply = Assert.Single(requests, p => p.Contains("documents.comment-replied", StringComparison.Ordinal));
        Assert.Contains(cast.Reviewer.Id.ToString(), reply, StringComparison.Ordinal);
        Assert.DoesNotContain(cast.Editor.Id.ToString(), reply, StringComparison.Ordinal);
        // The reviewer hears of it once: as a reply, not also as one more comment on the document.
        var commentAdded = await OutboxEventsAsync("documents.comment-added");
        Assert.DoesNotContain(commentAdded, p => p.Contains(comment.Id.ToString(), StringComparison.Ordinal) is false
                                                  && p.Contains(id.ToString(), StringComparison.Ordinal)
                                                  && p.Contains(cast.Reviewer.Id.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_comment_on_a_quoted_passage_is_anchored_and_its_edits_and_deletion_keep_history()
    {
        var cast = portal.NewWorkspace();
        var text = "Roundtables took place in Peja and Ferizaj. Participants asked for more meetings.";
        var id = await cast.Editor.Client.UploadOneAsync(cast.Id, "roundtables.txt", SampleFiles.Text(text));

        var comment = await (await cast.Reviewer.Client.PostAsJsonAsync($"{DocumentsApi.Document(id)}/comments",
            new WriteCommentRequest(1, "Add **Novi Pazar**, @Edon Editor", null, new TextAnchorDto("Peja and Ferizaj", "", "", 0, 0), [cast.Editor.Id]), DocumentsClient.Json))
            .ReadAsync<CommentDto>();
        var reply = await (await cast.Editor.Client.PostAsJsonAsync($"{DocumentsApi.Document(id)}/comments",
            new WriteCommentRequest(1, "Done in v2", comment.Id, null, null), DocumentsClient.Json)).ReadAsync<CommentDto>();
        var unknownQuote = await cast.Reviewer.Client.PostAsJsonAsync($"{DocumentsApi.Document(id)}/comments",
            new WriteCommentRequest(1, "?", null, new TextAnchorDto("Kraljevo", "", "", 0, 8), null), DocumentsClient.Json);
        var edited = await (await cast.Reviewer.Client.PutAsJsonAsync($"/api/documents/comments/{comment.Id}",
            new EditCommentRequest("Add Novi Pazar and Kraljevo", comment.ConcurrencyStamp), DocumentsClient.Json)).ReadAsync<CommentDto>();
        await DocumentsClient.ExpectAsync(await cast.Reviewer.Client.PostAsync($"/api/documents/comments/{comment.Id}/resolve", null), HttpStatusCode.OK);
        await DocumentsClient.ExpectAsync(await cast.Editor.Client.DeleteAsync($"/api/documents/comments/{reply.Id}"), HttpStatusCode.NoContent);

        Assert.Equal(text.IndexOf("Peja", StringComparison.Ordinal), comment.Anchor!.Start);
        Assert.Equal("Roundtables took place in ", comment.Anchor.Prefix);
        Assert.Contains("<strong>Novi Pazar</strong>", comment.BodyHtml);
        Assert.Equal(comment.Id, reply.ParentId);
        Assert.Equal("Comment:QuoteNotFound", (await unknownQuote.ProblemAsync(HttpStatusCode.BadRequest)).Code);
        Assert.NotNull(edited.EditedAtUtc);
        var thread = await cast.Viewer.Client.GetFromJsonAsync<List<CommentDto>>($"{DocumentsApi.Document(id)}/comments?version=1", DocumentsClient.Json);
        Assert.True(thread!.Single(c => c.Id == comment.Id).IsResolved);
        Assert.True(thread!.Single(c => c.Id == reply.Id).IsDeleted);
        await using var scope = portal.Scope();
        var revisions = await scope.ServiceProvider.GetRequiredService<DocumentsDbContext>().CommentRevisions
            .Where(r => r.CommentId == comment.Id || r.CommentId == reply.Id).ToListAsync();
        Assert.Contains(revisions, r => r.PreviousBody == "Add **Novi Pazar**, @Edon Editor");
        Assert.Contains(revisions, r => r.PreviousBody == "Done in v2");
        Assert.Contains(await OutboxEventsAsync("documents.member-mentioned"), p => p.Contains(comment.Id.ToString()) && p.Contains(cast.Editor.Id.ToString()));
    }

    [Fact]
    public async Task Accepting_suggestions_makes_a_version_that_says_what_was_accepted_and_stale_ones_are_reported()
    {
        var cast = portal.NewWorkspace();
        var id = await cast.Editor.Client.UploadOneAsync(cast.Id, "statement.md", SampleFiles.Text("We met in Peja. We agreed on a report. We part as friends."));
        async Task<SuggestionDto> SuggestAsync(string quote, string replacement) =>
            await (await cast.Reviewer.Client.PostAsJsonAsync($"{DocumentsApi.Document(id)}/suggestions",
                new SuggestEditRequest(1, new TextAnchorDto(quote, "", "", 0, 0), replacement, "Clearer"), DocumentsClient.Json)).ReadAsync<SuggestionDto>();
        var peja = await SuggestAsync("in Peja", "in Peja and Gjilan");
        var report = await SuggestAsync("a report", "a joint report");
        var friends = await SuggestAsync("as friends", "as partners");
        var rejected = await SuggestAsync("We met", "We gathered");
        // The author changes the last sentence meanwhile: the suggestion on it goes stale.
        await DocumentsClient.ExpectAsync(await cast.Editor.Client.PostVersionAsync(id, "statement.md", SampleFiles.Text("We met in Peja. We agreed on a report. See you soon.")), HttpStatusCode.OK);

        var listed = await cast.Editor.Client.GetFromJsonAsync<List<SuggestionDto>>($"{DocumentsApi.Document(id)}/suggestions", DocumentsClient.Json);
        var result = await (await cast.Editor.Client.PostAsJsonAsync($"{DocumentsApi.Document(id)}/suggestions/decisions",
            new DecideSuggestionsRequest([peja.Id, report.Id, friends.Id], [rejected.Id]), DocumentsClient.Json)).ReadAsync<SuggestionDecisionResultDto>();

        Assert.True(listed!.Single(s => s.Id == friends.Id).IsStale);
        Assert.Equal(3, result.NewVersionNumber);
        Assert.Equal([peja.Id, report.Id], result.Applied);
        Assert.Equal([friends.Id], result.Stale);
        Assert.Equal("We met in Peja and Gjilan. We agreed on a joint report. See you soon."u8.ToArray(), await cast.Viewer.Client.GetByteArrayAsync(DocumentsApi.Content(id, 3)));
        var version = (await cast.Viewer.Client.GetDocumentAsync(id)).Versions[0];
        Assert.Contains("Rina Reviewer", version.Note);
        Assert.Contains("in Peja and Gjilan", version.Note);
        var after = await cast.Editor.Client.GetFromJsonAsync<List<SuggestionDto>>($"{DocumentsApi.Document(id)}/suggestions", DocumentsClient.Json);
        Assert.Equal(SuggestionState.Rejected, after!.Single(s => s.Id == rejected.Id).State);
        Assert.Equal(SuggestionState.Open, after!.Single(s => s.Id == friends.Id).State);
        Assert.Equal(3, after!.Single(s => s.Id == peja.Id).AppliedInVersionNumber);
    }

    [Fact]
    public async Task Suggestions_are_only_for_word_markdown_and_text()
    {
        var cast = portal.NewWorkspace();
        var id = await cast.Editor.Client.UploadOneAsync(cast.Id, "report.odt", SampleFiles.Odt("Word text"));

        var response = await cast.Reviewer.Client.PostAsJsonAsync($"{DocumentsApi.Document(id)}/suggestions",
            new SuggestEditRequest(1, new TextAnchorDto("Word", "", "", 0, 4), "Better", null), DocumentsClient.Json);

        Assert.Equal("Suggestion:OnlyText", (await response.ProblemAsync(HttpStatusCode.BadRequest)).Code);
    }

    [Fact]
    public async Task Followers_hear_of_new_versions_and_muted_members_do_not()
    {
        var cast = portal.NewWorkspace();
        var id = await cast.Editor.Client.UploadOneAsync(cast.Id, "followed.txt", SampleFiles.Text("v1 " + Guid.NewGuid()));
        await DocumentsClient.ExpectAsync(await cast.Viewer.Client.PutAsJsonAsync($"{DocumentsApi.Document(id)}/follow", new FollowRequest(FollowMode.Follow), DocumentsClient.Json), HttpStatusCode.NoContent);
        await DocumentsClient.ExpectAsync(await cast.Editor.Client.PutAsJsonAsync($"{DocumentsApi.Document(id)}/follow", new FollowRequest(FollowMode.Mute), DocumentsClient.Json), HttpStatusCode.NoContent);

        await DocumentsClient.ExpectAsync(await cast.SecondEditor.Client.PostVersionAsync(id, "followed.txt", SampleFiles.Text("v2")), HttpStatusCode.OK);

        var told = Assert.Single(await OutboxEventsAsync("documents.followers-new-version"), p => p.Contains(id.ToString()));
        Assert.Contains(cast.Viewer.Id.ToString(), told);
        Assert.DoesNotContain(cast.Editor.Id.ToString(), told);
        Assert.Equal(FollowMode.Follow, (await cast.Viewer.Client.GetDocumentAsync(id)).MyFollowMode);
    }
}

public sealed class DocumentCollaborationTests_Sqlite(DocumentsSqlitePortal portal) : DocumentCollaborationTests<DocumentsSqlitePortal, SqlitePortal>(portal);

public sealed class DocumentCollaborationTests_PostgreSql(DocumentsPostgreSqlPortal portal) : DocumentCollaborationTests<DocumentsPostgreSqlPortal, PostgreSqlPortal>(portal);

public sealed class DocumentCollaborationTests_Azurite(DocumentsAzuritePortal portal) : DocumentCollaborationTests<DocumentsAzuritePortal, SqlitePortal>(portal);
