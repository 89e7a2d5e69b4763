using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Consortium.Portal.Identity;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.IntegrationTests.Matrix;
using Consortium.Portal.Platform.Security;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Consortium.Portal.IntegrationTests.Identity;

/// <summary>
/// Sessions live on the server (issue 10, item 1): one row per signed-in browser. Signing out ends that row, so the old
/// cookie is worth nothing; a changed security stamp ends every session of the user at once; users list their
/// sessions and end any of them.
/// </summary>
public abstract class ServerSessionTests<TPortal>(TPortal portal) : IClassFixture<TPortal> where TPortal : PortalAppFactory
{
    private const string Firefox = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";

    [Fact]
    public async Task After_signing_out_the_old_cookie_no_longer_signs_anyone_in()
    {
        var email = await NewMemberAsync();
        var (client, cookies) = await MatrixScene.SignInAsync(portal, email);
        var oldCookie = cookies.GetCookieHeader(new Uri("https://localhost/"));

        var signedOut = await client.PostAsync("/api/account/sign-out", null);
        var replayed = await WithCookie(oldCookie).GetAsync("/api/account/me");

        Assert.Equal(HttpStatusCode.NoContent, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
    }

    [Fact]
    public async Task Turning_on_two_factor_sign_in_ends_the_users_other_sessions_at_once_and_keeps_this_one()
    {
        var email = await NewMemberAsync();
        var laptop = await portal.AsAsync(email);
        var phone = await portal.AsAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/api/account/me")).StatusCode);

        await SignIn.EnableTwoFactorAsync(laptop);

        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.GetAsync("/api/account/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/api/account/me")).StatusCode);
    }

    [Fact]
    public async Task Disabling_an_account_ends_its_sessions_at_once()
    {
        var email = await NewMemberAsync();
        var member = await portal.AsAsync(email);
        var administrator = await portal.AsAsync(DemoUsers.Administrator);

        var disabled = await administrator.PostAsync($"/api/identity/users/{await portal.UserIdAsync(email)}/disable", null);

        Assert.Equal(HttpStatusCode.NoContent, disabled.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await member.GetAsync("/api/account/me")).StatusCode);
    }

    [Fact]
    public async Task A_user_sees_each_signed_in_browser_and_ends_another_one()
    {
        var email = await NewMemberAsync();
        var here = await SignInWithBrowserAsync(email, Firefox);
        var there = await portal.AsAsync(email);

        var sessions = await SessionsAsync(here);
        var other = sessions.Single(s => !s.GetProperty("isCurrent").GetBoolean()).GetProperty("id").GetGuid();
        var ended = await here.DeleteAsync($"/api/account/sessions/{other}");

        Assert.Equal(2, sessions.Count);
        Assert.Equal("Firefox · Windows", sessions.Single(s => s.GetProperty("isCurrent").GetBoolean()).GetProperty("browser").GetString());
        Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await there.GetAsync("/api/account/me")).StatusCode);
        Assert.Single(await SessionsAsync(here));
    }

    [Fact]
    public async Task Nobody_ends_a_session_of_someone_else()
    {
        var victim = await portal.AsAsync(await NewMemberAsync());
        var intruder = await portal.AsAsync(await NewMemberAsync());
        var victimsSession = (await SessionsAsync(victim)).Single().GetProperty("id").GetGuid();

        var refused = await intruder.DeleteAsync($"/api/account/sessions/{victimsSession}");

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await victim.GetAsync("/api/account/me")).StatusCode);
    }

    [Fact]
    public async Task The_sessions_page_lists_each_signed_in_browser()
    {
        var email = await NewMemberAsync();
        var client = await SignInWithBrowserAsync(email, Firefox);

        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/account/sessions"));

        Assert.Contains("Firefox · Windows", page, StringComparison.Ordinal);
        Assert.Contains("data-session=", page, StringComparison.Ordinal);
    }

    private async Task<string> NewMemberAsync()
    {
        var email = $"sessions.{Guid.NewGuid():N}@example.org";
        await portal.CreateUserAsync(email, PortalRoles.Member, ConsortiumPartners.Kcss.Id);
        return email;
    }

    private async Task<HttpClient> SignInWithBrowserAsync(string email, string userAgent)
    {
        var client = portal.CreatePortalClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", userAgent);
        await SignIn.EnsureSuccessAsync(await SignIn.PostSignInAsync(client, email, DemoUsers.Password), email);
        return client;
    }

    private static async Task<List<JsonElement>> SessionsAsync(HttpClient client)
        => (await client.GetFromJsonAsync<JsonElement>("/api/account/sessions", SignIn.Json)).EnumerateArray().ToList();

    private HttpClient WithCookie(string cookie)
    {
        var client = portal.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), HandleCookies = false, AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }
}

public sealed class ServerSessionTests_Sqlite(SqlitePortal portal) : ServerSessionTests<SqlitePortal>(portal);

public sealed class ServerSessionTests_PostgreSql(PostgreSqlPortal portal) : ServerSessionTests<PostgreSqlPortal>(portal);
