using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using Consortium.Portal.Identity;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.IntegrationTests.Matrix;

namespace Consortium.Portal.IntegrationTests.Platform;

/// <summary>
/// Cross-site request forgery (issue 10, item 2): with the victim's cookie, a request another site makes their browser
/// send is refused before any endpoint runs; the portal's own pages (same origin) and programs holding their own cookie
/// (no Origin, no Sec-Fetch-Site) still pass. The matrix checks every state-changing endpoint the same way.
/// </summary>
public abstract class CrossOriginRequestTests<TPortal>(TPortal portal) : IClassFixture<TPortal> where TPortal : PortalAppFactory
{
    private const string Evil = "http://evil.example";

    public static TheoryData<string, string> CrossSiteHeaders => new()
    {
        { "Origin", Evil },
        { "Origin", "null" },
        { "Origin", "https://localhost.evil.example" },
        { "Origin", "http://localhost" },
        { "Sec-Fetch-Site", "cross-site" },
        { "Sec-Fetch-Site", "same-site" },
        { "Sec-Fetch-Site", "none" },
    };

    [Theory]
    [MemberData(nameof(CrossSiteHeaders))]
    public async Task A_state_changing_call_with_the_users_cookie_from_another_site_gets_403_problem_details(string header, string value)
    {
        var client = await portal.AsAsync(DemoUsers.MemberOf(ConsortiumPartners.Kcss));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/notifications/read-all");
        request.Headers.Add(header, value);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(SignIn.Json);
        Assert.Equal("Request.CrossOrigin", problem.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("Origin", "https://localhost")]
    [InlineData("Origin", "https://LOCALHOST:443")]
    [InlineData("Sec-Fetch-Site", "same-origin")]
    [InlineData(null, null)]
    public async Task The_portals_own_pages_and_programs_holding_their_own_cookie_pass(string? header, string? value)
    {
        var client = await portal.AsAsync(DemoUsers.MemberOf(ConsortiumPartners.Kcss));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/notifications/read-all");
        if (header is not null)
        {
            request.Headers.Add(header, value);
        }

        var response = await client.SendAsync(request);

        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task Another_site_cannot_sign_the_user_out_and_the_session_goes_on()
    {
        var client = await portal.AsAsync(DemoUsers.MemberOf(ConsortiumPartners.Bprg));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/account/sign-out");
        request.Headers.Add("Origin", Evil);

        var refused = await client.SendAsync(request);
        var me = await client.GetAsync("/api/account/me");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Fact]
    public async Task Another_site_cannot_sign_a_visitor_in_to_an_account_of_its_choosing()
    {
        var client = portal.CreatePortalClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/account/sign-in")
        {
            Content = new StringContent($"{{\"email\":\"{DemoUsers.MemberOf(ConsortiumPartners.Bprg)}\",\"password\":\"{DemoUsers.Password}\"}}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Sec-Fetch-Site", "cross-site");

        var response = await client.SendAsync(request);
        var me = await client.GetAsync("/api/account/me");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [Fact]
    public async Task A_WebSocket_to_the_notification_hub_from_another_site_is_refused_and_one_from_the_portal_opens()
    {
        var (_, cookies) = await MatrixScene.SignInAsync(portal, DemoUsers.MemberOf(ConsortiumPartners.Bcsp));
        var hub = new Uri("wss://localhost/hubs/notifications");
        var cookie = cookies.GetCookieHeader(new Uri("https://localhost/"));

        var refused = await Record.ExceptionAsync(() => ConnectAsync(hub, cookie, Evil));
        using var opened = await ConnectAsync(hub, cookie, "https://localhost");

        Assert.NotNull(refused);
        Assert.Contains("403", refused.Message, StringComparison.Ordinal);
        Assert.Equal(WebSocketState.Open, opened.State);
    }

    [Fact]
    public async Task A_WebSocket_to_the_Blazor_circuit_from_another_site_is_refused()
    {
        var refused = await Record.ExceptionAsync(() => ConnectAsync(new Uri("wss://localhost/_blazor?id=x"), cookie: null, Evil));

        Assert.NotNull(refused);
        Assert.Contains("403", refused.Message, StringComparison.Ordinal);
    }

    private async Task<WebSocket> ConnectAsync(Uri address, string? cookie, string origin)
    {
        var client = portal.Server.CreateWebSocketClient();
        client.ConfigureRequest = request =>
        {
            request.Headers.Origin = origin;
            if (cookie is not null)
            {
                request.Headers.Cookie = cookie;
            }
        };
        return await client.ConnectAsync(address, CancellationToken.None);
    }
}

public sealed class CrossOriginRequestTests_Sqlite(SqlitePortal portal) : CrossOriginRequestTests<SqlitePortal>(portal);

public sealed class CrossOriginRequestTests_PostgreSql(PostgreSqlPortal portal) : CrossOriginRequestTests<PostgreSqlPortal>(portal);
