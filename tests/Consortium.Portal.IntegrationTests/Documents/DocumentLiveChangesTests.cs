using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Bunit;
using Consortium.Portal.Documents;
using Consortium.Portal.Documents.Api;
using Consortium.Portal.Documents.Application;
using Consortium.Portal.Documents.Pages;
using Consortium.Portal.Documents.Tests;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.IntegrationTests.Notifications;
using Consortium.Portal.IntegrationTests.Platform;
using Consortium.Portal.Notifications;
using Consortium.Portal.Tests;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using MudBlazor;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.IntegrationTests.Documents;

/// <summary>
/// Open document pages hear of the document's changes through the notifications hub: only those who may view the
/// document's workspace may join its group, and each kind of change reaches them once it is saved.
/// </summary>
public abstract class DocumentLiveChangesTests<TPortal, TDatabase>(TPortal portal) : IClassFixture<TPortal>
    where TPortal : DocumentsPortal<TDatabase>
    where TDatabase : PortalAppFactory, new()
{
    private HubConnection Connection(Member member)
        => NotificationsPortal<TDatabase>.HubConnectionOf(portal.App, member.Client.DefaultRequestHeaders.GetValues(TestSignInHandler.Header).Single());

    private static async Task<ConcurrentQueue<LiveChangeDto>> WatchAsync(HubConnection connection, Guid documentId)
    {
        var heard = new ConcurrentQueue<LiveChangeDto>();
        connection.On<LiveChangeDto>(NotificationsHubProtocol.Changed, heard.Enqueue);
        await connection.StartListeningAsync();
        await connection.InvokeAsync(NotificationsHubProtocol.Watch, DocumentLiveTopic.TopicName, documentId);
        return heard;
    }

    [Fact]
    public async Task A_viewer_hears_each_change_of_the_document_once_it_is_saved()
    {
        var cast = portal.NewWorkspace();
        var id = await cast.Editor.Client.UploadOneAsync(cast.Id, "live.md", SampleFiles.Text("first draft " + Guid.NewGuid()));
        await using var viewer = Connection(cast.Viewer);
        var heard = await WatchAsync(viewer, id);

        await DocumentsClient.ExpectAsync(await cast.Editor.Client.PostAsync($"{DocumentsApi.Document(id)}/lock", null), HttpStatusCode.OK);
        await Eventually.TrueAsync(() => heard.Any(c => c.Change == DocumentChanges.Lock), "the lock to be heard");
        await DocumentsClient.ExpectAsync(await cast.Editor.Client.PostVersionAsync(id, "live.md", SampleFiles.Text("second draft " + Guid.NewGuid())), HttpStatusCode.OK);
        await DocumentsClient.ExpectAsync(await cast.Editor.Client.DeleteAsync($"{DocumentsApi.Document(id)}/lock"), HttpStatusCode.NoContent);
        var review = await (await cast.Editor.Client.PostAsJsonAsync($"{DocumentsApi.Document(id)}/reviews",
            new RequestReviewRequest(2, [cast.Reviewer.Id], DateOnly.FromDateTime(portal.Clock.GetUtcNow().UtcDateTime.AddDays(3)), null), DocumentsClient.Json)).ReadAsync<ReviewRequestDto>();
        await DocumentsClient.ExpectAsync(await cast.Reviewer.Client.PostAsJsonAsync($"/api/documents/reviews/{review.Id}/answer",
            new AnswerReviewRequest(ReviewDecision.Approved, null), DocumentsClient.Json), HttpStatusCode.OK);
        var comment = await (await cast.Reviewer.Client.PostAsJsonAsync($"{DocumentsApi.Document(id)}/comments",
            new WriteCommentRequest(2, "Looks right.", null, null, null), DocumentsClient.Json)).ReadAsync<CommentDto>();
        await DocumentsClient.ExpectAsync(await cast.Editor.Client.PostAsJsonAsync($"{DocumentsApi.Document(id)}/comments",
            new WriteCommentRequest(2, "Thanks.", comment.Id, null, null), DocumentsClient.Json), HttpStatusCode.OK);

        string[] expected = [DocumentChanges.Lock, DocumentChanges.Version, DocumentChanges.Lock, DocumentChanges.Reviews, DocumentChanges.Reviews, DocumentChanges.Comments, DocumentChanges.Comments];
        await Eventually.TrueAsync(() => heard.Count >= expected.Length, "every change to be heard");
        Assert.Equal(expected, heard.Select(c => c.Change));
        Assert.All(heard, c => Assert.Equal((DocumentLiveTopic.TopicName, id), (c.Topic, c.SubjectId)));
    }

    [Fact]
    public async Task A_watcher_hears_when_the_text_of_a_new_version_has_been_extracted()
    {
        var cast = portal.NewWorkspace();
        var id = await cast.Editor.Client.UploadOneAsync(cast.Id, "report.docx", SampleFiles.Docx("Perspectives of Kosovo Serbs", Guid.NewGuid().ToString()));
        await using var viewer = Connection(cast.Viewer);
        var heard = await WatchAsync(viewer, id);

        portal.Clock.Advance(TimeSpan.FromMinutes(10));
        await using (var scope = portal.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<VersionTextExtractionJob>().RunAsync(CancellationToken.None);
        }

        await Eventually.TrueAsync(() => heard.Any(c => c.Change == DocumentChanges.Text), "the extracted text to be heard");
    }

    [Fact]
    public async Task Only_those_who_may_view_the_document_may_watch_it_and_nobody_else_hears_its_changes()
    {
        var cast = portal.NewWorkspace();
        var id = await cast.Editor.Client.UploadOneAsync(cast.Id, "private.md", SampleFiles.Text("not for outsiders " + Guid.NewGuid()));
        await using var outsider = Connection(cast.Outsider);
        var outsiderHeard = new ConcurrentQueue<LiveChangeDto>();
        outsider.On<LiveChangeDto>(NotificationsHubProtocol.Changed, outsiderHeard.Enqueue);
        await outsider.StartListeningAsync();
        await using var viewer = Connection(cast.Viewer);
        var viewerHeard = await WatchAsync(viewer, id);

        var refused = await Assert.ThrowsAsync<HubException>(() => outsider.InvokeAsync(NotificationsHubProtocol.Watch, DocumentLiveTopic.TopicName, id));
        var missing = await Assert.ThrowsAsync<HubException>(() => outsider.InvokeAsync(NotificationsHubProtocol.Watch, DocumentLiveTopic.TopicName, Guid.NewGuid()));
        var unknownTopic = await Assert.ThrowsAsync<HubException>(() => viewer.InvokeAsync(NotificationsHubProtocol.Watch, "documents.unknown", id));
        await DocumentsClient.ExpectAsync(await cast.Editor.Client.PostAsync($"{DocumentsApi.Document(id)}/lock", null), HttpStatusCode.OK);

        // The viewer heard it; by then the outsider would have too, had they joined.
        await Eventually.TrueAsync(() => viewerHeard.Any(c => c.Change == DocumentChanges.Lock), "the viewer to hear the lock");
        await viewer.InvokeAsync<PingReplyDto>(NotificationsHubProtocol.Ping, 0L);
        await outsider.InvokeAsync<PingReplyDto>(NotificationsHubProtocol.Ping, 0L);
        Assert.Empty(outsiderHeard);
        // A hidden document and one that does not exist are refused alike.
        Assert.Equal(refused.Message, missing.Message);
        Assert.Equal(refused.Message, unknownTopic.Message);
    }

    [Fact]
    public async Task A_page_that_stops_watching_hears_no_more()
    {
        var cast = portal.NewWorkspace();
        var id = await cast.Editor.Client.UploadOneAsync(cast.Id, "left.md", SampleFiles.Text("left " + Guid.NewGuid()));
        await using var viewer = Connection(cast.Viewer);
        var heard = await WatchAsync(viewer, id);
        await DocumentsClient.ExpectAsync(await cast.Editor.Client.PostAsync($"{DocumentsApi.Document(id)}/lock", null), HttpStatusCode.OK);
        await Eventually.TrueAsync(() => heard.Count == 1, "the lock to be heard");

        await viewer.InvokeAsync(NotificationsHubProtocol.Unwatch, DocumentLiveTopic.TopicName, id);
        await DocumentsClient.ExpectAsync(await cast.Editor.Client.DeleteAsync($"{DocumentsApi.Document(id)}/lock"), HttpStatusCode.NoContent);
        await DocumentsClient.ExpectAsync(await cast.Editor.Client.PostAsync($"{DocumentsApi.Document(id)}/lock", null), HttpStatusCode.OK);

        await viewer.InvokeAsync<PingReplyDto>(NotificationsHubProtocol.Ping, 0L);
        Assert.Single(heard);
    }

    [Fact]
    public async Task A_page_moved_to_a_document_it_may_not_see_no_longer_hears_the_document_before()
    {
        var cast = portal.NewWorkspace();
        var id = await cast.Editor.Client.UploadOneAsync(cast.Id, "before.md", SampleFiles.Text("before " + Guid.NewGuid()));
        var elsewhere = portal.NewWorkspace();
        var hidden = await elsewhere.Editor.Client.UploadOneAsync(elsewhere.Id, "hidden.md", SampleFiles.Text("hidden " + Guid.NewGuid()));
        await using var tab = new PortalPage(portal.App, cast.Viewer.Client);
        var page = tab.Page.Render<DocumentPage>(p => p.Add(c => c.DocumentId, id));
        await Eventually.TrueAsync(() => tab.Live.Watched.SequenceEqual([id]), "the page to watch its document");

        // A link to a document of a workspace that is not the viewer's.
        page.Render(p => p.Add(c => c.DocumentId, hidden));

        page.WaitForAssertion(() => Assert.Single(page.FindAll(".mud-alert-text-warning")));
        Assert.Empty(page.FindAll("[data-test=document-name]"));
        // Released at once, or, when the move came as the feed was handing the watch over, as soon as it is handed over.
        await Eventually.TrueAsync(() => tab.Live.Watched.Count == 0, "the page to release the watch of the document before");
        // A change of the one before, even one already on its way, is no longer the page's: no reload, no refusal told again.
        var snackbars = tab.Page.Services.GetRequiredService<ISnackbar>();
        snackbars.Clear();
        await tab.Live.PushAsync(id, DocumentChanges.Lock);
        Assert.Empty(snackbars.ShownSnackbars);
        Assert.Empty(tab.Live.Watched);
    }

    [Fact]
    public async Task A_page_moved_to_another_document_does_not_carry_a_review_request_begun_on_the_one_before()
    {
        var cast = portal.NewWorkspace();
        var first = await cast.Editor.Client.UploadOneAsync(cast.Id, "first.md", SampleFiles.Text("first " + Guid.NewGuid()));
        var second = await cast.Editor.Client.UploadOneAsync(cast.Id, "second.md", SampleFiles.Text("second " + Guid.NewGuid()));
        await using var tab = new PortalPage(portal.App, cast.Editor.Client);
        // The Reviews tab, as a notification's link opens it.
        tab.Page.Services.GetRequiredService<NavigationManager>().NavigateTo($"/documents/{first}?tab=reviews");
        var page = tab.Page.Render<DocumentPage>(p => p.Add(c => c.DocumentId, first));
        // Once the page has caught up with its watch (its reload after joining) and the tab shows its form: the tab loads
        // its own data, and under load its form came after the watch (a find right after the watch found no textarea).
        // The find and the change then go through the renderer in one step, so no render of the page's comes between.
        await Eventually.TrueAsync(() => tab.Live.Watched.SequenceEqual([first]), "the page to watch its document");
        page.WaitForElement("textarea");
        await page.InvokeAsync(() => page.Find("textarea").Change("Please read the first one's section 2."));

        page.Render(p => p.Add(c => c.DocumentId, second));

        page.WaitForAssertion(() => Assert.StartsWith("second.md", page.Find("[data-test=document-name]").TextContent.Trim()));
        Assert.Equal("", page.WaitForElement("textarea").GetAttribute("value") ?? "");
    }
}

public sealed class DocumentLiveChangesTests_Sqlite(DocumentsSqlitePortal portal) : DocumentLiveChangesTests<DocumentsSqlitePortal, SqlitePortal>(portal);

public sealed class DocumentLiveChangesTests_PostgreSql(DocumentsPostgreSqlPortal portal) : DocumentLiveChangesTests<DocumentsPostgreSqlPortal, PostgreSqlPortal>(portal);
