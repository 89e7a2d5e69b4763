using System.Net;
using Consortium.Portal.Identity;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Consortium.Portal.IntegrationTests.Identity;

/// <summary>
/// A session ends at its absolute time-out however busy it is (configured to seconds here). Time passes on the portal's
/// clock, advanced by the test, so a loaded machine cannot make the session older or younger than the test says.
/// </summary>
public abstract class AbsoluteTimeoutTests<TPortal> : IClassFixture<TPortal> where TPortal : PortalAppFactory
{
    private readonly TPortal _portal;

    protected AbsoluteTimeoutTests(TPortal portal)
    {
        _portal = portal;
        portal.Settings["Identity:AbsoluteTimeout"] = "00:00:03";
        portal.Clock ??= new FakeTimeProvider(DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task A_busy_session_still_ends_at_the_absolute_time_out()
    {
        var client = await _portal.AsAsync(DemoUsers.MemberOf(ConsortiumPartners.D4D));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await client.GetAsync("/api/account/me")).StatusCode);
            _portal.Clock!.Advance(TimeSpan.FromSeconds(0.8));
        }
        _portal.Clock!.Advance(TimeSpan.FromSeconds(1.5));

        var afterTimeOut = await client.GetAsync("/api/account/me");

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.Unauthorized, afterTimeOut.StatusCode);
    }
}

public sealed class AbsoluteTimeoutTests_Sqlite(SqlitePortal portal) : AbsoluteTimeoutTests<SqlitePortal>(portal);

public sealed class AbsoluteTimeoutTests_PostgreSql(PostgreSqlPortal portal) : AbsoluteTimeoutTests<PostgreSqlPortal>(portal);

/// <summary>A session unused for the idle time-out ends (configured to seconds here, on the portal's clock the test advances).</summary>
public abstract class IdleTimeoutTests<TPortal> : IClassFixture<TPortal> where TPortal : PortalAppFactory
{
    private readonly TPortal _portal;

    protected IdleTimeoutTests(TPortal portal)
    {
        _portal = portal;
        portal.Settings["Identity:IdleTimeout"] = "00:00:02";
        portal.Clock ??= new FakeTimeProvider(DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task An_idle_session_ends()
    {
        var client = await _portal.AsAsync(DemoUsers.MemberOf(ConsortiumPartners.Aktiv, 2));
        var fresh = await client.GetAsync("/api/account/me");

        _portal.Clock!.Advance(TimeSpan.FromSeconds(2.5));
        var idle = await client.GetAsync("/api/account/me");

        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, idle.StatusCode);
    }
}

public sealed class IdleTimeoutTests_Sqlite(SqlitePortal portal) : IdleTimeoutTests<SqlitePortal>(portal);

public sealed class IdleTimeoutTests_PostgreSql(PostgreSqlPortal portal) : IdleTimeoutTests<PostgreSqlPortal>(portal);

/// <summary>Sign-in attempts are limited per client address.</summary>
public abstract class SignInRateLimitTests<TPortal> : IClassFixture<TPortal> where TPortal : PortalAppFactory
{
    private readonly TPortal _portal;

    protected SignInRateLimitTests(TPortal portal)
    {
        _portal = portal;
        portal.Settings["Identity:SignInRateLimit"] = "3";
    }

    [Fact]
    public async Task Attempts_beyond_the_limit_get_429_problems()
    {
        var client = _portal.CreatePortalClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await SignIn.PostSignInAsync(client, "nobody.at.all@demo.portal", "Not-the-password-2026")).StatusCode);
        }
        var limited = await SignIn.PostSignInAsync(client, DemoUsers.MemberOf(ConsortiumPartners.Bprg), DemoUsers.Password);

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.True(limited.Headers.RetryAfter is not null);
        // Identity's own words, through the Platform's one rejection handler (PortalRateLimits).
        Assert.Contains("\"title\":\"Too many attempts. Wait a minute and try again.\"", await limited.Content.ReadAsStringAsync());
    }
}

public sealed class SignInRateLimitTests_Sqlite(SqlitePortal portal) : SignInRateLimitTests<SqlitePortal>(portal);

public sealed class SignInRateLimitTests_PostgreSql(PostgreSqlPortal portal) : SignInRateLimitTests<PostgreSqlPortal>(portal);
