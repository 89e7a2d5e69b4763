using System.Security.Claims;
using System.Text;
using Consortium.Portal.Documents;
using Consortium.Portal.Documents.Data;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Platform;
using Microsoft.EntityFrameworkCore;
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

    [Fact]
    public async Task A_background_job_stores_for_a_user_in_one_folder_and_the_audit_names_them_and_the_system()
    {
        var cast = portal.NewWorkspace();

        // A background handler's scope: nobody signed in.
        await using (var scope = portal.Scope())
        {
            var storage = scope.ServiceProvider.GetRequiredService<IDocumentStorage>();
            var first = await storage.StoreForUserAsync(cast.Editor.Id, cast.Id, "Minutes", "2027-03-23 Forum.md", Text("approved"));
            var second = await storage.StoreForUserAsync(cast.Editor.Id, cast.Id, "minutes", "2027-04-20 Forum.md", Text("approved too"));
            Assert.Null(scope.ServiceProvider.GetRequiredService<CurrentPrincipal>().Principal);
            Assert.True(first.IsNewDocument && second.IsNewDocument);

            var documents = scope.ServiceProvider.GetRequiredService<DocumentsDbContext>();
            var folder = Assert.Single(await documents.Folders.AsNoTracking().Where(f => f.WorkspaceId == cast.Id).ToListAsync());
            Assert.Equal("Minutes", folder.Name);
            var stored = await documents.Documents.AsNoTracking().Where(d => d.WorkspaceId == cast.Id).ToListAsync();
            Assert.All(stored, d => Assert.Equal(folder.Id, d.FolderId));
            Assert.All(await documents.Versions.AsNoTracking().Where(v => v.WorkspaceId == cast.Id).ToListAsync(), v => Assert.Equal(cast.Editor.Id, v.AuthorId));

            var audit = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().AuditLog.AsNoTracking()
                .Where(a => a.EntityId == first.DocumentId.ToString()).ToListAsync();
            var line = Assert.Single(audit, a => a.Action == "documents.stored-for-user");
            Assert.Equal((cast.Editor.Id, "system", "2027-03-23 Forum.md"), (line.UserId, line.UserName, line.EntityName));
            Assert.All(audit, a => Assert.Equal((cast.Editor.Id, "system"), (a.UserId, a.UserName)));
        }

        // For someone who may not edit the workspace nothing is stored, and the scope keeps its own principal.
        await using (var scope = portal.Scope())
        {
            var storage = scope.ServiceProvider.GetRequiredService<IDocumentStorage>();
            await Assert.ThrowsAsync<ForbiddenException>(() => storage.StoreForUserAsync(cast.Viewer.Id, cast.Id, "Minutes", "viewer.md", Text("no")));
            await Assert.ThrowsAsync<EntityNotFoundException>(() => storage.StoreForUserAsync(cast.Outsider.Id, cast.Id, null, "outsider.md", Text("no")));
            Assert.Null(scope.ServiceProvider.GetRequiredService<CurrentPrincipal>().Principal);
        }
        Assert.Equal(2, (await AsAsync(cast.Editor.Id, (_, f) => f.ListAsync(cast.Id))).Count);
    }
}

public sealed class DocumentStorageTests_Sqlite(DocumentsSqlitePortal portal) : DocumentStorageTests<DocumentsSqlitePortal, SqlitePortal>(portal);

public sealed class DocumentStorageTests_PostgreSql(DocumentsPostgreSqlPortal portal) : DocumentStorageTests<DocumentsPostgreSqlPortal, PostgreSqlPortal>(portal);
