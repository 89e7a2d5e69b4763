using System.Net;
using Consortium.Portal.Documents;
using Consortium.Portal.Documents.Tests;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.IntegrationTests.Documents;

/// <summary><see cref="IDocumentFiles"/>: what other modules (Publications) read of a document through the Contracts.</summary>
public abstract class DocumentFilesTests<TPortal, TDatabase>(TPortal portal) : IClassFixture<TPortal>
    where TPortal : DocumentsPortal<TDatabase>
    where TDatabase : PortalAppFactory, new()
{
    private async Task<T> WithFilesAsync<T>(Func<IDocumentFiles, Task<T>> read)
    {
        await using var scope = portal.Scope();
        return await read(scope.ServiceProvider.GetRequiredService<IDocumentFiles>());
    }

    [Fact]
    public async Task The_text_of_a_docx_is_extracted_when_asked_even_before_the_background_job_ran()
    {
        var cast = portal.NewWorkspace();
        var id = await cast.Editor.Client.UploadOneAsync(cast.Id, "op-ed.docx", SampleFiles.Docx("Normalisation, town by town", "BPRG and BCSP"));

        var text = await WithFilesAsync(f => f.ReadTextAsync(id, 1));
        var document = await WithFilesAsync(f => f.FindAsync(id));

        Assert.Contains("BPRG and BCSP", text);
        Assert.Equal(VersionTextState.Extracted, Assert.Single(document!.Versions).TextState);
        Assert.Equal(cast.Id, document.WorkspaceId);
    }

    [Fact]
    public async Task A_version_is_listed_read_and_opened_and_one_that_does_not_exist_is_null()
    {
        var cast = portal.NewWorkspace();
        var id = await cast.Editor.Client.UploadOneAsync(cast.Id, "brief.md", SampleFiles.Text("first"));
        await DocumentsClient.ExpectAsync(await cast.Editor.Client.PostVersionAsync(id, "brief.md", SampleFiles.Text("second")), HttpStatusCode.OK);

        var listed = await WithFilesAsync(f => f.ListAsync(cast.Id));
        Assert.Equal(2, Assert.Single(listed, d => d.Id == id).LatestVersionNumber);
        Assert.Equal("first", await WithFilesAsync(f => f.ReadTextAsync(id, 1)));
        await using (var content = await WithFilesAsync(f => f.OpenAsync(id, 2)))
        {
            using var reader = new StreamReader(content!.Content);
            Assert.Equal("second", await reader.ReadToEndAsync());
            Assert.Equal(2, content.Version.Number);
        }
        Assert.Null(await WithFilesAsync(f => f.OpenAsync(id, 3)));
        Assert.Null(await WithFilesAsync(f => f.FindAsync(Guid.NewGuid())));
    }
}

public sealed class DocumentFilesTests_Sqlite(DocumentsSqlitePortal portal) : DocumentFilesTests<DocumentsSqlitePortal, SqlitePortal>(portal);

public sealed class DocumentFilesTests_PostgreSql(DocumentsPostgreSqlPortal portal) : DocumentFilesTests<DocumentsPostgreSqlPortal, PostgreSqlPortal>(portal);
