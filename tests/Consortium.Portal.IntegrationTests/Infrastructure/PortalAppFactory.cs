using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Modularity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Consortium.Portal.IntegrationTests.Infrastructure;

/// <summary>
/// The real portal in memory, on a database of its own. Each test class gets a database of its own through its
/// fixture, so classes do not see each other's data: by default a copy of one that a portal of the same provider
/// migrated and seeded once for the whole run (<see cref="SeededDatabases"/>), so a class does not pay for the
/// migrations and the seeding again. The PostgreSQL variant needs the server build/test.sh starts
/// (PORTAL_TEST_POSTGRES); without it the tests fail, they do not skip.
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

    /// <summary>
    /// False starts the portal on an empty database that it migrates and seeds itself, as the first start of an
    /// installation does, for a test class about that first start; set it before the first client is created. True (the
    /// default) starts it on a copy of the run's seeded database. A class that keeps the production password hashing
    /// always starts empty: the copy's demo users were hashed at the test work factor.
    /// </summary>
    public bool StartsOnSeededCopy { get; set; } = true;

    private readonly Lock _creation = new();
    private bool _created;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        EnsureDatabaseCreated();
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

    /// <summary>
    /// The started host, once its start's seeding has ended and its recurring jobs are registered: on an up-to-date
    /// database the portal seeds beside its own start (StartupSeeding), and HTTP requests wait for it, but a test that
    /// reads or writes through the services directly would otherwise race it; the jobs are registered once it listens
    /// (JobsStartup), and a test triggers them directly. A test begins on a portal as ready as <c>/health/ready</c> says.
    /// </summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        host.Services.GetService<StartupSeeding>()?.Completion.GetAwaiter().GetResult();
        host.Services.GetService<Consortium.Portal.Platform.Jobs.JobsStartup>()?.Completion.GetAwaiter().GetResult();
        return host;
    }

    public virtual async Task InitializeAsync()
    {
        ConnectionString = NameDatabase();
        if (StartsOnSeededCopy)
        {
            // Made by the first fixture that asks, once per run and provider; the others wait for it here.
            await SeededDatabases.ForAsync(Provider);
        }
    }

    /// <summary>The connection string of this portal's database, which is created when the portal starts.</summary>
    protected abstract string NameDatabase();

    /// <summary>
    /// Creates the database when the first host of this factory is built (a test class may still change
    /// <see cref="StartsOnSeededCopy"/> in its constructor, after <see cref="InitializeAsync"/>); a second instance
    /// on the same database (<c>WithWebHostBuilder</c>) finds it there.
    /// </summary>
    private void EnsureDatabaseCreated()
    {
        lock (_creation)
        {
            if (_created)
            {
                return;
            }
            if (StartsOnSeededCopy && !ProductionPasswordHashing)
            {
                var seeded = SeededDatabases.ForAsync(Provider).GetAwaiter().GetResult(); // made in InitializeAsync already
                seeded.CopyTo(ConnectionString, DataFolder);
            }
            else
            {
                CreateEmptyDatabase();
            }
            _created = true;
        }
    }

    protected abstract void CreateEmptyDatabase();

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

    protected override string NameDatabase() => $"Data Source={Path.Combine(DataFolder, "portal.db")}";

    protected override void CreateEmptyDatabase() { } // SQLite creates the file on the first connection
}

public sealed class PostgreSqlPortal : PortalAppFactory
{
    public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    protected override string NameDatabase()
        => new NpgsqlConnectionStringBuilder(TestServers.PostgreSql) { Database = "portal_test_" + Guid.NewGuid().ToString("N") }.ConnectionString;

    protected override void CreateEmptyDatabase() => SeededDatabases.CreatePostgreSqlDatabase(ConnectionString, template: null);

    protected override async Task DropDatabaseAsync()
    {
        var database = new NpgsqlConnectionStringBuilder(ConnectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(TestServers.PostgreSql);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
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
