using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Consortium.Portal.Identity;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Platform.Security;

namespace Consortium.Portal.IntegrationTests.Identity;

public abstract class TwoFactorTests<TPortal>(TPortal portal) : IClassFixture<TPortal> where TPortal : PortalAppFactory
{
    private async Task<string> NewCoordinatorAsync()
    {
        var email = $"coordinator.{Guid.NewGuid():N}@example.org";
        await portal.CreateUserAsync(email, PortalRoles.Coordinator);
        return email;
    }

    [Fact]
    public async Task The_demo_coordinator_is_asked_to_set_up_two_factor_at_first_sign_in()
    {
        var client = portal.CreatePortalClient();

        var signedIn = await SignIn.PostSignInAsync(client, DemoUsers.Coordinator, DemoUsers.Password);
        var api = await client.GetAsync("/api/identity/users");
        var page = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.True((await signedIn.Content.ReadFromJsonAsync<JsonElement>(SignIn.Json)).GetProperty("twoFactorSetUpRequired").GetBoolean());
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.True((await api.Content.ReadFromJsonAsync<JsonElement>(SignIn.Json)).GetProperty("twoFactorSetUpRequired").GetBoolean());
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/account/two-factor?returnUrl=%2F", page.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_set_up_page_shows_the_key_and_an_otpauth_uri()
    {
        var client = portal.CreatePortalClient();
        await SignIn.EnsureSuccessAsync(await SignIn.PostSignInAsync(client, await NewCoordinatorAsync(), DemoUsers.Password), "coordinator");

        var page = await client.GetAsync("/account/two-factor");
        var html = await Forms.TextOfAsync(page);

        Assert.True(page.StatusCode == HttpStatusCode.OK, $"{(int)page.StatusCode} {page.Headers.Location}");
        Assert.Contains("id=\"shared-key\"", html);
        Assert.Matches("otpauth://totp/Consortium%20Portal:coordinator\\.[0-9a-f]+%40example\\.org\\?secret=[A-Z2-7]+&issuer=Consortium%20Portal", html);
        // A QR code to scan, a PNG drawn on the server, with a name for screen readers.
        var qr = System.Text.RegularExpressions.Regex.Match(html, "<img src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\" alt=\"[^\"]+\" id=\"authenticator-qr\"");
        Assert.True(qr.Success, "no QR code on the page");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], Convert.FromBase64String(qr.Groups[1].Value)[..4]);
    }

    [Fact]
    public async Task After_setting_up_totp_a_coordinator_reaches_the_api_and_signs_in_with_a_code()
    {
        var email = await NewCoordinatorAsync();
        var client = portal.CreatePortalClient();
        await SignIn.PostSignInAsync(client, email, DemoUsers.Password);

        var wrongCode = await client.PostAsJsonAsync("/api/account/two-factor/enable", new { code = "000000" }, SignIn.Json);
        var (key, recoveryCodes) = await SignIn.EnableTwoFactorAsync(client);
        var api = await client.GetAsync("/api/identity/users");

        Assert.Equal(HttpStatusCode.BadRequest, wrongCode.StatusCode);
        Assert.Equal(10, recoveryCodes.Count);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);

        var later = portal.CreatePortalClient();
        var withoutCode = await SignIn.PostSignInAsync(later, email, DemoUsers.Password);
        var withWrongCode = await SignIn.PostSignInAsync(later, email, DemoUsers.Password, "123456" == SignIn.CurrentCode(key) ? "654321" : "123456");
        var withCode = await SignIn.PostSignInAsync(later, email, DemoUsers.Password, SignIn.CurrentCode(key));

        Assert.Equal(HttpStatusCode.Unauthorized, withoutCode.StatusCode);
        Assert.True(await SignIn.RequiresTwoFactorAsync(withoutCode));
        Assert.DoesNotContain(withoutCode.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("__Host-Portal=", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Unauthorized, withWrongCode.StatusCode);
        Assert.True(await SignIn.RequiresTwoFactorAsync(withWrongCode));
        Assert.Equal(HttpStatusCode.OK, withCode.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await later.GetAsync("/api/identity/users")).StatusCode);
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once()
    {
        var email = await NewCoordinatorAsync();
        var client = portal.CreatePortalClient();
        await SignIn.PostSignInAsync(client, email, DemoUsers.Password);
        var (_, recoveryCodes) = await SignIn.EnableTwoFactorAsync(client);

        var first = await SignIn.PostSignInAsync(portal.CreatePortalClient(), email, DemoUsers.Password, recoveryCode: recoveryCodes[0]);
        var again = await SignIn.PostSignInAsync(portal.CreatePortalClient(), email, DemoUsers.Password, recoveryCode: recoveryCodes[0]);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
    }

    [Fact]
    public async Task A_coordinator_cannot_turn_two_factor_off_but_a_member_can()
    {
        var coordinator = await portal.AsAsync(await NewCoordinatorAsync());
        var memberEmail = $"member.{Guid.NewGuid():N}@example.org";
        await portal.CreateUserAsync(memberEmail, PortalRoles.Member, ConsortiumPartners.Bprg.Id);
        var member = await portal.AsAsync(memberEmail);
        await SignIn.EnableTwoFactorAsync(member);

        var refused = await coordinator.PostAsync("/api/account/two-factor/disable", null);
        var allowed = await member.PostAsync("/api/account/two-factor/disable", null);
        var status = await member.GetFromJsonAsync<JsonElement>("/api/account/two-factor", SignIn.Json);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
        Assert.False(status.GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task The_pages_sign_in_in_two_steps_with_host_prefixed_cookies()
    {
        var email = await NewCoordinatorAsync();
        var key = (await SignIn.EnableTwoFactorAsync(await SignedInWithoutSecondFactorAsync(email))).Key;
        var client = portal.CreatePortalClient();

        var first = await Forms.SubmitAsync(client, "/account/sign-in?returnUrl=%2Fadmin%2Fusers", "sign-in", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = DemoUsers.Password,
        });
        var second = await Forms.SubmitAsync(client, "/account/sign-in-2fa?returnUrl=%2Fadmin%2Fusers", "sign-in-2fa", new Dictionary<string, string>
        {
            ["Input.Code"] = SignIn.CurrentCode(key),
        });

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal("/account/sign-in-2fa", new Uri(client.BaseAddress!, first.Headers.Location!).AbsolutePath);
        var twoFactorCookie = Assert.Single(first.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-Portal.2fa=", StringComparison.Ordinal));
        Assert.Contains("secure", twoFactorCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", twoFactorCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", twoFactorCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal("/admin/users", new Uri(client.BaseAddress!, second.Headers.Location!).AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/identity/users")).StatusCode);
    }

    /// <summary>A coordinator before set-up: signed in, but held at the set-up page.</summary>
    private async Task<HttpClient> SignedInWithoutSecondFactorAsync(string email)
    {
        var client = portal.CreatePortalClient();
        await SignIn.EnsureSuccessAsync(await SignIn.PostSignInAsync(client, email, DemoUsers.Password), email);
        return client;
    }
}

public sealed class TwoFactorTests_Sqlite(SqlitePortal portal) : TwoFactorTests<SqlitePortal>(portal);

public sealed class TwoFactorTests_PostgreSql(PostgreSqlPortal portal) : TwoFactorTests<PostgreSqlPortal>(portal);
