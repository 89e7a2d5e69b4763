using System.Net;
using Consortium.Portal.Identity;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Notifications;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Consortium.Portal.IntegrationTests.Platform;

/// <summary>
/// A stopping portal opens no new hub or circuit connection (<c>UsePortalStoppingConnections</c>): once
/// ApplicationStopping has fired, a negotiation is a 503, so the page retries and reaches the next process, while plain
/// page and API requests are served as before. The browser's GracefulStopTests see the whole stop; this is the rule
/// alone. The rule reads no database, so SQLite alone is enough.
/// </summary>
public sealed class StoppingConnectionsTests(SqlitePortal portal) : IClassFixture<SqlitePortal>
{
    private const string Circuits = "/_blazor";

    [Fact]
    public async Task Once_the_portal_is_stopping_hub_and_circuit_negotiations_get_503_and_pages_and_the_api_are_served()
    {
        // The stop really runs (the test host runs the portal's app.Run), and ends in the host's disposal: a portal of
        // its own, held between ApplicationStopping and the web server's stop, the window a real stop has too.
        var hold = new HeldStop();
        await using var stopping = portal.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<IHostedService>(hold)));
        var member = stopping.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true });
        Assert.Equal(HttpStatusCode.OK, (await SignIn.PostSignInAsync(member, DemoUsers.MemberOf(ConsortiumPartners.Kcss), DemoUsers.Password)).StatusCode);
        var anonymous = stopping.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.OK, (await NegotiateAsync(member, NotificationsPaths.Hub)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await NegotiateAsync(anonymous, Circuits)).StatusCode);

        try
        {
            stopping.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
            await hold.Reached.WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await NegotiateAsync(member, NotificationsPaths.Hub)).StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await NegotiateAsync(member, Circuits)).StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await NegotiateAsync(anonymous, Circuits)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/api/notifications/unread-count")).StatusCode);
            var page = await member.GetAsync("/");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        }
        finally
        {
            hold.Release();
        }
    }

    /// <summary>What a page's SignalR client sends first, from the portal's own origin (the same-origin rule would refuse it otherwise).</summary>
    private static async Task<HttpResponseMessage> NegotiateAsync(HttpClient client, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{path}/negotiate?negotiateVersion=1");
        request.Headers.Add("Origin", "https://localhost");
        return await client.SendAsync(request);
    }

    /// <summary>
    /// Keeps a stop at its first step: the host calls every lifecycle service's StoppingAsync after ApplicationStopping
    /// and before it stops any hosted service, the web server among them, so requests are still served meanwhile.
    /// </summary>
    private sealed class HeldStop : IHostedLifecycleService
    {
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Reached => _reached.Task;

        public void Release() => _released.TrySetResult();

        public async Task StoppingAsync(CancellationToken cancellationToken)
        {
            _reached.TrySetResult();
            await _released.Task.WaitAsync(cancellationToken);
        }

        public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
