using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Consortium.Portal.Identity;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Notifications;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace Consortium.Portal.IntegrationTests.Notifications;

/// <summary>
/// The real sign-in, end to end: a .NET SignalR client (as the load benchmark uses) subscribes with the session cookie the
/// sign-in API set, and hears what a partner lead announces through the API; the outbox runs in the background.
/// </summary>
public abstract class CookieSubscriptionTests<TPortal>(TPortal portal) : IClassFixture<TPortal> where TPortal : PortalAppFactory
{
    private async Task<(Guid UserId, string Cookie)> SignInAsync(string email)
    {
        var client = portal.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), HandleCookies = false });
        var response = await SignIn.PostSignInAsync(client, email, DemoUsers.Password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(SignIn.Json);
        var cookie = string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        return (body.GetProperty("userId").GetGuid(), cookie);
    }

    private HubConnection ConnectionWith(string cookie) => new HubConnectionBuilder()
        .WithUrl(new Uri(portal.Server.BaseAddress, NotificationsPaths.Hub.TrimStart('/')), options =>
        {
            options.Transports = HttpTransportType.LongPolling;
            options.HttpMessageHandlerFactory = _ => portal.Server.CreateHandler();
            options.Headers["Cookie"] = cookie;
        })
        .Build();

    [Fact]
    public async Task A_client_subscribed_with_the_session_cookie_hears_an_announcement_of_the_partner_lead()
    {
        var (memberId, cookie) = await SignInAsync(DemoUsers.MemberOf(ConsortiumPartners.Kcss));
        var lead = await portal.AsAsync(DemoUsers.LeadOf(ConsortiumPartners.Kcss));
        await using var connection = ConnectionWith(cookie);
        var received = new ReceivedNotifications(connection);
        await connection.StartListeningAsync();

        var sent = await lead.PostAsJsonAsync(NotificationsPaths.Api + "/announcements",
            new AnnouncementInput("Workshop in Peja", "Bring the attendance lists.", [memberId], "/notifications"), SignIn.Json);

        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        var push = Assert.Single(await received.WaitForAsync(1, TimeSpan.FromSeconds(30)));
        Assert.EndsWith("Workshop in Peja", push.Notification.Title);
        Assert.Equal("Bring the attendance lists.", push.Notification.Body);
    }

    [Fact]
    public async Task A_client_with_a_made_up_cookie_is_refused()
    {
        await using var connection = ConnectionWith("__Host-portal=forged");

        var refusal = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, refusal.StatusCode);
    }
}

public sealed class CookieSubscriptionTests_Sqlite(SqlitePortal portal) : CookieSubscriptionTests<SqlitePortal>(portal);

public sealed class CookieSubscriptionTests_PostgreSql(PostgreSqlPortal portal) : CookieSubscriptionTests<PostgreSqlPortal>(portal);
