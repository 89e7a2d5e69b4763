using System.Net;
using Consortium.Portal.Documents.Tests;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.IntegrationTests.Documents;

/// <summary>The pages as the server first renders them: what a member sees before the circuit connects.</summary>
public abstract class DocumentPagesTests<TPortal, TDatabase>(TPortal portal) : IClassFixture<TPortal>
    where TPortal : DocumentsPortal<TDatabase>
    where TDatabase : PortalAppFactory, new()
{
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

/// <summary>The real Workspaces module with its demo workspaces and users: the Documents tab on the workspace page.</summary>
public sealed class DocumentsInDemoWorkspacesPortal : Platform.PlatformPortal<SqlitePortal>;

public sealed class DocumentsTabTests(DocumentsInDemoWorkspacesPortal portal) : IClassFixture<DocumentsInDemoWorkspacesPortal>
{
    [Fact]
    public async Task The_workspace_page_opens_on_its_documents_with_what_an_editor_uploaded()
    {
        var (workspaceId, editorId) = await FindEditorAsync();
        var editor = portal.SignedIn(Consortium.Portal.Platform.Security.PortalRoles.Member, editorId);
        var name = $"Joint statement {Guid.NewGuid():N}.md";
        await editor.UploadAsync(workspaceId, (name, SampleFiles.Text("# Joint statement")));

        var response = await editor.GetAsync($"/workspaces/{workspaceId}");

        await DocumentsClient.ExpectAsync(response, HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(name, html);
        Assert.Contains("data-test=\"drop-zone\"", html);
    }

    private async Task<(Guid Workspace, Guid Editor)> FindEditorAsync()
    {
        await using var scope = portal.Scope();
        var access = scope.ServiceProvider.GetRequiredService<Consortium.Portal.Workspaces.IWorkspaceAccess>();
        var users = await scope.ServiceProvider.GetRequiredService<Consortium.Portal.Identity.Data.PortalIdentityDbContext>().Users.Select(u => u.Id).ToListAsync();
        foreach (var user in users)
        {
            foreach (var workspace in await access.GetVisibleWorkspaceIdsAsync(user))
            {
                if (await access.CanAsync(workspace, user, Consortium.Portal.Workspaces.WorkspaceAction.Edit))
                {
                    return (workspace, user);
                }
            }
        }
        throw new InvalidOperationException("The demo data has no workspace editor.");
    }
}
