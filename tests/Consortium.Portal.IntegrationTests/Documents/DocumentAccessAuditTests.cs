using System.Net;
using Consortium.Portal.Documents.Api;
using Consortium.Portal.Documents.Tests;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.IntegrationTests.Documents;

/// <summary>
/// A refused attempt on a document leaves a line in the audit log. Who may call what is the authorization matrix's
/// (Matrix/Rows/DocumentsMatrixRows.cs); these tests check what a refusal leaves behind.
/// </summary>
public abstract class DocumentAccessAuditTests<TPortal, TDatabase>(TPortal portal) : IClassFixture<TPortal>
    where TPortal : DocumentsPortal<TDatabase>
    where TDatabase : PortalAppFactory, new()
{
    [Fact]
    public async Task A_viewer_who_tries_to_upload_is_refused_and_the_attempt_is_in_the_audit_log()
    {
        var cast = portal.NewWorkspace();

        var response = await cast.Viewer.Client.PostFilesAsync(cast.Id, null, ("attempt.txt", SampleFiles.Text("no")));

        await response.ProblemAsync(HttpStatusCode.Forbidden);
        await using var scope = portal.Scope();
        var audit = scope.ServiceProvider.GetRequiredService<PlatformDbContext>().AuditLog;
        Assert.True(await audit.AnyAsync(a => a.UserId == cast.Viewer.Id && a.Action == "documents.access.forbidden" && a.EntityId == cast.Id.ToString()));
    }

    [Fact]
    public async Task A_member_of_another_workspace_guessing_a_document_id_gets_404_and_the_attempt_is_in_the_audit_log()
    {
        var cast = portal.NewWorkspace();
        var document = await cast.Editor.Client.UploadOneAsync(cast.Id, "confidential.txt", SampleFiles.Text("confidential"));

        var read = await cast.Outsider.Client.GetAsync(DocumentsApi.Content(document, 1));
        var upload = await cast.Outsider.Client.PostVersionAsync(document, "confidential.txt", SampleFiles.Text("overwritten"));

        await read.ProblemAsync(HttpStatusCode.NotFound);
        await upload.ProblemAsync(HttpStatusCode.NotFound);
        await using var scope = portal.Scope();
        var audit = scope.ServiceProvider.GetRequiredService<PlatformDbContext>().AuditLog;
        Assert.Equal(2, await audit.CountAsync(a => a.UserId == cast.Outsider.Id && a.Action == "documents.access.not-found" && a.EntityId == document.ToString()));
        Assert.Single((await cast.Viewer.Client.GetDocumentAsync(document)).Versions);
    }
}

public sealed class DocumentAccessAuditTests_Sqlite(DocumentsSqlitePortal portal) : DocumentAccessAuditTests<DocumentsSqlitePortal, SqlitePortal>(portal);

public sealed class DocumentAccessAuditTests_PostgreSql(DocumentsPostgreSqlPortal portal) : DocumentAccessAuditTests<DocumentsPostgreSqlPortal, PostgreSqlPortal>(portal);
