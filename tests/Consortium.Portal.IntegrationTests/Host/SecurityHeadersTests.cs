using Consortium.Portal.IntegrationTests.Infrastructure;

namespace Consortium.Portal.IntegrationTests.Host;

public abstract class SecurityHeadersTests<TPortal>(HostPortal<TPortal> host)
    where TPortal : PortalAppFactory, new()
{
    [Theory]
    [InlineData("/not-found")]            // an interactive page
    [InlineData("/error")]                // a static page
    [InlineData("/health/live")]          // JSON
    [InlineData("/api/no-such-endpoint")] // a problem
    [InlineData("/api/probe/throw/x")]    // an exception
    public async Task Every_response_carries_the_security_headers(string path)
    {
        var response = await host.CreateClient().GetAsync(path);

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        var directives = csp.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("default-src 'self'", directives);
        Assert.Contains("script-src 'self'", directives);
        Assert.Contains("style-src 'self' 'unsafe-inline'", directives);
        Assert.Contains("img-src 'self' data:", directives);
        Assert.Contains("frame-ancestors 'none'", directives);
        Assert.Contains("base-uri 'self'", directives);
        Assert.Contains("form-action 'self'", directives);
        Assert.Contains("connect-src 'self' wss://localhost", directives);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Contains("camera=()", Assert.Single(response.Headers.GetValues("Permissions-Policy")));
    }

    /// <summary>
    /// Every browser asks each site for /favicon.ico, the public pages included (they name no icon); a 404 there was the
    /// one error in the public event page's console.
    /// </summary>
    [Fact]
    public async Task The_tab_icon_is_served_to_anyone()
    {
        var response = await host.CreateClient().GetAsync("/favicon.ico");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var icon = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0, 0, 1, 0 }, icon[..4]);
    }
}

[Collection(HostCollections.Sqlite)]
public sealed class SecurityHeadersTests_Sqlite(HostPortal<SqlitePortal> host) : SecurityHeadersTests<SqlitePortal>(host);

[Collection(HostCollections.PostgreSql)]
public sealed class SecurityHeadersTests_PostgreSql(HostPortal<PostgreSqlPortal> host) : SecurityHeadersTests<PostgreSqlPortal>(host);
