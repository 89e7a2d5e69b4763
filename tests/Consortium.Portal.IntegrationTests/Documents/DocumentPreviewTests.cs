using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Parser;
using Consortium.Portal.Documents;
using Consortium.Portal.Documents.Api;
using Consortium.Portal.Documents.Application;
using Consortium.Portal.Documents.Tests;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.IntegrationTests.Documents;

/// <summary>How versions are shown: a Word document as sanitized HTML whose text is the version's text.</summary>
public abstract class DocumentPreviewTests<TPortal, TDatabase>(TPortal portal) : IClassFixture<TPortal>
    where TPortal : DocumentsPortal<TDatabase>
    where TDatabase : PortalAppFactory, new()
{
    private async Task ExtractTextsAsync()
    {
        portal.Clock.Advance(TimeSpan.FromMinutes(10));
        await using var scope = portal.Scope();
        await scope.ServiceProvider.GetRequiredService<VersionTextExtractionJob>().RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_word_document_is_previewed_as_sanitized_html_whose_text_is_the_version_text()
    {
        var cast = portal.NewWorkspace();
        var id = await cast.Editor.Client.UploadOneAsync(cast.Id, "plan.docx", SampleFiles.RichDocx());
        var pending = await cast.Viewer.Client.GetFromJsonAsync<VersionPreviewDto>($"{DocumentsApi.Versions(id)}/1/preview", DocumentsClient.Json);

        await ExtractTextsAsync();
        var preview = await cast.Viewer.Client.GetFromJsonAsync<VersionPreviewDto>($"{DocumentsApi.Versions(id)}/1/preview", DocumentsClient.Json);

        // Until the text is extracted there is nothing to anchor to: the text view says it is coming.
        Assert.Equal("extracted", pending!.Kind);
        Assert.Equal("document", preview!.Kind);
        Assert.Contains("<h2>Goals</h2>", preview.Html);
        Assert.Contains("<table>", preview.Html);
        Assert.Contains("<strong>must</strong>", preview.Html);
        Assert.DoesNotContain("<script", preview.Html);
        Assert.DoesNotContain("javascript:", preview.Html);
        var html = new HtmlParser().ParseDocument("<div id=\"p\">" + preview.Html + "</div>");
        Assert.Equal(preview.Text, html.GetElementById("p")!.TextContent);

        // A passage selected across two list items of the HTML is anchored at the same place of the text.
        var start = preview.Text!.IndexOf("First step", StringComparison.Ordinal);
        var comment = await (await cast.Reviewer.Client.PostAsJsonAsync($"{DocumentsApi.Document(id)}/comments",
            new WriteCommentRequest(1, "Split these.", null, new TextAnchorDto("First step\nSecond", "", "", start, start + 17), null), DocumentsClient.Json))
            .ReadAsync<CommentDto>();
        Assert.Equal(start, comment.Anchor!.Start);
        Assert.Equal(start + 17, comment.Anchor.End);
    }

    [Fact]
    public async Task An_open_document_text_is_previewed_as_html_too_and_a_comment_anchors_on_it()
    {
        var cast = portal.NewWorkspace();
        var id = await cast.Editor.Client.UploadOneAsync(cast.Id, "plan.odt", SampleFiles.RichOdt());

        await ExtractTextsAsync();
        var preview = await cast.Viewer.Client.GetFromJsonAsync<VersionPreviewDto>($"{DocumentsApi.Versions(id)}/1/preview", DocumentsClient.Json);

        Assert.Equal("document", preview!.Kind);
        Assert.Contains("<h2>Goals</h2>", preview.Html);
        Assert.Contains("<strong>must</strong>", preview.Html);
        Assert.Contains("<ol><li><p>First step</p>", preview.Html);
        Assert.DoesNotContain("javascript:", preview.Html);
        var html = new HtmlParser().ParseDocument("<div id=\"p\">" + preview.Html + "</div>");
        Assert.Equal(preview.Text, html.GetElementById("p")!.TextContent);
        Assert.DoesNotContain("remark", preview.Text);

        var start = preview.Text!.IndexOf("First step", StringComparison.Ordinal);
        var comment = await (await cast.Reviewer.Client.PostAsJsonAsync($"{DocumentsApi.Document(id)}/comments",
            new WriteCommentRequest(1, "Split these.", null, new TextAnchorDto("First step\nSecond", "", "", start, start + 17), null), DocumentsClient.Json))
            .ReadAsync<CommentDto>();
        Assert.Equal((start, start + 17), (comment.Anchor!.Start, comment.Anchor.End));
    }

    [Fact]
    public async Task An_accepted_suggestion_on_a_word_document_is_a_tracked_change_by_the_suggester_in_the_new_version()
    {
        var cast = portal.NewWorkspace();
        var id = await cast.Editor.Client.UploadOneAsync(cast.Id, "statement.docx", SampleFiles.Docx("We met in Peja.", "We agreed on a report."));
        await ExtractTextsAsync();
        async Task<HttpResponseMessage> SuggestAsync(string quote, string replacement) =>
            await cast.Reviewer.Client.PostAsJsonAsync($"{DocumentsApi.Document(id)}/suggestions",
                new SuggestEditRequest(1, new TextAnchorDto(quote, "", "", 0, 0), replacement, null), DocumentsClient.Json);

        var suggestion = await (await SuggestAsync("a report", "a joint report")).ReadAsync<SuggestionDto>();
        var overParagraphs = await (await SuggestAsync("Peja.\nWe", "Peja, and we")).ReadAsync<SuggestionDto>();
        var result = await (await cast.Editor.Client.PostAsJsonAsync($"{DocumentsApi.Document(id)}/suggestions/decisions",
            new DecideSuggestionsRequest([suggestion.Id], null), DocumentsClient.Json)).ReadAsync<SuggestionDecisionResultDto>();

        Assert.Equal(2, result.NewVersionNumber);
        Assert.Equal([suggestion.Id], result.Applied);
        var bytes = await cast.Viewer.Client.GetByteArrayAsync(DocumentsApi.Content(id, 2));
        using (var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(bytes), false))
        {
            var body = document.MainDocumentPart!.Document!.Body!;
            var inserted = Assert.Single(body.Descendants<DocumentFormat.OpenXml.Wordprocessing.InsertedRun>());
            var deleted = Assert.Single(body.Descendants<DocumentFormat.OpenXml.Wordprocessing.DeletedRun>());
            Assert.Equal(cast.Reviewer.Name, inserted.Author!.Value);
            Assert.Equal(cast.Reviewer.Name, deleted.Author!.Value);
            Assert.Equal("a joint report", string.Concat(inserted.Descendants<DocumentFormat.OpenXml.Wordprocessing.Text>().Select(t => t.Text)));
            Assert.Equal("a report", string.Concat(deleted.Descendants<DocumentFormat.OpenXml.Wordprocessing.DeletedText>().Select(t => t.Text)));
        }
        var preview = await cast.Viewer.Client.GetFromJsonAsync<VersionPreviewDto>($"{DocumentsApi.Versions(id)}/2/preview", DocumentsClient.Json);
        Assert.Equal("We met in Peja.\nWe agreed on a joint report.", preview!.Text);
        Assert.Equal("document", preview.Kind);

        // The suggestion over the paragraph's end, accepted next, joins the two paragraphs as Word's tracked change does.
        var joined = await (await cast.Editor.Client.PostAsJsonAsync($"{DocumentsApi.Document(id)}/suggestions/decisions",
            new DecideSuggestionsRequest([overParagraphs.Id], null), DocumentsClient.Json)).ReadAsync<SuggestionDecisionResultDto>();
        Assert.Equal(3, joined.NewVersionNumber);
        Assert.Equal([overParagraphs.Id], joined.Applied);
        var third = await cast.Viewer.Client.GetFromJsonAsync<VersionPreviewDto>($"{DocumentsApi.Versions(id)}/3/preview", DocumentsClient.Json);
        Assert.Equal("We met in Peja, and we agreed on a joint report.", third!.Text);

        // Into a table cell a tracked change cannot reach: refused when it is suggested, with the reason.
        var table = await cast.Editor.Client.UploadOneAsync(cast.Id, "budget.docx", SampleFiles.RichDocx());
        await ExtractTextsAsync();
        var intoCell = await cast.Reviewer.Client.PostAsJsonAsync($"{DocumentsApi.Document(table)}/suggestions",
            new SuggestEditRequest(1, new TextAnchorDto("Partner\nBudget", "", "", 0, 0), "Partner and budget", null), DocumentsClient.Json);
        Assert.Equal("Suggestion:OneParagraph", (await intoCell.ProblemAsync(HttpStatusCode.BadRequest)).Code);
    }
}

public sealed class DocumentPreviewTests_Sqlite(DocumentsSqlitePortal portal) : DocumentPreviewTests<DocumentsSqlitePortal, SqlitePortal>(portal);

public sealed class DocumentPreviewTests_PostgreSql(DocumentsPostgreSqlPortal portal) : DocumentPreviewTests<DocumentsPostgreSqlPortal, PostgreSqlPortal>(portal);
