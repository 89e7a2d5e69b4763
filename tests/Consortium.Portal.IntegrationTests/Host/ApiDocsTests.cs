using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Consortium.Portal.IntegrationTests.Infrastructure;

namespace Consortium.Portal.IntegrationTests.Host;

/// <summary>The API's OpenAPI document and its Scalar UI: for signed-in users only.</summary>
public abstract partial class ApiDocsTests<TPortal>(HostPortal<TPortal> host)
    where TPortal : PortalAppFactory, new()
{
    [Fact]
    public async Task The_OpenAPI_document_is_refused_to_an_anonymous_client()
    {
        var response = await host.CreateClient().GetAsync("/openapi/v1.json");

        await response.ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_API_documentation_page_sends_an_anonymous_visitor_to_sign_in()
    {
        var response = await host.CreateClient().GetAsync("/api/docs/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task A_signed_in_user_reads_the_OpenAPI_document_of_the_modules_endpoints()
    {
        var client = await host.SignedInClientAsync(TestUser.Member());

        var response = await client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Consortium Portal API", document.GetProperty("info").GetProperty("title").GetString());
        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/probe/echo", out _));
        Assert.False(paths.TryGetProperty("/culture/set", out _));
    }

    [Fact]
    public async Task A_signed_in_user_gets_the_Scalar_page_whose_scripts_the_CSP_allows_by_nonce()
    {
        var client = await host.SignedInClientAsync(TestUser.Member());

        var response = await client.GetAsync("/api/docs/");

        var html = await response.PageAsync(HttpStatusCode.OK);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        var nonce = NoncePattern().Match(csp);
        Assert.True(nonce.Success, csp);
        Assert.Contains($"nonce=\"{nonce.Groups[1].Value}\"", html);
        var scriptSource = csp.Split(';', StringSplitOptions.TrimEntries).Single(d => d.StartsWith("script-src", StringComparison.Ordinal));
        Assert.DoesNotContain("unsafe-inline", scriptSource);
    }

    [GeneratedRegex("script-src 'self' 'nonce-([^']+)'")]
    private static partial Regex NoncePattern();
}

[Collection(HostCollections.Sqlite)]
public sealed class ApiDocsTests_Sqlite(HostPortal<SqlitePortal> host) : ApiDocsTests<SqlitePortal>(host);

[Collection(HostCollections.PostgreSql)]
public sealed class ApiDocsTests_PostgreSql(HostPortal<PostgreSqlPortal> host) : ApiDocsTests<PostgreSqlPortal>(host);
