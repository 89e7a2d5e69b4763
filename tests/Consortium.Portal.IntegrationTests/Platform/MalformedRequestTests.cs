using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Consortium.Portal.Documents.Tests;
using Consortium.Portal.IntegrationTests.Documents;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.IntegrationTests.Workspaces;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.IntegrationTests.Platform;

/// <summary>
/// Bad input is the client's error (issue 10, item 4): every /api endpoint the route table has, sent a corpus of
/// malformed requests by a signed-in administrator (who passes every permission check, so the body is read), answers
/// 4xx problem details, never 5xx.
/// </summary>
public abstract class MalformedRequestTests<TPortal>(TPortal portal) : IClassFixture<TPortal> where TPortal : PortalAppFactory
{
    private static readonly string[] Charsets = ["bogus-1", "utf-7", "\"utf-8\"", "utf-16", "\"\"", "latin1"];

    [Theory]
    [InlineData("application/json; charset=bogus-1")]
    [InlineData("application/json; charset=utf-7")]
    [InlineData("application/json; charset=UTF-16")]
    [InlineData("application/problem+json; charset=x-unknown")]
    public async Task A_JSON_body_in_a_charset_other_than_UTF_8_gets_415_problem_details(string contentType)
    {
        var client = await portal.AsAsync(DemoUsers.MemberOf(Consortium.Portal.Identity.ConsortiumPartners.Kcss));

        var response = await client.SendAsync(WithBody(HttpMethod.Put, "/api/notifications/preferences", "{}", contentType));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(SignIn.Json);
        Assert.Contains("UTF-8", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_quoted_utf_8_is_UTF_8_and_the_request_is_read()
    {
        var client = portal.CreatePortalClient();
        var body = $"{{\"email\":\"{DemoUsers.MemberOf(Consortium.Portal.Identity.ConsortiumPartners.Kcss)}\",\"password\":\"{DemoUsers.Password}\"}}";

        var response = await client.SendAsync(WithBody(HttpMethod.Post, "/api/account/sign-in", body, "application/json; charset=\"utf-8\""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Every_api_endpoint_answers_a_corpus_of_malformed_requests_without_a_server_error()
    {
        var admin = await portal.AsAsync(DemoUsers.Administrator);
        var workspace = await admin.CreateWorkspaceAsync("Fuzzing roundtable");
        var document = await admin.UploadOneAsync(workspace.Id, "fuzz.md", SampleFiles.Text("what the fuzz test reads"));
        var endpoints = ApiEndpoints()
            // Signing out would end the session the rest of the corpus is sent with, so it goes last.
            .OrderBy(e => e.Pattern.Contains("sign-out", StringComparison.Ordinal))
            .ToList();

        var failures = new List<string>();
        var sent = 0;
        foreach (var (method, pattern) in endpoints)
        {
            var url = Fill(pattern, workspace.Id, document);
            foreach (var request in Corpus(method, url))
            {
                var label = $"{method} {url} [{request.Content?.Headers.ContentType}] {string.Join(' ', request.Headers.Select(h => h.Key))}";
                using var response = await admin.SendAsync(request);
                sent++;
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{label}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
        }

        Assert.True(sent > 500, $"only {sent} requests were sent");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} malformed requests got a server error:\n" + string.Join("\n", failures.Take(40)));
    }

    /// <summary>Malformed requests: bodies in odd charsets and shapes, broken multipart, hostile headers and query values.</summary>
    private static IEnumerable<HttpRequestMessage> Corpus(string method, string url)
    {
        var verb = new HttpMethod(method);
        foreach (var charset in Charsets)
        {
            yield return WithBody(verb, url, "{\"name\":\"x\"}", $"application/json; charset={charset}");
        }
        yield return WithBody(verb, url, "{\"name\": ", "application/json");
        yield return WithBody(verb, url, "", "application/json");
        yield return WithBody(verb, url, "null", "application/json");
        yield return WithBody(verb, url, "[1,2,3]", "application/json");
        yield return WithBody(verb, url, "\"just a string\"", "application/json");
        yield return WithBody(verb, url, new string('[', 5000) + new string(']', 5000), "application/json");
        yield return WithBody(verb, url, string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200), "application/json");
        yield return WithBody(verb, url, "{\"page\": 1e400, \"pageSize\": -99999999999999999999, \"id\": \"not-a-guid\"}", "application/json");
        yield return WithBytes(verb, url, [0x7B, 0x22, 0xC3, 0x28, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D], "application/json");
        yield return WithBody(verb, url, "{\"name\":\"x\"}", "application/json; charset");
        yield return WithBody(verb, url, "{\"name\":\"x\"}", "application/json;;;=");
        yield return WithBody(verb, url, "name=x", "application/x-www-form-urlencoded; charset=bogus-1");
        yield return WithBody(verb, url, "hello", "text/plain");
        yield return WithBody(verb, url, "--x\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nno end", "multipart/form-data");
        yield return WithBody(verb, url, "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nno end", "multipart/form-data; boundary=x");
        yield return WithBody(verb, url, "garbage", "multipart/form-data; boundary=\"" + new string('b', 200) + "\"");
        var raw = WithBody(verb, url, "plain text", "application/octet-stream");
        raw.Content?.Headers.TryAddWithoutValidation("Content-Disposition", "attachment; filename*=UTF-8''%ZZ%00..%2F");
        yield return raw;
        var query = new HttpRequestMessage(verb, url + (url.Contains('?') ? "&" : "?") + "page=2147483648&pageSize=-1&from=yesterday&culture=%00");
        yield return query;
        var headers = new HttpRequestMessage(verb, url);
        headers.Headers.TryAddWithoutValidation("Accept-Language", ";;q=abc,*;q=");
        headers.Headers.TryAddWithoutValidation("If-Match", "\"unterminated");
        yield return headers;
    }

    private static HttpRequestMessage WithBody(HttpMethod method, string url, string body, string contentType)
        => WithBytes(method, url, Encoding.UTF8.GetBytes(body), contentType);

    private static HttpRequestMessage WithBytes(HttpMethod method, string url, byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return new HttpRequestMessage(method, url) { Content = method == HttpMethod.Get || method == HttpMethod.Head ? null : content };
    }

    private IEnumerable<(string Method, string Pattern)> ApiEndpoints()
        => portal.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["POST"])
                .Select(m => (m, e.RoutePattern.RawText!)))
            .Distinct();

    /// <summary>The pattern with its parameters filled: the test's workspace and document where named, else a value of the constraint's kind.</summary>
    private static string Fill(string pattern, Guid workspaceId, Guid documentId)
    {
        var parsed = RoutePatternFactory.Parse(pattern);
        var segments = parsed.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => ValueFor(parameter, workspaceId, documentId),
            _ => "",
        })));
        return "/" + string.Join('/', segments.Where(s => s.Length > 0));
    }

    private static string ValueFor(RoutePatternParameterPart parameter, Guid workspaceId, Guid documentId)
    {
        var constraints = string.Join(',', parameter.ParameterPolicies.Select(p => p.Content));
        return parameter.Name switch
        {
            "workspaceId" => workspaceId.ToString(),
            "documentId" => documentId.ToString(),
            _ when constraints.Contains("guid", StringComparison.Ordinal) => Guid.NewGuid().ToString(),
            _ when constraints.Contains("int", StringComparison.Ordinal) => "1",
            _ when parameter.IsOptional => "",
            _ => "fuzz",
        };
    }
}

public sealed class MalformedRequestTests_Sqlite(SqlitePortal portal) : MalformedRequestTests<SqlitePortal>(portal);

public sealed class MalformedRequestTests_PostgreSql(PostgreSqlPortal portal) : MalformedRequestTests<PostgreSqlPortal>(portal);
