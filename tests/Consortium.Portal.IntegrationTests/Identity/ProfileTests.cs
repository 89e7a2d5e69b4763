using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Consortium.Portal.Identity;
using Consortium.Portal.Identity.Data;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Platform.Localization;
using Consortium.Portal.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.IntegrationTests.Identity;

/// <summary>
/// The profile (issue 11, "Account"): a signed-in user changes their name, language and time zone, their password, starts
/// two-factor over with a new key, and signs out their other sessions; bad input and stale edits change nothing.
/// </summary>
public abstract class ProfileTests<TPortal>(TPortal portal) : IClassFixture<TPortal> where TPortal : PortalAppFactory
{
    [Fact]
    public async Task A_saved_profile_applies_at_once_and_dates_are_shown_in_the_chosen_time_zone()
    {
        var email = await NewMemberAsync();
        var client = await portal.AsAsync(email);
        var profile = await ProfileAsync(client);

        var saved = await client.PutAsJsonAsync("/api/account/profile",
            new { displayName = "Arta Krasniqi", culture = "sq", timeZone = "Asia/Tokyo", concurrencyStamp = Stamp(profile) });
        var me = await client.GetFromJsonAsync<JsonElement>("/api/account/me", SignIn.Json);
        var sessionsPage = await Forms.TextOfAsync(await client.GetAsync("/account/sessions"));

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal("Arta Krasniqi", me.GetProperty("displayName").GetString());
        Assert.Equal("sq", me.GetProperty("culture").GetString());
        Assert.Equal("Asia/Tokyo", me.GetProperty("timeZone").GetString());
        // This session's claims were renewed: the next page is in Albanian, its times on Tokyo's clock.
        Assert.Contains("lang=\"sq\"", sessionsPage, StringComparison.Ordinal);
        var signedIn = await SessionStartAsync(email);
        var tokyo = TimeZoneInfo.ConvertTimeFromUtc(signedIn, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"));
        Assert.Contains(tokyo.ToString("g", PortalCultureFormats.Get("sq")), sessionsPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Who_am_I_is_answered_from_the_session_without_reading_the_database()
    {
        // The smallest signed-in request (issue 12's floor): it read the user's row on every call, which cost it most of
        // its time. The session's principal already holds what it answers, renewed at once by a profile change (above).
        var email = await NewMemberAsync();
        var client = await portal.AsAsync(email);
        using var sql = new Workflows.SqlStatements();
        async Task<(JsonElement Me, int Statements)> MeAsync()
        {
            sql.Clear();
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/account/me");
            request.Headers.Add("traceparent", sql.TraceParent);
            using var response = await client.SendAsync(request);
            response.EnsureSuccessStatusCode();
            return (await response.Content.ReadFromJsonAsync<JsonElement>(SignIn.Json), sql.Run.Count);
        }
        await MeAsync();
        var (me, statements) = await MeAsync();

        Assert.Equal(0, statements);
        Assert.Equal(email, me.GetProperty("email").GetString());
        Assert.Equal(ConsortiumPartners.Kcss.Id, me.GetProperty("partnerOrganisationId").GetGuid());
        Assert.False(string.IsNullOrEmpty(me.GetProperty("culture").GetString()));
        Assert.False(me.GetProperty("twoFactorEnabled").GetBoolean());
        Assert.Contains(PortalRoles.Member, me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.NotEqual(Guid.Empty, me.GetProperty("userId").GetGuid());
    }

    [Fact]
    public async Task A_second_edit_from_the_same_version_is_a_conflict_and_changes_nothing()
    {
        var client = await portal.AsAsync(await NewMemberAsync());
        var stamp = Stamp(await ProfileAsync(client));

        var first = await client.PutAsJsonAsync("/api/account/profile",
            new { displayName = "First Tab", culture = "en", timeZone = "Europe/Belgrade", concurrencyStamp = stamp });
        var second = await client.PutAsJsonAsync("/api/account/profile",
            new { displayName = "Second Tab", culture = "sr-Latn", timeZone = "Europe/Tirane", concurrencyStamp = stamp });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var now = await ProfileAsync(client);
        Assert.Equal("First Tab", now.GetProperty("displayName").GetString());
        Assert.Equal("Europe/Belgrade", now.GetProperty("timeZone").GetString());
    }

    [Fact]
    public async Task Bad_input_is_refused_field_by_field_in_the_users_language_and_changes_nothing()
    {
        var client = await portal.AsAsync(await NewMemberAsync());
        await client.GetAsync("/culture/set?culture=sr-Latn&returnUrl=%2F");
        var before = await ProfileAsync(client);

        var refused = await client.PutAsJsonAsync("/api/account/profile",
            new { displayName = "  ", culture = "de", timeZone = "Mars/Olympus_Mons", concurrencyStamp = Stamp(before) });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>(SignIn.Json)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("displayName", out _));
        Assert.True(errors.TryGetProperty("culture", out _));
        Assert.Equal("Izaberite vremensku zonu sa liste, na primer Europe/Belgrade.", errors.GetProperty("timeZone")[0].GetString());
        var after = await ProfileAsync(client);
        Assert.Equal(before.GetProperty("displayName").GetString(), after.GetProperty("displayName").GetString());
        Assert.Equal(Stamp(before), Stamp(after));
    }

    [Fact]
    public async Task Changing_the_password_needs_the_current_one_and_ends_the_other_sessions_only()
    {
        var email = await NewMemberAsync();
        var laptop = await portal.AsAsync(email);
        var phone = await portal.AsAsync(email);
        const string newPassword = "Meadow-Lantern-Quarry-42";

        var wrong = await laptop.PostAsJsonAsync("/api/account/password", new { currentPassword = "not-my-password-at-all", newPassword });
        var weak = await laptop.PostAsJsonAsync("/api/account/password", new { currentPassword = DemoUsers.Password, newPassword = "short" });
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/api/account/me")).StatusCode);
        var changed = await laptop.PostAsJsonAsync("/api/account/password", new { currentPassword = DemoUsers.Password, newPassword });

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.True((await wrong.Content.ReadFromJsonAsync<JsonElement>(SignIn.Json)).GetProperty("errors").TryGetProperty("currentPassword", out _));
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.True((await weak.Content.ReadFromJsonAsync<JsonElement>(SignIn.Json)).GetProperty("errors").TryGetProperty("newPassword", out _));
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/api/account/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.GetAsync("/api/account/me")).StatusCode);
        await portal.AsAsync(email, newPassword);
    }

    [Fact]
    public async Task Signing_out_all_other_sessions_keeps_this_one()
    {
        var email = await NewMemberAsync();
        var here = await portal.AsAsync(email);
        var phone = await portal.AsAsync(email);
        var tablet = await portal.AsAsync(email);

        var ended = await here.DeleteAsync("/api/account/sessions");

        Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.GetAsync("/api/account/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await tablet.GetAsync("/api/account/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/api/account/me")).StatusCode);
    }

    [Fact]
    public async Task Resetting_two_factor_sign_in_starts_over_with_a_new_key()
    {
        var client = await portal.AsAsync(await NewMemberAsync());
        var (oldKey, _) = await SignIn.EnableTwoFactorAsync(client);

        var reset = await client.PostAsync("/api/account/two-factor/reset", null);
        var status = await client.GetFromJsonAsync<JsonElement>("/api/account/two-factor", SignIn.Json);

        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.False(status.GetProperty("enabled").GetBoolean());
        Assert.NotEqual(oldKey, status.GetProperty("sharedKey").GetString());
    }

    [Fact]
    public async Task The_profile_page_saves_the_form_and_switches_the_language_at_once()
    {
        var client = await portal.AsAsync(await NewMemberAsync());
        var profile = await ProfileAsync(client);

        var posted = await Forms.SubmitAsync(client, "/account/profile", "profile", new Dictionary<string, string>
        {
            ["ProfileInput.DisplayName"] = "Milica Jovanović",
            ["ProfileInput.Culture"] = "sr-Cyrl",
            ["ProfileInput.TimeZone"] = "Europe/Belgrade",
            ["ProfileInput.ConcurrencyStamp"] = Stamp(profile),
        });
        // The page sends the browser through the language switch, which sets its language cookie, then back.
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var switched = await client.GetAsync(posted.Headers.Location);
        var page = await Forms.TextOfAsync(await client.GetAsync(switched.Headers.Location));

        Assert.Equal("/account/profile?saved=true", switched.Headers.Location?.OriginalString);
        Assert.Contains("lang=\"sr-Cyrl\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"profile-saved\"", page, StringComparison.Ordinal);
        Assert.Contains("Milica Jovanović", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_profile_page_refuses_a_stale_form_and_shows_what_is_stored_now()
    {
        var client = await portal.AsAsync(await NewMemberAsync());
        var stale = Stamp(await ProfileAsync(client));
        await client.PutAsJsonAsync("/api/account/profile", new { displayName = "Saved Elsewhere", culture = "en", timeZone = "Europe/Belgrade", concurrencyStamp = stale });

        var posted = await Forms.SubmitAsync(client, "/account/profile", "profile", new Dictionary<string, string>
        {
            ["ProfileInput.DisplayName"] = "Typed Here",
            ["ProfileInput.Culture"] = "en",
            ["ProfileInput.TimeZone"] = "Europe/Belgrade",
            ["ProfileInput.ConcurrencyStamp"] = stale,
        });
        var page = await Forms.TextOfAsync(posted);

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("id=\"profile-error\"", page, StringComparison.Ordinal);
        Assert.Contains("value=\"Saved Elsewhere\"", page, StringComparison.Ordinal);
        Assert.Equal("Saved Elsewhere", (await ProfileAsync(client)).GetProperty("displayName").GetString());
    }

    [Theory]
    [InlineData("sq", "Beograd – Ora e Evropës Qendrore (UTC+01:00)", "Nju-Jork – Ora e SHBA-së Lindore (UTC-05:00)")]
    [InlineData("sr-Cyrl", "Београд – Средњеевропско време (UTC+01:00)", "Њујорк – Северноамеричко источно време (UTC-05:00)")]
    public async Task The_profile_page_names_time_zones_in_the_users_language_and_keeps_their_ids(string culture, string belgrade, string newYork)
    {
        var client = await portal.AsAsync(await NewMemberAsync());
        await client.GetAsync($"/culture/set?culture={culture}&returnUrl=%2F");

        var page = await Forms.TextOfAsync(await client.GetAsync("/account/profile"));

        Assert.Contains($"lang=\"{culture}\"", page, StringComparison.Ordinal);
        // The option stores the IANA id (the user's own zone is also marked selected, hence [^>]*).
        var belgradeAt = Regex.Match(page, $"<option value=\"Europe/Belgrade\"[^>]*>{Regex.Escape(belgrade)}</option>");
        var newYorkAt = Regex.Match(page, $"<option value=\"America/New_York\"[^>]*>{Regex.Escape(newYork)}</option>");
        Assert.True(belgradeAt.Success, belgrade);
        Assert.True(newYorkAt.Success, newYork);
        // Ordered by offset: New York (UTC-5) comes before Belgrade (UTC+1).
        Assert.True(newYorkAt.Index < belgradeAt.Index);
    }

    private async Task<string> NewMemberAsync()
    {
        var email = $"profile.{Guid.NewGuid():N}@example.org";
        await portal.CreateUserAsync(email, PortalRoles.Member, ConsortiumPartners.Kcss.Id);
        return email;
    }

    private async Task<DateTime> SessionStartAsync(string email)
    {
        var userId = await portal.UserIdAsync(email);
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalIdentityDbContext>();
        var created = await db.Sessions.Where(s => s.UserId == userId).Select(s => s.CreatedAtUtc).SingleAsync();
        return UserTimeZone.AsUtc(created);
    }

    private static async Task<JsonElement> ProfileAsync(HttpClient client)
        => await client.GetFromJsonAsync<JsonElement>("/api/account/profile", SignIn.Json);

    private static string Stamp(JsonElement profile) => profile.GetProperty("concurrencyStamp").GetString()!;
}

public sealed class ProfileTests_Sqlite(SqlitePortal portal) : ProfileTests<SqlitePortal>(portal);

public sealed class ProfileTests_PostgreSql(PostgreSqlPortal portal) : ProfileTests<PostgreSqlPortal>(portal);
