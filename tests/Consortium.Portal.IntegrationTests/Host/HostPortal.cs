using System.Net;
using System.Security.Claims;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Platform.Blobs;
using Consortium.Portal.Platform.Localization;
using Consortium.Portal.Platform.Modularity;
using Consortium.Portal.Platform.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Consortium.Portal.IntegrationTests.Host;

/// <summary>
/// The real portal (on <typeparamref name="TPortal"/>'s database) with what the host's tests need around it:
/// <list type="bullet">
/// <item>a sign-in of their own (a cookie scheme made the default, <c>POST /test/sign-in?...</c>), so that the host is
/// tested with signed-in users of any role, culture and time zone without going through the Identity module's pages;</item>
/// <item>the <see cref="ProbeModule"/>'s endpoints and navigation items, added to the loaded modules;</item>
/// <item>a blob store whose availability the test decides, and a preference store that records what it is told.</item>
/// </list>
/// </summary>
public sealed class HostPortal<TPortal> : IAsyncLifetime where TPortal : PortalAppFactory, new()
{
    public TPortal Portal { get; } = new();

    public WebApplicationFactory<Program> Factory { get; private set; } = default!;

    public StandInBlobStore Blobs { get; } = new();

    public RecordingPreferenceStore Preferences { get; } = new();

    public RecordedErrors Errors { get; } = new();

    public async Task InitializeAsync()
    {
        await Portal.InitializeAsync();
        Factory = Portal.WithWebHostBuilder(builder => builder.ConfigureTestServices(ConfigureServices));
    }

    private void ConfigureServices(IServiceCollection services)
    {
        services.AddAuthentication().AddCookie(TestSignIn.Scheme, options =>
        {
            options.Cookie.Name = "portal-host-tests";
            options.LoginPath = "/account/sign-in";
        });
        services.Configure<AuthenticationOptions>(options =>
        {
            options.DefaultScheme = TestSignIn.Scheme;
            options.DefaultAuthenticateScheme = TestSignIn.Scheme;
            options.DefaultChallengeScheme = TestSignIn.Scheme;
            options.DefaultForbidScheme = TestSignIn.Scheme;
            options.DefaultSignInScheme = TestSignIn.Scheme;
            options.DefaultSignOutScheme = TestSignIn.Scheme;
        });

        var loaded = (ModuleCatalog)services.Single(d => d.ServiceType == typeof(ModuleCatalog)).ImplementationInstance!;
        services.Replace(ServiceDescriptor.Singleton(new ModuleCatalog([.. loaded.Modules, new ProbeModule()])));
        // The probe joins the modules after their services were configured, so its validator and home sections are registered here.
        services.AddScoped<FluentValidation.IValidator<ProbeSeatRequest>, ProbeSeatRequestValidator>();
        services.AddSingleton<Consortium.Portal.Platform.Home.IHomeSectionProvider, ProbeHomeSections>();
        services.Replace(ServiceDescriptor.Singleton<IBlobStore>(Blobs));
        services.Replace(ServiceDescriptor.Singleton<IUserPreferenceStore>(Preferences));
        services.AddSingleton<ILoggerProvider>(Errors);
    }

    /// <summary>A browser: keeps cookies, follows no redirect, speaks https.</summary>
    public HttpClient CreateClient() => Factory.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://localhost"),
        AllowAutoRedirect = false,
        HandleCookies = true,
    });

    /// <summary>A browser whose user is signed in with these claims.</summary>
    public async Task<HttpClient> SignedInClientAsync(TestUser user)
    {
        var client = CreateClient();
        var query = $"id={user.Id}&name={Uri.EscapeDataString(user.UserName)}&displayName={Uri.EscapeDataString(user.DisplayName)}" +
                    string.Concat(user.Roles.Select(r => "&role=" + Uri.EscapeDataString(r))) +
                    (user.Culture is null ? "" : "&culture=" + Uri.EscapeDataString(user.Culture)) +
                    (user.TimeZone is null ? "" : "&tz=" + Uri.EscapeDataString(user.TimeZone));
        var response = await client.PostAsync("/test/sign-in?" + query, null);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        return client;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await ((IAsyncLifetime)Portal).DisposeAsync();
    }
}

/// <summary>The host tests' own sign-in: a cookie scheme made the default in place of the Identity module's.</summary>
public static class TestSignIn
{
    public const string Scheme = "HostTests";

