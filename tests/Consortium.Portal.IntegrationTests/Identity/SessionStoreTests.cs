using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Consortium.Portal.Identity;
using Consortium.Portal.Identity.Data;
using Consortium.Portal.Identity.Domain;
using Consortium.Portal.Identity.Jobs;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Platform.Security;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Consortium.Portal.IntegrationTests.Identity;

/// <summary>
/// How the server-side sessions are read and kept (issue 10): a session read is cached briefly, an ended session is
/// refused at once by the instance that ended it and within the cache lifetime by the others, "last seen" is written
/// at most once a minute, and a recurring job deletes the rows of sessions that ended by themselves. Time passes on the
/// portal's clock, advanced by the test.
/// </summary>
public abstract class SessionStoreTests<TPortal> : IClassFixture<TPortal> where TPortal : PortalAppFactory
{
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(10);
    private readonly TPortal _portal;

    protected SessionStoreTests(TPortal portal)
    {
        _portal = portal;
        portal.Settings["Identity:SessionCacheLifetime"] = "00:00:10";
        portal.Clock ??= new FakeTimeProvider(DateTimeOffset.UtcNow);
    }

    private FakeTimeProvider Clock => _portal.Clock!;

    [Fact]
    public async Task A_session_just_read_and_then_signed_out_is_refused_at_once()
    {
        var (client, cookie) = await SignInAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/account/me")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/account/sign-out", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await WithCookie(cookie).GetAsync("/api/account/me")).StatusCode);
    }

    [Fact]
    public async Task A_session_just_read_and_then_ended_from_another_browser_is_refused_at_once()
    {
        var email = await NewMemberAsync();
        var (phone, _) = await SignInAsync(email);
        var (laptop, _) = await SignInAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/api/account/me")).StatusCode);
        var phoneSession = (await laptop.GetFromJsonAsync<JsonElement>("/api/account/sessions", SignIn.Json)).EnumerateArray()
            .Single(s => !s.GetProperty("isCurrent").GetBoolean()).GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.NoContent, (await laptop.DeleteAsync($"/api/account/sessions/{phoneSession}")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.GetAsync("/api/account/me")).StatusCode);
    }

    [Fact]
    public async Task A_session_ended_by_another_instance_is_refused_here_once_the_cached_read_lapses()
    {
        var (client, _) = await SignInAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/account/me")).StatusCode);
        var session = await OnlySessionOfAsync(client);

        // What another instance's sign-out does: the row goes, this instance is not told.
        await WithDbAsync(db => db.Sessions.Where(s => s.Id == session).ExecuteDeleteAsync());
        var whileCached = await client.GetAsync("/api/account/me");
        Clock.Advance(CacheLifetime + TimeSpan.FromSeconds(1));
        var afterwards = await client.GetAsync("/api/account/me");

        Assert.Equal(HttpStatusCode.OK, whileCached.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterwards.StatusCode);
    }

    [Fact]
    public async Task Last_seen_is_written_at_most_once_a_minute_however_busy_the_session()
    {
        var (client, _) = await SignInAsync();
        var session = await OnlySessionOfAsync(client);
        var signedIn = await LastSeenOfAsync(session);

        for (var i = 0; i < 5; i++)
        {
            Clock.Advance(TimeSpan.FromSeconds(11));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/account/me")).StatusCode);
        }
        var within = await LastSeenOfAsync(session);
        Clock.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/account/me")).StatusCode);
        var after = await LastSeenOfAsync(session);

        Assert.Equal(signedIn, within);
        Assert.Equal(Clock.GetUtcNow().UtcDateTime, after, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task The_clean_up_job_deletes_the_rows_of_sessions_that_ended_and_keeps_the_live_ones()
    {
        var (idle, _) = await SignInAsync();
        var idleSession = await OnlySessionOfAsync(idle);
        Clock.Advance(TimeSpan.FromMinutes(31)); // past the idle time-out of 30 minutes
        var (live, _) = await SignInAsync();
        var liveSession = await OnlySessionOfAsync(live);
        var now = Clock.GetUtcNow().UtcDateTime;
        // Used a minute ago, but signed in longer ago than the absolute time-out of 12 hours.
        var tooOld = Guid.CreateVersion7();
        await WithDbAsync(async db =>
        {
            db.Sessions.Add(new UserSession
            {
                Id = tooOld, UserId = Guid.CreateVersion7(), CreatedAtUtc = now.AddHours(-13), LastSeenAtUtc = now.AddMinutes(-1),
                ExpiresAtUtc = now.AddMinutes(29), Ticket = [1],
            });
            return await db.SaveChangesAsync();
        });

        await using (var scope = _portal.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SessionCleanupJob>().RunAsync(CancellationToken.None);
        }
        var left = await WithDbAsync(db => db.Sessions.Where(s => s.Id == idleSession || s.Id == liveSession || s.Id == tooOld).Select(s => s.Id).ToListAsync());

        Assert.Equal([liveSession], left);
        Assert.Equal(HttpStatusCode.OK, (await live.GetAsync("/api/account/me")).StatusCode);
    }

    private async Task<(HttpClient Client, string Cookie)> SignInAsync(string? email = null)
    {
        email ??= await NewMemberAsync();
        var client = _portal.CreatePortalClient();
        var jar = new System.Net.CookieContainer();
        var response = await SignIn.PostSignInAsync(client, email, DemoUsers.Password);
        await SignIn.EnsureSuccessAsync(response, email);
        foreach (var setCookie in response.Headers.GetValues("Set-Cookie"))
        {
            jar.SetCookies(new Uri("https://localhost/"), setCookie);
        }
        return (client, jar.GetCookieHeader(new Uri("https://localhost/")));
    }

    private async Task<string> NewMemberAsync()
    {
        var email = $"session-store.{Guid.NewGuid():N}@example.org";
        await _portal.CreateUserAsync(email, PortalRoles.Member, ConsortiumPartners.Kcss.Id);
        return email;
    }

    private static async Task<Guid> OnlySessionOfAsync(HttpClient client)
        => (await client.GetFromJsonAsync<JsonElement>("/api/account/sessions", SignIn.Json)).EnumerateArray().Single().GetProperty("id").GetGuid();

    private Task<DateTime> LastSeenOfAsync(Guid session)
        => WithDbAsync(db => db.Sessions.Where(s => s.Id == session).Select(s => s.LastSeenAtUtc).SingleAsync());

    private async Task<T> WithDbAsync<T>(Func<PortalIdentityDbContext, Task<T>> work)
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<PortalIdentityDbContext>());
    }

    private HttpClient WithCookie(string cookie)
    {
        var client = _portal.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), HandleCookies = false, AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }
}

public sealed class SessionStoreTests_Sqlite(SqlitePortal portal) : SessionStoreTests<SqlitePortal>(portal);

public sealed class SessionStoreTests_PostgreSql(PostgreSqlPortal portal) : SessionStoreTests<PostgreSqlPortal>(portal);
