using Consortium.Portal.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Consortium.Portal.IntegrationTests.Host;

/// <summary>
/// Cookies and transport headers (issue 10, item 5): the antiforgery and culture cookies are __Host- cookies like the
/// session's (Secure, Path=/, no Domain), HSTS lasts a year and covers subdomains, the server does not name itself;
/// and logs are JSON lines in every environment (item 6).
/// </summary>
public abstract class TransportSecurityTests<TPortal>(HostPortal<TPortal> host) : IClassFixture<HostPortal<TPortal>>
    where TPortal : PortalAppFactory, new()
{
    [Fact]
    public async Task The_antiforgery_cookie_of_a_form_page_is_a_host_cookie()
    {
        var page = await host.CreateClient().GetAsync("/account/sign-in");

        var cookie = Assert.Single(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-Portal.Antiforgery=", StringComparison.Ordinal));
        AssertHostCookie(cookie);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_culture_cookie_is_a_host_cookie()
    {
        var switched = await host.CreateClient().GetAsync("/culture/set?culture=sq&returnUrl=%2F");

        AssertHostCookie(Assert.Single(switched.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-Portal.Culture=", StringComparison.Ordinal)));
    }

    [Fact]
    public void Browsers_are_told_for_a_year_that_the_portal_and_its_subdomains_speak_only_https()
    {
        var hsts = host.Factory.Services.GetRequiredService<IOptions<HstsOptions>>().Value;

        Assert.Equal(TimeSpan.FromDays(365), hsts.MaxAge);
        Assert.True(hsts.IncludeSubDomains);
    }

    [Fact]
    public void The_server_does_not_name_itself()
        => Assert.False(host.Factory.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.AddServerHeader);

    [Fact]
    public async Task Logs_are_json_lines_in_development_too()
    {
        await using var development = host.Factory.WithWebHostBuilder(builder => builder.UseEnvironment("Development"));

        var console = development.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;

        Assert.Equal(ConsoleFormatterNames.Json, console.FormatterName);
    }

    private static void AssertHostCookie(string cookie)
    {
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; path=/", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);
    }
}

public sealed class TransportSecurityTests_Sqlite(HostPortal<SqlitePortal> host) : TransportSecurityTests<SqlitePortal>(host);

public sealed class TransportSecurityTests_PostgreSql(HostPortal<PostgreSqlPortal> host) : TransportSecurityTests<PostgreSqlPortal>(host);
