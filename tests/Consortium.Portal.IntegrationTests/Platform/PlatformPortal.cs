using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Platform.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.IntegrationTests.Platform;

/// <summary>
/// The real portal on a database of its own, with <see cref="TestSignInHandler"/> for signing in. The outbox
/// dispatcher and the job server are off unless <see cref="RunsBackgroundWork"/>, so tests drive them by hand.
/// </summary>
public abstract class PlatformPortal<TPortal> : IAsyncLifetime where TPortal : PortalAppFactory, new()
{
    private readonly TPortal _portal = new();

    public WebApplicationFactory<Program> App { get; private set; } = default!;

    public DatabaseProvider Provider => _portal.Provider;

    protected virtual bool RunsBackgroundWork => false;

    protected virtual void ConfigureServices(IServiceCollection services) { }

    /// <summary>Settings of a fixture of its own (applied after the defaults above them).</summary>
    protected virtual void ConfigureSettings(IWebHostBuilder builder) { }

    public async Task InitializeAsync()
    {
        await _portal.InitializeAsync();
        App = NewHost();
    }

    /// <summary>Stops the portal and starts it again on the same database and data folder, as a restart of the process would.</summary>
    public async Task RestartAsync()
    {
        await App.DisposeAsync();
        App = NewHost();
    }

    /// <summary>
    /// A second portal process on the same database and data folder, with the same settings and services, as a second
    /// server behind the load balancer would be; the caller disposes it.
    /// </summary>
    public WebApplicationFactory<Program> AnotherInstance() => NewHost();

    private WebApplicationFactory<Program> NewHost()
        => _portal.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Outbox:Enabled", RunsBackgroundWork ? "true" : "false");
            builder.UseSetting("Jobs:Enabled", RunsBackgroundWork ? "true" : "false");
            builder.UseSetting("Jobs:QueuePollInterval", "00:00:01");
            ConfigureSettings(builder);
            builder.ConfigureTestServices(services =>
            {
                TestSignInHandler.AddTo(services);
                ConfigureServices(services);
            });
        });

    public HttpClient Anonymous() => App.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://localhost"),
        AllowAutoRedirect = false,
    });

    public HttpClient SignedIn(string role, Guid? userId = null)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Add(TestSignInHandler.Header,
            TestSignInHandler.Value(userId ?? Guid.NewGuid(), $"{role.ToLowerInvariant()}@kspag.example", role));
        return client;
    }

    public AsyncServiceScope Scope() => App.Services.CreateAsyncScope();

    async Task IAsyncLifetime.DisposeAsync() => await ((IAsyncLifetime)_portal).DisposeAsync();
}

public sealed class PlatformSqlitePortal : PlatformPortal<SqlitePortal>;

public sealed class PlatformPostgreSqlPortal : PlatformPortal<PostgreSqlPortal>;
