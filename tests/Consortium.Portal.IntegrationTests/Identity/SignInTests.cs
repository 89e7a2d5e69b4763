using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Consortium.Portal.Identity;
using Consortium.Portal.Identity.Account;
using Consortium.Portal.Identity.Domain;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Platform.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.IntegrationTests.Identity;

public abstract class SignInTests<TPortal> : IClassFixture<TPortal> where TPortal : PortalAppFactory
{
    private readonly TPortal portal;

    protected SignInTests(TPortal portal)
    {
        this.portal = portal;
        // The class checks that every failed sign-in costs one full-strength hash: the real work factor, not the suite's.
        portal.ProductionPasswordHashing = true;
    }

    [Fact]
    public async Task A_member_signs_in_with_the_right_password_and_the_session_knows_them()
    {
        var client = portal.CreatePortalClient();

        var response = await SignIn.PostSignInAsync(client, DemoUsers.MemberOf(ConsortiumPartners.Bfpe), DemoUsers.Password);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/account/me", SignIn.Json);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(DemoUsers.MemberOf(ConsortiumPartners.Bfpe), me.GetProperty("email").GetString());
        Assert.Equal(ConsortiumPartners.Bfpe.Id, me.GetProperty("partnerOrganisationId").GetGuid());
        Assert.Equal([PortalRoles.Member], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("sr-Latn", me.GetProperty("culture").GetString());
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_user_get_the_same_answer()
    {
        var wrongPassword = await SignIn.PostSignInAsync(portal.CreatePortalClient(), DemoUsers.MemberOf(ConsortiumPartners.Bcsp), "Not-the-password-2026");
        var unknownUser = await SignIn.PostSignInAsync(portal.CreatePortalClient(), "nobody.here@demo.portal", "Not-the-password-2026");

        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownUser.StatusCode);
        Assert.Equal("application/problem+json", wrongPassword.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await ComparableProblemAsync(wrongPassword), await ComparableProblemAsync(unknownUser));
        Assert.DoesNotContain(wrongPassword.Headers, h => h.Key == "Set-Cookie");
    }

    [Theory]
    [InlineData("nobody.here@demo.portal", false)]
    [InlineData("member2.bcsp@demo.portal", false)]
    [InlineData("disabled", true)]
    public async Task Every_failed_sign_in_checks_one_full_strength_password_hash(string email, bool disabled)
    {
        // Similar timing: an unknown or disabled account costs the same PBKDF2 check as a wrong password.
        if (disabled)
        {
            email = $"disabled.{Guid.NewGuid():N}@example.org";
            await DisableAsync(await portal.CreateUserAsync(email, PortalRoles.Member, ConsortiumPartners.Bcsp.Id));
        }
        await using var scope = portal.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var users = services.GetRequiredService<UserManager<PortalUser>>();
        var hasher = new CountingHasher(users.PasswordHasher);
        users.PasswordHasher = hasher; // the scope's sign-in manager checks passwords through this same user manager
        var signIn = new AccountSignIn(users, services.GetRequiredService<SignInManager<PortalUser>>(),
            hasher, new SignInTimingEqualizer(), services.GetRequiredService<Consortium.Portal.Platform.Auditing.IAuditLog>());

        var attempt = await signIn.SignInForApiAsync(email, "Not-the-password-2026", null, null);

        Assert.Equal(SignInOutcome.Failed, attempt.Outcome);
        var verified = Assert.Single(hasher.VerifiedHashes);
        Assert.True(Pbkdf2Iterations(verified) >= 210_000, $"{Pbkdf2Iterations(verified)} iterations");
    }

    [Fact]
    public async Task A_disabled_user_gets_the_same_answer_as_a_wrong_password()
    {
        var email = $"disabled.{Guid.NewGuid():N}@example.org";
        await DisableAsync(await portal.CreateUserAsync(email, PortalRoles.Member, ConsortiumPartners.D4D.Id));

        var disabled = await SignIn.PostSignInAsync(portal.CreatePortalClient(), email, DemoUsers.Password);
        var wrongPassword = await SignIn.PostSignInAsync(portal.CreatePortalClient(), DemoUsers.MemberOf(ConsortiumPartners.D4D), "Not-the-password-2026");

        Assert.Equal(HttpStatusCode.Unauthorized, disabled.StatusCode);
        Assert.Equal(await ComparableProblemAsync(wrongPassword), await ComparableProblemAsync(disabled));
    }

    [Fact]
    public async Task Five_failed_attempts_lock_the_account_even_for_the_right_password()
    {
        var email = $"guessed.{Guid.NewGuid():N}@example.org";
        await portal.CreateUserAsync(email, PortalRoles.Member, ConsortiumPartners.Bprg.Id);
        var client = portal.CreatePortalClient();

        var failures = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            failures.Add((await SignIn.PostSignInAsync(client, email, $"Wrong-guess-number-{i}")).StatusCode);
        }
        var rightPassword = await SignIn.PostSignInAsync(client, email, DemoUsers.Password);

        Assert.All(failures.Take(4), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.Locked, failures[4]);
        Assert.Equal(HttpStatusCode.Locked, rightPassword.StatusCode);
        Assert.Equal("application/problem+json", rightPassword.Content.Headers.ContentType?.MediaType);
        await using var scope = portal.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email);
        Assert.True(user!.LockoutEnd > DateTimeOffset.UtcNow.AddMinutes(14), $"locked until {user.LockoutEnd}");
    }

    [Fact]
    public async Task The_session_cookie_is_a_host_only_secure_http_only_same_site_session_cookie()
    {
        var response = await SignIn.PostSignInAsync(portal.CreatePortalClient(), DemoUsers.MemberOf(ConsortiumPartners.Yucom), DemoUsers.Password);

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-Portal=", StringComparison.Ordinal));
        var attributes = cookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToList();
        Assert.Contains("secure", attributes);
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=lax", attributes);
        Assert.Contains("path=/", attributes);
        Assert.DoesNotContain(attributes, a => a.StartsWith("domain=", StringComparison.Ordinal));
        // No expiry: the browser forgets it when it closes; the idle and absolute time-outs are in the ticket.
        Assert.DoesNotContain(attributes, a => a.StartsWith("expires=", StringComparison.Ordinal) || a.StartsWith("max-age=", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded", "email=a%40b.c&password=x")]
    [InlineData("text/plain", "{\"email\":\"a@b.c\",\"password\":\"x\"}")]
    [InlineData("multipart/form-data; boundary=x", "--x--")]
    public async Task Sign_in_refuses_a_body_that_is_not_json(string contentType, string body)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);

        var response = await portal.CreatePortalClient().PostAsync("/api/account/sign-in", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie");
    }

    [Fact]
    public async Task A_malformed_json_body_is_a_400_problem()
    {
        var content = new StringContent("{\"email\": \"member1.bprg@demo.portal\", \"password\": ", Encoding.UTF8, "application/json");

        var response = await portal.CreatePortalClient().PostAsync("/api/account/sign-in", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(SignIn.Json);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Missing_credentials_are_reported_per_field()
    {
        var response = await portal.CreatePortalClient().PostAsJsonAsync("/api/account/sign-in", new { email = "", password = "" }, SignIn.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(SignIn.Json)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("email", out _));
        Assert.True(errors.TryGetProperty("password", out _));
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var client = await portal.AsAsync(DemoUsers.MemberOf(ConsortiumPartners.Aktiv));

        var signOut = await client.PostAsync("/api/account/sign-out", null);
        var me = await client.GetAsync("/api/account/me");

        Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [Fact]
    public async Task The_sign_out_form_needs_its_antiforgery_token()
    {
        var client = await portal.AsAsync(DemoUsers.MemberOf(ConsortiumPartners.Aktiv, 2));

        var forged = await client.PostAsync("/account/sign-out", new FormUrlEncodedContent(new Dictionary<string, string> { ["returnUrl"] = "/" }));
        var stillSignedIn = await client.GetAsync("/api/account/me");
        var token = await Forms.AntiforgeryTokenAsync(client, "/account/two-factor");
        var real = await client.PostAsync("/account/sign-out", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["returnUrl"] = "//evil.example", ["__RequestVerificationToken"] = token,
        }));
        var signedOut = await client.GetAsync("/api/account/me");

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillSignedIn.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, real.StatusCode);
        Assert.Equal("/", real.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, signedOut.StatusCode);
    }

    [Fact]
    public async Task The_api_answers_an_anonymous_caller_with_401_not_a_redirect()
    {
        var response = await portal.CreatePortalClient().GetAsync("/api/identity/partners");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_page_sends_an_anonymous_visitor_to_the_sign_in_page()
    {
        var response = await portal.CreatePortalClient().GetAsync("/admin/users");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/sign-in?returnUrl=%2Fadmin%2Fusers", response.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task The_sign_in_page_signs_in_through_its_form_and_returns_to_a_local_page_only()
    {
        var client = portal.CreatePortalClient();

        var page = await client.GetAsync("/account/sign-in?returnUrl=%2F%2Fevil.example");
        var html = await page.Content.ReadAsStringAsync();
        var posted = await Forms.SubmitAsync(client, "/account/sign-in?returnUrl=%2F%2Fevil.example", "sign-in", new Dictionary<string, string>
        {
            ["Input.Email"] = DemoUsers.MemberOf(ConsortiumPartners.Kcss),
            ["Input.Password"] = DemoUsers.Password,
        });

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("id=\"email\"", html);
        Assert.Contains("id=\"password\"", html);
        Assert.Contains("id=\"sign-in\"", html);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal("https://localhost/", new Uri(client.BaseAddress!, posted.Headers.Location!).AbsoluteUri);
        Assert.Contains(posted.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-Portal=", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/account/me")).StatusCode);
    }

    [Fact]
    public async Task The_sign_in_page_shows_the_generic_message_for_a_wrong_password()
    {
        var client = portal.CreatePortalClient();

        var posted = await Forms.SubmitAsync(client, "/account/sign-in", "sign-in", new Dictionary<string, string>
        {
            ["Input.Email"] = DemoUsers.MemberOf(ConsortiumPartners.Kcss, 2),
            ["Input.Password"] = "Not-the-password-2026",
        });

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains(Localized("SignIn.Failed"), await Forms.TextOfAsync(posted));
    }

    private string Localized(string key)
        => portal.Services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<IdentityResource>>()[key];

    private static async Task<string> ComparableProblemAsync(HttpResponseMessage response)
    {
        var problem = await response.Content.ReadFromJsonAsync<Dictionary<string, JsonElement>>(SignIn.Json);
        problem!.Remove("traceId");
        return JsonSerializer.Serialize(problem.OrderBy(p => p.Key));
    }

    private async Task DisableAsync(Guid userId)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByIdAsync(userId.ToString()))!;
        user.IsDisabled = true;
        await users.UpdateAsync(user);
    }

    /// <summary>The iteration count inside an Identity V3 hash: format byte, PRF (4 bytes), then the count, big-endian.</summary>
    private static int Pbkdf2Iterations(string hash) => System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(Convert.FromBase64String(hash).AsSpan(5, 4));

    /// <summary>Records the hashes a sign-in checks the password against.</summary>
    private sealed class CountingHasher(IPasswordHasher<PortalUser> inner) : IPasswordHasher<PortalUser>
    {
        public List<string> VerifiedHashes { get; } = [];

        public string HashPassword(PortalUser user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(PortalUser user, string hashedPassword, string providedPassword)
        {
            VerifiedHashes.Add(hashedPassword);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }

    }
}

public sealed class SignInTests_Sqlite(SqlitePortal portal) : SignInTests<SqlitePortal>(portal);

public sealed class SignInTests_PostgreSql(PostgreSqlPortal portal) : SignInTests<PostgreSqlPortal>(portal);
