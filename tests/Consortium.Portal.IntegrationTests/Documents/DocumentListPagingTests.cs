using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Consortium.Portal.Documents;
using Consortium.Portal.Documents.Api;
using Consortium.Portal.Documents.Application;
using Consortium.Portal.Documents.Data;
using Consortium.Portal.Documents.Tests;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Platform.Paging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Consortium.Portal.IntegrationTests.Documents;

/// <summary>Document lists paged by key (<c>after</c>): the same pages as by number, counted once.</summary>
public abstract class DocumentListPagingTests<TPortal, TDatabase>(TPortal portal) : IClassFixture<TPortal>
    where TPortal : DocumentsPortal<TDatabase>
    where TDatabase : PortalAppFactory, new()
{
    private static Task<PagedResult<DocumentSummaryDto>?> ListAsync(HttpClient client, Guid workspaceId, string query)
        => client.GetFromJsonAsync<PagedResult<DocumentSummaryDto>>(DocumentsApi.WorkspaceDocuments(workspaceId) + query, DocumentsClient.Json);

    [Fact]
    public async Task Following_next_reads_the_same_pages_as_page_numbers_and_ends_with_none()
    {
        var cast = portal.NewWorkspace();
        await cast.Editor.Client.UploadAsync(cast.Id, ("e.txt", SampleFiles.Text("e")), ("c.txt", SampleFiles.Text("c")),
            ("a.txt", SampleFiles.Text("a")), ("d.txt", SampleFiles.Text("d")), ("b.txt", SampleFiles.Text("b")));

        var first = await ListAsync(cast.Viewer.Client, cast.Id, "?pageSize=2");
        var second = await ListAsync(cast.Viewer.Client, cast.Id, $"?pageSize=2&after={Uri.EscapeDataString(first!.Next!)}");
        var third = await ListAsync(cast.Viewer.Client, cast.Id, $"?pageSize=2&after={Uri.EscapeDataString(second!.Next!)}");
        var secondByNumber = await ListAsync(cast.Viewer.Client, cast.Id, "?pageSize=2&page=2");

        Assert.Equal(["a.txt", "b.txt"], first.Items.Select(d => d.Name));
        Assert.Equal(["c.txt", "d.txt"], second.Items.Select(d => d.Name));
        Assert.Equal(secondByNumber!.Items.Select(d => d.Id), second.Items.Select(d => d.Id));
        Assert.Equal(["e.txt"], third!.Items.Select(d => d.Name));
        Assert.Equal([(5, 1), (5, 2), (5, 3)], new[] { first, second, third }.Select(p => (p.TotalCount, p.Page)));
        Assert.Null(third.Next);
    }

    [Fact]
    public async Task A_page_read_by_key_does_not_count_the_list_again()
    {
        var cast = portal.NewWorkspace();
        await cast.Editor.Client.UploadAsync(cast.Id, ("a.txt", SampleFiles.Text("a")), ("b.txt", SampleFiles.Text("b")), ("c.txt", SampleFiles.Text("c")));
        var first = await ListAsync(cast.Viewer.Client, cast.Id, "?pageSize=1");
        await cast.Editor.Client.UploadAsync(cast.Id, ("d.txt", SampleFiles.Text("d")));

        var second = await ListAsync(cast.Viewer.Client, cast.Id, $"?pageSize=1&after={Uri.EscapeDataString(first!.Next!)}");

        // The total as counted for the first page; the new document is still reached by following next.
        Assert.Equal(3, second!.TotalCount);
        Assert.Equal(["b.txt"], second.Items.Select(d => d.Name));
    }

    [Fact]
    public async Task A_cursor_the_portal_did_not_make_or_one_with_a_page_number_is_refused()
    {
        var cast = portal.NewWorkspace();
        await cast.Editor.Client.UploadAsync(cast.Id, ("a.txt", SampleFiles.Text("a")), ("b.txt", SampleFiles.Text("b")));
        var first = await ListAsync(cast.Viewer.Client, cast.Id, "?pageSize=1");
        var notACursor = new PageCursor(["a.txt", "not-a-guid"], 2, 2).Encode();

        foreach (var query in new[] { "?after=abc", "?after=" + notACursor, $"?page=2&after={Uri.EscapeDataString(first!.Next!)}" })
        {
            var response = await cast.Viewer.Client.GetAsync(DocumentsApi.WorkspaceDocuments(cast.Id) + query);
            var fields = await DocumentsClient.FieldErrorsAsync(response);
            Assert.True(fields.Contains("after") || fields.Contains("page"), $"{query}: {string.Join(",", fields)}");
        }
    }
}

