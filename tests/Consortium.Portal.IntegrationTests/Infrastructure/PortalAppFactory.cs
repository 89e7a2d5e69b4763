using Consortium.Portal.Platform.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Consortium.Portal.IntegrationTests.Infrastructure;

/// <summary>
/// The real portal in memory, on a database of its own. Each test class gets a fresh database through its
/// fixture, so classes do not see each other's data. The PostgreSQL variant needs the server build/test.sh
/// starts (PORTAL_TEST_POSTGRES); without it the tests fail, they do not skip.
/// </summary>
public abstract class PortalAppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    protected PortalAppFactory()
    {
        DataFolder = Path.Combine(Path.GetTempPath(), "portal-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataFolder);
    }

    public abstract DatabaseProvider Provider { get; }

    public string DataFolder { get; }

    /// <summary>The connection string the portal under test uses.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>Extra settings a test class needs (set before the first client is created).</summary>
    public Dictionary<string, string?> Settings { get; } = new();

    /// <summary>
    /// The portal's clock, for a test class that lets time pass by advancing it instead of sleeping (session time-outs):
    /// set it before the first client is created. It starts at the real time, because sign-in codes (TOTP) are computed
    /// by the test from the real time. Null: the real clock.
    /// </summary>
    public FakeTimeProvider? Clock { get; set; }

    /// <summary>
    /// True keeps the portal's own password hashing (PBKDF2 of 210,000 iterations) for a test class that checks it; set
    /// it before the first client is created. By default the portal under test hashes with
    /// <see cref="TestPasswordIterations"/>: the suite signs in about a thousand times, and at the real cost each
    /// sign-in is a few hundred milliseconds of CPU on a two-core machine, minutes of the whole run. The hash format and
    /// every check around it stay the same; only the work factor is lower.
    /// </summary>
    public bool ProductionPasswordHashing { get; set; }

    public const int TestPasswordIterations = 1_000;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("ConnectionStrings:Portal", ConnectionString);
        builder.UseSetting("Portal:DataFolder", DataFolder);
        builder.UseSetting("Portal:SeedDemoData", "true");
        // Tests sign in far more often than people do; the rate-limit tests set their own limit through Settings.
        builder.UseSetting("Identity:SignInRateLimit", "10000");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        // No module of the portal has a workflow subject type yet; the tests' own stands in for one.
        builder.ConfigureTestServices(Workflows.TestSubjects.AddTo);
        if (!ProductionPasswordHashing)
        {
            builder.ConfigureTestServices(services => services.PostConfigure<PasswordHasherOptions>(o => o.IterationCount = TestPasswordIterations));
        }
        if (Clock is { } clock)
        {
            // One TimeProvider for the whole portal: the cookie handler and the security stamp validator take theirs
            // from the container too, so time-outs and revalidation follow the same clock as the portal's own checks.
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock));
        }
    }

    /// <summary>A client that keeps cookies; https so that the portal's Secure, __Host- cookies are sent back.</summary>
    public HttpClient CreatePortalClient() => CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://localhost"),
        AllowAutoRedirect = false,
        HandleCookies = true,
    });

    public virtual async Task InitializeAsync()
    {
        ConnectionString = await CreateDatabaseAsync();
    }

    protected abstract Task<string> CreateDatabaseAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await DropDatabaseAsync();
        try { Directory.Delete(DataFolder, recursive: true); } catch (IOException) { /* a file still open is left to the OS */ }
    }

    protected virtual Task DropDatabaseAsync() => Task.CompletedTask;
}

public sealed class SqlitePortal : PortalAppFactory
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override Task<string> CreateDatabaseAsync() => Task.FromResult($"Data Source={Path.Combine(DataFolder, "portal.db")}");
}

public sealed class PostgreSqlPortal : PortalAppFactory
{
    private string _database = "";

    public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    protected override async Task<string> CreateDatabaseAsync()
    {
        var server = TestServers.PostgreSql;
        _database = "portal_test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = _database }.ConnectionString;
    }

    protected override async Task DropDatabaseAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(TestServers.PostgreSql);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>The servers build/test.sh starts. A missing one is a failure with a message saying how to get it.</summary>
public static class TestServers
{
    public static string PostgreSql => Required("PORTAL_TEST_POSTGRES", "a PostgreSQL server");

    public static string Required(string variable, string what)
        => Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{variable} is not set: these tests need {what}. Run them through build/test.sh, which starts it on loopback.");
}