    /// <summary>Signs in with the claims the Identity module puts on a principal.</summary>
    public static Task SignInAsync(HttpContext context, Guid id, string name, string displayName, string[] roles, string? culture, string? timeZone)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, id.ToString()),
            new(ClaimTypes.Name, name),
            new(PortalClaimTypes.DisplayName, displayName),
        };
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        if (culture is not null) claims.Add(new Claim(PortalClaimTypes.Culture, culture));
        if (timeZone is not null) claims.Add(new Claim(PortalClaimTypes.TimeZone, timeZone));
        return context.SignInAsync(Scheme, new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme)));
    }
}

public sealed record TestUser(string UserName, string DisplayName, string[] Roles, string? Culture = null, string? TimeZone = null)
{
    public Guid Id { get; } = Guid.NewGuid();

    public static TestUser Member(string? culture = null) => new("member@bprg.example", "Ardita Krasniqi", [PortalRoles.Member], culture);
    public static TestUser PartnerLead(string? culture = null) => new("lead@bcsp.example", "Milan Petrović", [PortalRoles.PartnerLead], culture);
    public static TestUser Administrator() => new("admin@portal.example", "Ana Admin", [PortalRoles.Administrator]);
}

/// <summary>The preference store of the host's tests: remembers what the culture switch told it.</summary>
public sealed class RecordingPreferenceStore : IUserPreferenceStore
{
    private readonly List<(Guid UserId, string Culture)> _cultures = [];

    public IReadOnlyList<(Guid UserId, string Culture)> Cultures { get { lock (_cultures) return _cultures.ToList(); } }

    public Task SetCultureAsync(Guid userId, string culture)
    {
        lock (_cultures) _cultures.Add((userId, culture));
        return Task.CompletedTask;
    }
}

/// <summary>
/// Stands in for the blob storage in the host's tests, which only probe its availability (the storage itself has
/// its own contract suite): it answers the readiness probe, or fails it when <see cref="Available"/> is false.
/// </summary>
public sealed class StandInBlobStore : IBlobStore
{
    public volatile bool Available = true;

    public Task CheckAvailabilityAsync(CancellationToken cancellationToken = default)
        => Available ? Task.CompletedTask : throw new BlobStorageUnavailableException("connection refused by 10.0.0.9 (a detail no probe should see)");

    public Task<BlobProperties> PutAsync(string container, string name, Stream content, BlobPutOptions? options = null, CancellationToken cancellationToken = default) => throw Unused();
    public Task<BlobDownload?> OpenReadAsync(string container, string name, CancellationToken cancellationToken = default) => throw Unused();
    public Task<BlobProperties?> GetPropertiesAsync(string container, string name, CancellationToken cancellationToken = default) => throw Unused();
    public Task<bool> ExistsAsync(string container, string name, CancellationToken cancellationToken = default) => throw Unused();
    public Task<bool> DeleteAsync(string container, string name, CancellationToken cancellationToken = default) => throw Unused();
    public IAsyncEnumerable<BlobProperties> ListAsync(string container, string? prefix = null, CancellationToken cancellationToken = default) => throw Unused();

    private static InvalidOperationException Unused() => new("The host's tests use the blob store only for the readiness probe.");
}

/// <summary>The exceptions the portal logged as errors, so tests can tell a logged failure from a quiet refusal.</summary>
public sealed class RecordedErrors : ILoggerProvider
{
    private readonly List<Exception> _exceptions = [];

    public IReadOnlyList<Exception> Exceptions { get { lock (_exceptions) return _exceptions.ToList(); } }

    public ILogger CreateLogger(string categoryName) => new Recorder(this);

    public void Dispose() { }

    private sealed class Recorder(RecordedErrors errors) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error && exception is not null)
            {
                lock (errors._exceptions) errors._exceptions.Add(exception);
            }
        }
    }
}

/// <summary>
/// The host's test classes share one portal per database: they read pages and headers and probe the host's own
/// endpoints, and what they change (the stand-in blob store's availability, recorded preferences and errors) is put
/// back or only added to, so classes run one after another on it instead of each starting a portal of its own.
/// </summary>
public static class HostCollections
{
    public const string Sqlite = "The host on SQLite";
    public const string PostgreSql = "The host on PostgreSQL";
}

[CollectionDefinition(HostCollections.Sqlite)]
public sealed class HostOnSqlite : ICollectionFixture<HostPortal<SqlitePortal>>;

[CollectionDefinition(HostCollections.PostgreSql)]
public sealed class HostOnPostgreSql : ICollectionFixture<HostPortal<PostgreSqlPortal>>;
