using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Consortium.Portal.Documents;
using Consortium.Portal.Documents.Api;

namespace Consortium.Portal.IntegrationTests.Documents;

/// <summary>Calls of the Documents API the tests share.</summary>
public static class DocumentsClient
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static MultipartFormDataContent Files(string? note, params (string Name, byte[] Content)[] files)
    {
        var form = new MultipartFormDataContent();
        if (note is not null)
        {
            form.Add(new StringContent(note), "note");
        }
        foreach (var (name, content) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "files", name);
        }
        return form;
    }

    public static Task<HttpResponseMessage> PostFilesAsync(this HttpClient client, Guid workspaceId, Guid? folderId, params (string Name, byte[] Content)[] files)
        => client.PostAsync(DocumentsApi.WorkspaceDocuments(workspaceId) + (folderId is { } f ? $"?folderId={f}" : ""), Files(null, files));

    /// <summary>One file as the raw body, named by a Content-Disposition header (what the browser's uploader sends).</summary>
    public static ByteArrayContent Body(string? name, byte[] content)
    {
        var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        if (name is not null)
        {
            body.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = name };
        }
        return body;
    }

    public static async Task<List<UploadedDocumentDto>> UploadAsync(this HttpClient client, Guid workspaceId, params (string Name, byte[] Content)[] files)
    {
        var response = await client.PostFilesAsync(workspaceId, null, files);
        await ExpectAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<List<UploadedDocumentDto>>(Json))!;
    }

    public static async Task<Guid> UploadOneAsync(this HttpClient client, Guid workspaceId, string name, byte[] content)
        => (await client.UploadAsync(workspaceId, (name, content)))[0].DocumentId;

    public static Task<HttpResponseMessage> PostVersionAsync(this HttpClient client, Guid documentId, string name, byte[] content, string? note = null)
        => client.PostAsync(DocumentsApi.Versions(documentId), Files(note, (name, content)));

    public static async Task<DocumentDetailsDto> GetDocumentAsync(this HttpClient client, Guid documentId)
    {
        var response = await client.GetAsync(DocumentsApi.Document(documentId));
        await ExpectAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<DocumentDetailsDto>(Json))!;
    }

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        await ExpectAsync(response, expected);
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    public static async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            Assert.Fail($"Expected {(int)expected} {expected}, got {(int)response.StatusCode} {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>The problem details of a refused request, after checking its status.</summary>
    public static async Task<Problem> ProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        await ExpectAsync(response, expected);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<Problem>(Json))!;
    }

    /// <summary>The fields a validator refused (400 with an error per field), in name order.</summary>
    public static async Task<string[]> FieldErrorsAsync(this HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order().ToArray();
    }

    public sealed record Problem(int Status, string? Title, string? Detail, string? Code);
}
