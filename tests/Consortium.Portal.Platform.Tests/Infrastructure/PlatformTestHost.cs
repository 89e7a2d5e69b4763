using System.Security.Claims;
using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Npgsql;
using Microsoft.Extensions.Time.Testing;

namespace Consortium.Portal.Platform.Tests.Infrastructure;

/// <summary>
/// The platform's real services (PlatformModule.ConfigureServices) and a small test module, on a database of their
/// own: a SQLite file, or a fresh database on the PostgreSQL server of PORTAL_TEST_POSTGRES (missing: the test fails).
/// Time stands still on <see cref="Clock"/> until a test moves it.
/// </summary>
public sealed class PlatformTestHost : IAsyncDisposable
{
    private readonly string _folder;
    private readonly string? _postgreSqlDatabase;

    private PlatformTestHost(ServiceProvider services, FakeTimeProvider clock, string folder, string? postgreSqlDatabase)
    {
        Services = services;
        Clock = clock;
        _folder = folder;
        _postgreSqlDatabase = postgreSqlDatabase;
    }

    public ServiceProvider Services { get; }

    public FakeTimeProvider Clock { get; }

    public static async Task<PlatformTestHost> StartAsync(
        DatabaseProvider provider,
        Action<IServiceCollection>? configureServices = null,
        IDictionary<string, string?>? settings = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "portal-platform-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);

        string connectionString;
        string? postgreSqlDatabase = null;
        if (provider == DatabaseProvider.PostgreSql)
        {
            postgreSqlDatabase = "platform_test_" + Guid.NewGuid().ToString("N");
            await using var connection = new NpgsqlConnection(PostgreSqlServer);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{postgreSqlDatabase}\"", connection);
            await command.ExecuteNonQueryAsync();
            connectionString = new NpgsqlConnectionStringBuilder(PostgreSqlServer) { Database = postgreSqlDatabase }.ConnectionString;
        }
        else
        {
            connectionString = $"Data Source={Path.Combine(folder, "portal.db")};Pooling=False";
        }

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Portal:DataFolder"] = folder,
                ["Outbox:Enabled"] = "false",
                ["Jobs:Enabled"] = "false",
            })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var environment = new HostingEnvironment { EnvironmentName = "Testing", ContentRootPath = folder, ApplicationName = "Consortium.Portal.Platform.Tests" };

        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostEnvironment>(environment);
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton(new DatabaseOptions(provider, connectionString));
        services.AddSingleton(new PermissionDefinitionCatalog([]));
        // The Platform's own texts (the audit log's sentences read them), as the portal's module catalogue provides them.
        services.AddSingleton(new Modularity.ModuleCatalog([new PlatformModule()]));
        new PlatformModule().ConfigureServices(new Modularity.ModuleServicesContext(services, configuration, environment));
        services.AddModuleDbContext<MeetingsDbContext>();
        configureServices?.Invoke(services);

        var serviceProvider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        await using (var scope = serviceProvider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MeetingsDbContext>();
            await db.Database.EnsureCreatedAsync();
            if (provider == DatabaseProvider.Sqlite)
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;"); // as the portal runs it
            }
        }
        return new PlatformTestHost(serviceProvider, clock, folder, postgreSqlDatabase);
    }

    private static string PostgreSqlServer => Environment.GetEnvironmentVariable("PORTAL_TEST_POSTGRES") is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException(
            "PORTAL_TEST_POSTGRES is not set: these tests need a PostgreSQL server. Run them through build/test.sh, which starts it on loopback.");

    /// <summary>A unit of work acting as <paramref name="user"/> (nobody when null).</summary>
    public AsyncServiceScope Scope(ClaimsPrincipal? user = null)
    {
        var scope = Services.CreateAsyncScope();
        if (user is not null)
        {
            scope.ServiceProvider.GetRequiredService<CurrentPrincipal>().Principal = user;
        }
        return scope;
    }

    public static ClaimsPrincipal User(Guid id, string name, params string[] roles)
        => new(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, id.ToString()), new Claim(ClaimTypes.Name, name), .. roles.Select(r => new Claim(ClaimTypes.Role, r))],
            authenticationType: "Test"));

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (_postgreSqlDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(PostgreSqlServer);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgreSqlDatabase}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { /* a file still open is left to the OS */ }
    }
}
