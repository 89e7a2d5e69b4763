using System.Net;
using System.Net.Http.Json;
using Consortium.Portal.Documents;
using Consortium.Portal.Documents.Api;
using Consortium.Portal.Documents.Application;
using Consortium.Portal.Documents.Tests;
using Consortium.Portal.IntegrationTests.Infrastructure;

namespace Consortium.Portal.IntegrationTests.Documents;

/// <summary>The home page, "my work", as the Documents module fills it: reviews waiting, recent and shared documents.</summary>
public abstract class DocumentsHomeTests<TPortal, TDatabase>(TPortal portal) : IClassFixture<TPortal>
    where TPortal : DocumentsPortal<TDatabase>
    where TDatabase : PortalAppFactory, new()
{
    private static Task<string> HomeAsync(Member member) => HomePage.ReadAsync(member.Client);

    private static string Section(string html, string test) => HomePage.Section(html, test);

    [Fact]
    public async Task A_reviewer_sees_the_review_waiting_for_them_with_its_due_date_until_they_answer()
    {
        var cast = portal.NewWorkspace();
        var name = $"brief-{Guid.NewGuid():N}.md";
        var id = await cast.Editor.Client.UploadOneAsync(cast.Id, name, SampleFiles.Text("for review " + Guid.NewGuid()));
        var due = DateOnly.FromDateTime(portal.Clock.GetUtcNow().UtcDateTime.AddDays(4));
        var review = await (await cast.Editor.Client.PostAsJsonAsync($"{DocumentsApi.Document(id)}/reviews",
            new RequestReviewRequest(1, [cast.Reviewer.Id], due, null), DocumentsClient.Json)).ReadAsync<ReviewRequestDto>();

        var waiting = Section(await HomeAsync(cast.Reviewer), "home-reviews");
        var editorsHome = await HomeAsync(cast.Editor);
        await DocumentsClient.ExpectAsync(await cast.Reviewer.Client.PostAsJsonAsync($"/api/documents/reviews/{review.Id}/answer",
            new AnswerReviewRequest(ReviewDecision.Approved, null), DocumentsClient.Json), HttpStatusCode.OK);
        var afterAnswer = await HomeAsync(cast.Reviewer);

        Assert.Contains(name, waiting);
        Assert.Contains($"href=\"{DocumentLinks.Reviews(id)}\"", waiting);
        // In the portal's English (day-month-year), which a request naming no language gets.
        Assert.Contains(due.ToString("d", Consortium.Portal.Platform.Localization.PortalCultureFormats.Get("en")), waiting);
        Assert.Contains("data-test=\"home-reviews-empty\"", editorsHome);
        Assert.DoesNotContain(name, afterAnswer.Contains("data-test=\"home-reviews\"", StringComparison.Ordinal) ? Section(afterAnswer, "home-reviews") : "");
    }

    [Fact]
    public async Task The_author_finds_what_they_worked_on_and_colleagues_what_was_shared_with_them_but_outsiders_nothing()
    {
        var cast = portal.NewWorkspace();
        var name = $"minutes-{Guid.NewGuid():N}.md";
        var id = await cast.Editor.Client.UploadOneAsync(cast.Id, name, SampleFiles.Text("minutes " + Guid.NewGuid()));
        await DocumentsClient.ExpectAsync(await cast.Reviewer.Client.PostAsJsonAsync($"{DocumentsApi.Document(id)}/comments",
            new WriteCommentRequest(1, "Seen.", null, null, null), DocumentsClient.Json), HttpStatusCode.OK);

        var editorsHome = await HomeAsync(cast.Editor);
        var reviewersHome = await HomeAsync(cast.Reviewer);
        var viewersHome = await HomeAsync(cast.Viewer);
        var outsidersHome = await HomeAsync(cast.Outsider);

        Assert.Contains(name, Section(editorsHome, "home-recent"));
        Assert.DoesNotContain(name, editorsHome.Contains("data-test=\"home-shared\"", StringComparison.Ordinal) ? Section(editorsHome, "home-shared") : "");
        // The reviewer commented on it: it is theirs too, and shared with them.
        Assert.Contains(name, Section(reviewersHome, "home-recent"));
        Assert.Contains(name, Section(reviewersHome, "home-shared"));
        Assert.Contains(name, Section(viewersHome, "home-shared"));
        Assert.DoesNotContain(name, outsidersHome);
    }
}

public sealed class DocumentsHomeTests_Sqlite(DocumentsSqlitePortal portal) : DocumentsHomeTests<DocumentsSqlitePortal, SqlitePortal>(portal);

public sealed class DocumentsHomeTests_PostgreSql(DocumentsPostgreSqlPortal portal) : DocumentsHomeTests<DocumentsPostgreSqlPortal, PostgreSqlPortal>(portal);
