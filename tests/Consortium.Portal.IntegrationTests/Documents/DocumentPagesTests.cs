using System.Net;
using Consortium.Portal.Documents.Tests;
using Consortium.Portal.IntegrationTests.Infrastructure;

namespace Consortium.Portal.IntegrationTests.Documents;

/// <summary>The pages as the server first renders them: what a member sees before the circuit connects.</summary>
public abstract class DocumentPagesTests<TPortal, TDatabase>(TPortal portal) : IClassFixture<TPortal>
    where TPortal : DocumentsPortal<TDatabase>
    where TDatabase : PortalAppFactory, new()
{
    [Fact]
    public async Task The_workspace_documents_page_lists_the_documents_of_the_top_level()
    {
        var cast = portal.NewWorkspace();
        await cast.Editor.Client.UploadAsync(cast.Id, ("Perspectives of Kosovo Serbs.md", SampleFiles.Text("# Report")));

        var response = await cast.Viewer.Client.GetAsync($"/workspaces/{cast.Id}/documents");

        await DocumentsClient.ExpectAsync(response, HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Perspectives of Kosovo Serbs.md", html);
        Assert.DoesNotContain("data-test=\"drop-zone\"", html);
    }

    [Fact]
    public async Task The_document_page_shows_the_rendered_markdown_and_the_versions()
    {
        var cast = portal.NewWorkspace();
        var id = await cast.Editor.Client.UploadOneAsync(cast.Id, "op-ed.md", SampleFiles.Text("# Dialogue works\n\nSlowly, but it works."));

        var response = await cast.Reviewer.Client.GetAsync($"/documents/{id}");

        await DocumentsClient.ExpectAsync(response, HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h1>Dialogue works</h1>", html);
        Assert.Contains("data-test=\"add-comment\"", html);
    }

    [Fact]
    public async Task A_member_of_another_workspace_sees_no_document()
    {
        var cast = portal.NewWorkspace();
        var id = await cast.Editor.Client.UploadOneAsync(cast.Id, "secret.md", SampleFiles.Text("# Not for outsiders"));

        var html = await (await cast.Outsider.Client.GetAsync($"/documents/{id}")).Content.ReadAsStringAsync();

        Assert.DoesNotContain("Not for outsiders", html);
        Assert.DoesNotContain("secret.md", html);
    }
}

public sealed class DocumentPagesTests_Sqlite(DocumentsSqlitePortal portal) : DocumentPagesTests<DocumentsSqlitePortal, SqlitePortal>(portal);
