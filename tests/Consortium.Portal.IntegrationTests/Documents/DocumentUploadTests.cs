using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Consortium.Portal.Documents;
using Consortium.Portal.Documents.Api;
using Consortium.Portal.Documents.Application;
using Consortium.Portal.Documents.Data;
using Consortium.Portal.Documents.Tests;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.IntegrationTests.Documents;

public abstract class DocumentUploadTests<TPortal, TDatabase>(TPortal portal) : IClassFixture<TPortal>
    where TPortal : DocumentsPortal<TDatabase>
    where TDatabase : PortalAppFactory, new()
{
    private async Task<int> DocumentRowsAsync(Guid workspaceId)
    {
        await using var scope = portal.Scope();
        var db = scope.ServiceProvider.GetRequiredService<DocumentsDbContext>();
        return await db.Documents.IgnoreQueryFilters().CountAsync(d => d.WorkspaceId == workspaceId)
               + await db.Versions.CountAsync(v => v.WorkspaceId == workspaceId);
    }

    [Fact]
    public async Task Several_files_in_one_upload_become_documents_whose_download_is_the_same_bytes()
    {
        var cast = portal.NewWorkspace();
        var docx = SampleFiles.Docx("Perspectives of Kosovo Albanians");
        var markdown = SampleFiles.Text("# Op-ed\n\nDialogue *works*.");

        var uploaded = await cast.Editor.Client.UploadAsync(cast.Id, ("report.docx", docx), ("op-ed.md", markdown));

        Assert.Equal(["report.docx", "op-ed.md"], uploaded.Select(u => u.Name));
        Assert.All(uploaded, u => Assert.True(u.IsNewDocument && u.VersionNumber == 1));
        var details = await cast.Viewer.Client.GetDocumentAsync(uploaded[0].DocumentId);
        var version = Assert.Single(details.Versions);
        Assert.Equal(docx.Length, version.Size);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(docx)), version.Sha256);
        Assert.Equal(cast.Editor.Id, version.AuthorId);
        Assert.Equal("Edon Editor", version.AuthorName);
        Assert.Equal(docx, await cast.Viewer.Client.GetByteArrayAsync(DocumentsApi.Content(uploaded[0].DocumentId, 1)));
        Assert.Equal(markdown, await cast.Viewer.Client.GetByteArrayAsync(DocumentsApi.Content(uploaded[1].DocumentId, 1)));
    }

    [Fact]
    public async Task Uploading_a_name_already_in_the_folder_adds_a_version_and_older_versions_stay_downloadable()
    {
        var cast = portal.NewWorkspace();
        var first = SampleFiles.Text("first draft");
        var second = SampleFiles.Text("second draft");
        var id = await cast.Editor.Client.UploadOneAsync(cast.Id, "draft.txt", first);

        var again = await cast.SecondEditor.Client.UploadAsync(cast.Id, ("DRAFT.txt", second));

        Assert.Equal(id, again[0].DocumentId);
        Assert.False(again[0].IsNewDocument);
        Assert.Equal(2, again[0].VersionNumber);
        Assert.Equal(first, await cast.Viewer.Client.GetByteArrayAsync(DocumentsApi.Content(id, 1)));
        Assert.Equal(second, await cast.Viewer.Client.GetByteArrayAsync(DocumentsApi.Content(id, 2)));
        Assert.Equal(second, await cast.Viewer.Client.GetByteArrayAsync($"{DocumentsApi.Document(id)}/content"));
    }

    [Fact]
    public async Task A_new_version_carries_its_note_and_restoring_an_old_one_makes_it_the_newest()
    {
        var cast = portal.NewWorkspace();
        var original = SampleFiles.Text("original wording");
        var id = await cast.Editor.Client.UploadOneAsync(cast.Id, "statement.md", original);
        await DocumentsClient.ExpectAsync(await cast.Editor.Client.PostVersionAsync(id, "statement.md", SampleFiles.Text("changed wording"), "Tightened the second paragraph"), HttpStatusCode.OK);

        var restored = await (await cast.Owner.Client.PostAsJsonAsync($"{DocumentsApi.Document(id)}/versions/1/restore", new RestoreVersionRequest("Back to the agreed text")))
            .ReadAsync<UploadedDocumentDto>();

        Assert.Equal(3, restored.VersionNumber);
        var details = await cast.Viewer.Client.GetDocumentAsync(id);
        Assert.Equal([3, 2, 1], details.Versions.Select(v => v.Number));
        Assert.Equal("Tightened the second paragraph", details.Versions[1].Note);
        Assert.Equal(1, details.Versions[0].RestoredFromNumber);
        Assert.Equal(details.Versions[2].Sha256, details.Versions[0].Sha256);
        Assert.Equal(original, await cast.Viewer.Client.GetByteArrayAsync(DocumentsApi.Content(id, 3)));
    }

    [Fact]
    public async Task Identical_content_is_stored_once_in_a_workspace()
    {
        var cast = portal.NewWorkspace();
        var content = SampleFiles.Pdf("The same agreed text " + Guid.NewGuid());
        await cast.Editor.Client.UploadOneAsync(cast.Id, "agreed.pdf", content);
        var blobsBefore = (await portal.BlobNamesAsync()).Count;

        var copy = await cast.SecondEditor.Client.UploadAsync(cast.Id, ("copy of agreed.pdf", content));

        Assert.True(copy[0].ReusedExistingContent);
        Assert.Equal(blobsBefore, (await portal.BlobNamesAsync()).Count);
        Assert.Equal(content, await cast.Viewer.Client.GetByteArrayAsync(DocumentsApi.Content(copy[0].DocumentId, 1)));
    }

    [Fact]
    public async Task A_file_sent_as_the_raw_body_is_named_by_its_content_disposition_and_a_version_takes_its_note_from_the_query()
    {
        var cast = portal.NewWorkspace();
        var first = SampleFiles.Text("Izveštaj: first draft");
        var second = SampleFiles.Text("Izveštaj: second draft");

        var uploaded = await (await cast.Editor.Client.PostAsync(DocumentsApi.WorkspaceDocuments(cast.Id), DocumentsClient.Body("Izveštaj Prishtinë.md", first)))
            .ReadAsync<List<UploadedDocumentDto>>();
        var id = Assert.Single(uploaded).DocumentId;
        var version = await (await cast.Editor.Client.PostAsync(DocumentsApi.Versions(id) + "?note=" + Uri.EscapeDataString("Shorter intro"), DocumentsClient.Body("Izveštaj Prishtinë.md", second)))
            .ReadAsync<UploadedDocumentDto>();

        Assert.Equal("Izveštaj Prishtinë.md", uploaded[0].Name);
        Assert.True(uploaded[0].IsNewDocument);
        Assert.Equal(2, version.VersionNumber);
        var details = await cast.Viewer.Client.GetDocumentAsync(id);
        Assert.Equal("Shorter intro", details.Versions.Single(v => v.Number == 2).Note);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(second)), details.Versions.Single(v => v.Number == 2).Sha256);
        Assert.Equal(first, await cast.Viewer.Client.GetByteArrayAsync(DocumentsApi.Content(id, 1)));
        Assert.Equal(second, await cast.Viewer.Client.GetByteArrayAsync(DocumentsApi.Content(id, 2)));
    }

    [Fact]
    public async Task A_raw_body_without_a_file_name_is_refused_for_a_new_document_and_for_a_version()
    {
        var cast = portal.NewWorkspace();
        var id = await cast.Editor.Client.UploadOneAsync(cast.Id, "notes.txt", SampleFiles.Text("v1"));
        var blobsBefore = await portal.BlobNamesAsync();

        var toWorkspace = await (await cast.Editor.Client.PostAsync(DocumentsApi.WorkspaceDocuments(cast.Id), DocumentsClient.Body(null, SampleFiles.Text("unnamed"))))
            .ProblemAsync(HttpStatusCode.BadRequest);
        // A cross-site HTML form can post a text/plain body but cannot add the header.
        var formLike = new StringContent("a=b", System.Text.Encoding.UTF8, "text/plain");
        var toVersion = await (await cast.Editor.Client.PostAsync(DocumentsApi.Versions(id), formLike)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(UploadRefusals.NameMissing, toWorkspace.Code);
        Assert.Equal(UploadRefusals.NameMissing, toVersion.Code);
        Assert.Contains("Content-Disposition", toWorkspace.Detail);
        Assert.Single((await cast.Viewer.Client.GetDocumentAsync(id)).Versions);
        Assert.Equal(blobsBefore, await portal.BlobNamesAsync());
    }

    [Fact]
    public async Task A_bad_file_sent_as_the_raw_body_is_refused_like_one_in_a_form()
    {
        var cast = portal.NewWorkspace();
        var blobsBefore = await portal.BlobNamesAsync();

        var problem = await (await cast.Editor.Client.PostAsync(DocumentsApi.WorkspaceDocuments(cast.Id), DocumentsClient.Body("photo.pdf", SampleFiles.Png)))
            .ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(UploadRefusals.ContentMismatch, problem.Code);
        Assert.Equal(0, await DocumentRowsAsync(cast.Id));
        Assert.Equal(blobsBefore, await portal.BlobNamesAsync());
    }

    [Fact]
    public async Task Path_and_control_characters_are_taken_out_of_a_file_name()
    {
        var cast = portal.NewWorkspace();

        var uploaded = await cast.Editor.Client.UploadAsync(cast.Id, ("..\\..\\secret\\Izveštaj\u0007 Prishtinë\u202E.txt", SampleFiles.Text("text")));

        Assert.Equal("Izveštaj Prishtinë.txt", uploaded[0].Name);
        var download = await cast.Viewer.Client.GetAsync(DocumentsApi.Content(uploaded[0].DocumentId, 1));
        Assert.Contains("filename*=UTF-8''Izve%C5%A1taj%20Prishtin%C3%AB.txt", download.Content.Headers.GetValues("Content-Disposition").Single());
    }

    public static TheoryData<string, byte[], string> BadFiles() => new()
    {
        { "empty.docx", [], UploadRefusals.Empty },
        { "huge.txt", new byte[DocumentsPortal<SqlitePortal>.UploadLimit + 1].Select(_ => (byte)'a').ToArray(), UploadRefusals.TooLarge },
        { "tool.exe", [0x4D, 0x5A, 0x90, 0x00], UploadRefusals.TypeNotAllowed },
        { "page.html", SampleFiles.Text("<script>alert(1)</script>"), UploadRefusals.TypeNotAllowed },
        { "photo.pdf", SampleFiles.Png, UploadRefusals.ContentMismatch },
        { "workbook.docx", SampleFiles.Xlsx(), UploadRefusals.ContentMismatch },
        { "binary.md", SampleFiles.Png, UploadRefusals.NotText },
        { "\u0001\u0002.txt", SampleFiles.Text("a name with nothing left"), UploadRefusals.NameInvalid },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_bad_file_is_refused_with_a_clear_message_and_nothing_is_stored(string name, byte[] content, string reason)
    {
        var cast = portal.NewWorkspace();
        var blobsBefore = await portal.BlobNamesAsync();

        var problem = await (await cast.Editor.Client.PostFilesAsync(cast.Id, null, ("good.txt", SampleFiles.Text("good " + Guid.NewGuid())), (name, content)))
            .ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(reason, problem.Code);
        Assert.False(string.IsNullOrWhiteSpace(problem.Detail));
        Assert.NotEqual(reason, problem.Detail);
        Assert.Equal(0, await DocumentRowsAsync(cast.Id));
        Assert.Equal(blobsBefore, await portal.BlobNamesAsync());
    }

    [Fact]
    public async Task The_refusal_is_told_in_the_callers_language()
    {
        var cast = portal.NewWorkspace();
        var request = new HttpRequestMessage(HttpMethod.Post, DocumentsApi.WorkspaceDocuments(cast.Id))
        {
            Content = DocumentsClient.Files(null, ("empty.txt", [])),
        };
        request.Headers.AcceptLanguage.ParseAdd("sq");

        var problem = await (await cast.Editor.Client.SendAsync(request)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal("Skedari është bosh. Zgjidhni një skedar me përmbajtje.", problem.Detail);
    }

    [Fact]
    public async Task A_new_version_of_another_type_is_refused()
    {
        var cast = portal.NewWorkspace();
        var id = await cast.Editor.Client.UploadOneAsync(cast.Id, "report.docx", SampleFiles.Docx("text"));

        var problem = await (await cast.Editor.Client.PostVersionAsync(id, "report.pdf", SampleFiles.Pdf("text"))).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(UploadRefusals.TypeDiffers, problem.Code);
        Assert.Single((await cast.Viewer.Client.GetDocumentAsync(id)).Versions);
    }

    [Fact]
    public async Task Concurrent_uploads_of_new_versions_are_all_kept_in_order()
    {
        var cast = portal.NewWorkspace();
        var id = await cast.Editor.Client.UploadOneAsync(cast.Id, "contested.txt", SampleFiles.Text("v1"));
        var contents = Enumerable.Range(0, 8).Select(i => SampleFiles.Text($"parallel version {i} {Guid.NewGuid()}")).ToList();

        var responses = await Task.WhenAll(contents.Select((content, i) =>
            (i % 2 == 0 ? cast.Editor : cast.SecondEditor).Client.PostVersionAsync(id, "contested.txt", content)));

        foreach (var response in responses)
        {
            await DocumentsClient.ExpectAsync(response, HttpStatusCode.OK);
        }
        var details = await cast.Viewer.Client.GetDocumentAsync(id);
        Assert.Equal(Enumerable.Range(1, 9).Reverse(), details.Versions.Select(v => v.Number));
        var stored = details.Versions.Select(v => v.Sha256).ToHashSet();
        Assert.All(contents, c => Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(c)), stored));
    }

    [Fact]
    public async Task A_download_has_an_etag_answers_ranges_and_revalidates()
    {
        var cast = portal.NewWorkspace();
        var content = SampleFiles.Text("0123456789abcdef");
        var id = await cast.Editor.Client.UploadOneAsync(cast.Id, "ranges.txt", content);

        var range = new HttpRequestMessage(HttpMethod.Get, DocumentsApi.Content(id, 1));
        range.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(4, 7);
        var partial = await cast.Viewer.Client.SendAsync(range);
        await DocumentsClient.ExpectAsync(partial, HttpStatusCode.PartialContent);
        Assert.Equal("4567"u8.ToArray(), await partial.Content.ReadAsByteArrayAsync());

        var full = await cast.Viewer.Client.GetAsync(DocumentsApi.Content(id, 1));
        var etag = full.Headers.ETag!;
        Assert.Equal($"\"{Convert.ToHexStringLower(SHA256.HashData(content))}\"", etag.Tag);
        Assert.StartsWith("attachment", full.Content.Headers.ContentDisposition!.DispositionType);

        var conditional = new HttpRequestMessage(HttpMethod.Get, DocumentsApi.Content(id, 1));
        conditional.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await cast.Viewer.Client.SendAsync(conditional)).StatusCode);
    }

    [Fact]
    public async Task Images_and_pdf_can_be_shown_inline_other_types_are_always_attachments()
    {
        var cast = portal.NewWorkspace();
        var uploaded = await cast.Editor.Client.UploadAsync(cast.Id, ("scan.pdf", SampleFiles.Pdf("inline")), ("notes.md", SampleFiles.Text("# md")), ("logo.png", SampleFiles.Png));

        var pdf = await cast.Viewer.Client.GetAsync(DocumentsApi.Content(uploaded[0].DocumentId, 1, inline: true));
        var markdown = await cast.Viewer.Client.GetAsync(DocumentsApi.Content(uploaded[1].DocumentId, 1, inline: true));
        var image = await cast.Viewer.Client.GetAsync(DocumentsApi.Content(uploaded[2].DocumentId, 1, inline: true));

        Assert.Equal("inline", pdf.Content.Headers.ContentDisposition!.DispositionType);
        // The preview frames the PDF (the browser's viewer refuses a sandbox); only the portal's own pages may frame it.
        var pdfPolicy = pdf.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'self'", pdfPolicy);
        Assert.Contains("default-src 'none'", pdfPolicy);
        Assert.Equal("SAMEORIGIN", pdf.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", pdf.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        // An image shown inline stays sandboxed and unframeable.
        Assert.StartsWith("sandbox;", image.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("DENY", image.Headers.GetValues("X-Frame-Options").Single());
        // The same PDF as a download is the portal's ordinary, unframeable response.
        var download = await cast.Viewer.Client.GetAsync(DocumentsApi.Content(uploaded[0].DocumentId, 1));
        Assert.Equal("DENY", download.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("attachment", markdown.Content.Headers.ContentDisposition!.DispositionType);
    }
}

public sealed class DocumentUploadTests_Sqlite(DocumentsSqlitePortal portal) : DocumentUploadTests<DocumentsSqlitePortal, SqlitePortal>(portal);

public sealed class DocumentUploadTests_PostgreSql(DocumentsPostgreSqlPortal portal) : DocumentUploadTests<DocumentsPostgreSqlPortal, PostgreSqlPortal>(portal);

public sealed class DocumentUploadTests_Azurite(DocumentsAzuritePortal portal) : DocumentUploadTests<DocumentsAzuritePortal, SqlitePortal>(portal);

public abstract class BlobStorageOutageTests<TPortal, TDatabase>(TPortal portal) : IClassFixture<TPortal>
    where TPortal : BrokenStoragePortal<TDatabase>
    where TDatabase : PortalAppFactory, new()
{
    [Fact]
    public async Task An_upload_while_blob_storage_is_down_fails_with_503_and_records_nothing()
    {
        var cast = portal.NewWorkspace();

        var problem = await (await cast.Editor.Client.PostFilesAsync(cast.Id, null, ("report.txt", SampleFiles.Text("text")))).ProblemAsync(HttpStatusCode.ServiceUnavailable);

        Assert.False(string.IsNullOrWhiteSpace(problem.Detail));
        await using var scope = portal.Scope();
        var db = scope.ServiceProvider.GetRequiredService<DocumentsDbContext>();
        Assert.False(await db.Documents.IgnoreQueryFilters().AnyAsync(d => d.WorkspaceId == cast.Id));
        Assert.False(await db.Versions.AnyAsync(v => v.WorkspaceId == cast.Id));
    }
}

public sealed class BlobStorageOutageTests_Sqlite(BrokenStorageSqlitePortal portal) : BlobStorageOutageTests<BrokenStorageSqlitePortal, SqlitePortal>(portal);

public sealed class BlobStorageOutageTests_PostgreSql(BrokenStoragePostgreSqlPortal portal) : BlobStorageOutageTests<BrokenStoragePostgreSqlPortal, PostgreSqlPortal>(portal);
