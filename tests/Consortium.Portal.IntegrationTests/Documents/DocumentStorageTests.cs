using System.Security.Claims;
using System.Text;
using Consortium.Portal.Documents;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.IntegrationTests.Documents;

/// <summary>
/// <see cref="IDocumentStorage"/>: another module (Training's files, Meetings' minutes) keeps a file as a workspace
/// document through the upload's own path: the same checks, versions and text, and the caller's right to edit.
/// </summary>
public abstract class DocumentStorageTests<TPortal, TDatabase>(TPortal portal) : IClassFixture<TPortal>
    where TPortal : DocumentsPortal<TDatabase>
    where TDatabase : PortalAppFactory, new()
{
    private async Task<T> AsAsync<T>(Guid userId, Func<IDocumentStorage, IDocumentFiles, Task<T>> act)
    {
        await using var scope = portal.Scope();
        scope.ServiceProvider.GetRequiredService<CurrentPrincipal>().Principal =
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId.ToString())], "test"));
        return await act(scope.ServiceProvider.GetRequiredService<IDocumentStorage>(), scope.ServiceProvider.GetRequiredService<IDocumentFiles>());
    }

    private static MemoryStream Text(string text) => new(Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task A_stored_file_is_a_document_of_the_workspace_and_the_next_one_its_version_with_its_text()
    {
        var cast = portal.NewWorkspace();

        var first = await AsAsync(cast.Editor.Id, (s, _) => s.StoreAsync(cast.Id, "handout.md", Text("first text")));
        var second = await AsAsync(cast.Editor.Id, (s, _) => s.StoreVersionAsync(first.DocumentId, "handout.md", Text("second text"), "Typos"));

        Assert.True(first.IsNewDocument);
        Assert.Equal((cast.Id, 1, 2), (first.WorkspaceId, first.VersionNumber, second.VersionNumber));
        Assert.Equal("second text", await AsAsync(cast.Editor.Id, (_, f) => f.ReadTextAsync(first.DocumentId, 2)));
        var listed = await AsAsync(cast.Editor.Id, (_, f) => f.ListAsync(cast.Id));
        Assert.Equal("handout.md", Assert.Single(listed, d => d.Id == first.DocumentId).Name);
    }

    [Fact]
    public async Task A_refused_file_or_a_caller_who_may_not_edit_stores_nothing()
    {
        var cast = portal.NewWorkspace();
        var blobsBefore = (await portal.BlobNamesAsync()).Count;

        var refused = await Assert.ThrowsAsync<UploadRefusedException>(() => AsAsync(cast.Editor.Id, (s, _) => s.StoreAsync(cast.Id, "tool.exe", Text("MZ"))));
        Assert.Equal(UploadRefusals.TypeNotAllowed, refused.MessageKey);
        await Assert.ThrowsAsync<UploadRefusedException>(() => AsAsync(cast.Editor.Id, (s, _) => s.StoreAsync(cast.Id, "fake.pdf", Text("not a pdf"))));
        await Assert.ThrowsAnyAsync<Exception>(() => AsAsync(cast.Viewer.Id, (s, _) => s.StoreAsync(cast.Id, "notes.md", Text("viewer"))));
        await Assert.ThrowsAsync<EntityNotFoundException>(() => AsAsync(cast.Outsider.Id, (s, _) => s.StoreAsync(cast.Id, "notes.md", Text("outsider"))));

        Assert.Empty(await AsAsync(cast.Editor.Id, (_, f) => f.ListAsync(cast.Id)));
        Assert.Equal(blobsBefore, (await portal.BlobNamesAsync()).Count);
    }
}

public sealed class DocumentStorageTests_Sqlite(DocumentsSqlitePortal portal) : DocumentStorageTests<DocumentsSqlitePortal, SqlitePortal>(portal);

public sealed class DocumentStorageTests_PostgreSql(DocumentsPostgreSqlPortal portal) : DocumentStorageTests<DocumentsPostgreSqlPortal, PostgreSqlPortal>(portal);