public sealed class DocumentListPagingTests_Sqlite(DocumentsSqlitePortal portal) : DocumentListPagingTests<DocumentsSqlitePortal, SqlitePortal>(portal);

public sealed class DocumentListPagingTests_PostgreSql(DocumentsPostgreSqlPortal portal) : DocumentListPagingTests<DocumentsPostgreSqlPortal, PostgreSqlPortal>(portal);

/// <summary>
/// The plans PostgreSQL makes for a document list of 6,000 rows: every list reads its index in order (no Seq Scan, no
/// Sort), on its first page, on a deep page read by key, and for all folders.
/// </summary>
public sealed class DocumentListPlanTests(DocumentsPostgreSqlPortal portal) : IClassFixture<DocumentsPostgreSqlPortal>
{
    private const int PerList = 3_000;

    [Fact]
    public async Task Each_list_reads_its_index_in_order_on_the_first_page_a_deep_page_and_for_all_folders()
    {
        var cast = portal.NewWorkspace();
        var folder = await (await cast.Editor.Client.PostAsJsonAsync($"/api/workspaces/{cast.Id}/folders", new { name = "Minutes" }))
            .ReadAsync<FolderDto>(System.Net.HttpStatusCode.Created);
        var topLevel = await cast.Editor.Client.UploadOneAsync(cast.Id, "top.txt", SampleFiles.Text("top"));
        var inFolder = (await (await cast.Editor.Client.PostFilesAsync(cast.Id, folder.Id, ("inner.txt", SampleFiles.Text("inner"))))
            .ReadAsync<List<UploadedDocumentDto>>())[0].DocumentId;

        await using var scope = portal.Scope();
        var db = scope.ServiceProvider.GetRequiredService<DocumentsDbContext>();
        foreach (var (template, prefix) in new[] { (topLevel, "top"), (inFolder, "inner") })
        {
            // Copies of one real row: only the id, the name and its key differ.
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO "DocumentsDocuments"
                SELECT (jsonb_populate_record(d, jsonb_build_object(
                    'Id', gen_random_uuid(), 'Name', {1} || lpad(g::text, 5, '0') || '.txt', 'NameKey', {1} || '-' || g::text))).*
                FROM "DocumentsDocuments" d, generate_series(1, {2}) g WHERE d."Id" = {0}
                """, template, prefix, PerList);
        }
        await db.Database.ExecuteSqlRawAsync("""ANALYZE "DocumentsDocuments" """);

        var deep = ("inner02000.txt", Guid.Empty);
        var lists = new (string What, Guid? Folder, bool All, (string, Guid)? After)[]
        {
            ("top level, page 1", null, false, null),
            ("folder, page 1", folder.Id, false, null),
            ("folder, a deep page by key", folder.Id, false, deep),
            ("all folders, page 1", null, true, null),
            ("all folders, a deep page by key", null, true, deep),
        };
        foreach (var (what, folderId, all, after) in lists)
        {
            var plan = await ExplainAsync(db, DocumentLibrary.ListQueries.Sql(db, cast.Id, folderId, all, 0, DocumentListQuery.DefaultPageSize, after));
            Assert.True(!plan.Contains("Seq Scan", StringComparison.Ordinal) && !plan.Contains("Sort", StringComparison.Ordinal), $"{what}:\n{plan}");
            Assert.Contains("IX_DocumentsDocuments_WorkspaceId_", plan, StringComparison.Ordinal);
        }
    }

    /// <summary>The plan of a query as EF shows it (<c>ToQueryString</c>: its parameters as comments, then the SQL).</summary>
    private static async Task<string> ExplainAsync(DocumentsDbContext db, string queryString)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync();
        }
        await using var command = connection.CreateCommand();
        var sql = new List<string>();
        foreach (var line in queryString.Split('\n'))
        {
            var parameter = Regex.Match(line.TrimEnd('\r'), @"^-- (@\w+)='(.*)'(?: \(.*\))?$");
            if (!parameter.Success)
            {
                sql.Add(line);
                continue;
            }
            var text = parameter.Groups[2].Value;
            object value = Guid.TryParse(text, out var guid) ? guid : int.TryParse(text, out var number) ? number : text;
            command.Parameters.Add(new NpgsqlParameter(parameter.Groups[1].Value, value));
        }
        command.CommandText = "EXPLAIN " + string.Join('\n', sql);
        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(0));
        }
        return string.Join('\n', plan);
    }
}
