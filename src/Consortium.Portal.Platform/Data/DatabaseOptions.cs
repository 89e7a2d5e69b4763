using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Consortium.Portal.Platform.Data;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>
/// <c>Database:Provider</c> (Sqlite | PostgreSql) and <c>ConnectionStrings:Portal</c>. SQLite is the default and needs no
/// set-up: without a connection string it uses <c>portal.db</c> in the data folder.
/// </summary>
public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString)
{
    public const string ConnectionStringName = "Portal";

    /// <summary>
    /// <c>Database:MaxAutoPrepare</c> (PostgreSQL, 20 by default; 0 prepares nothing): how many of the module contexts'
    /// statements each pooled connection keeps prepared once they were run a few times, so PostgreSQL does not parse and
    /// plan a list's query on every request again (build/bench/documents/list-postgresql.sh: its CPU per list request
    /// fell by almost half). A value in the connection string itself wins. Not for a connection through a pooler in
    /// transaction mode (PgBouncer before 1.21), which cannot keep prepared statements: set 0 there.
    /// </summary>
    public int MaxAutoPrepare { get; init; } = 20;

    /// <summary>
    /// <c>Database:ResetOnClose</c> (PostgreSQL, false by default): whether a connection going back to the pool is reset
    /// (<c>DISCARD ALL</c>, which also drops its prepared statements). The portal sets no session state (no <c>SET</c>,
    /// temporary tables, advisory locks or <c>LISTEN</c>), so there is nothing to reset. A value in the connection
    /// string itself wins.
    /// </summary>
    public bool ResetOnClose { get; init; }

    // Made once per setting (a context is made for every request); outside the record, so it takes no part in its equality.
    private static readonly ConcurrentDictionary<(string, int, bool), string> Tuned = new();

    /// <summary>
    /// A connection, not opened, with the plain <see cref="ConnectionString"/>: for the few statements a start or a probe
    /// runs without any DbContext (the seed fingerprint, the readiness check), whose first use builds EF's services.
    /// </summary>
    public DbConnection CreateConnection() => Provider == DatabaseProvider.PostgreSql
        ? new NpgsqlConnection(ConnectionString)
        : new Microsoft.Data.Sqlite.SqliteConnection(ConnectionString);

    /// <summary>
    /// The connection string of the modules' DbContexts: <see cref="ConnectionString"/> with <see cref="MaxAutoPrepare"/>
    /// and <see cref="ResetOnClose"/> on PostgreSQL (a pool of its own; migrations and background jobs keep the plain
    /// string).
    /// </summary>
    public string ContextConnectionString => Provider == DatabaseProvider.PostgreSql
        ? Tuned.GetOrAdd((ConnectionString, MaxAutoPrepare, ResetOnClose), WithPostgreSqlTuning)
        : ConnectionString;

    private static string WithPostgreSqlTuning((string ConnectionString, int MaxAutoPrepare, bool ResetOnClose) setting)
    {
        var (connectionString, maxAutoPrepare, resetOnClose) = setting;
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = maxAutoPrepare;
        }
        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose"))
        {
            builder.NoResetOnClose = !resetOnClose;
        }
        return builder.ConnectionString;
    }

    /// <summary>Reads and checks the configuration; a wrong value stops the start with a message that says what to fix.</summary>
    public static DatabaseOptions FromConfiguration(IConfiguration configuration, string dataFolder)
    {
        var providerName = configuration["Database:Provider"];
        DatabaseProvider provider;
        if (string.IsNullOrWhiteSpace(providerName))
        {
            provider = DatabaseProvider.Sqlite;
        }
        else if (!Enum.TryParse(providerName, ignoreCase: true, out provider) || !Enum.IsDefined(provider) || int.TryParse(providerName, out _))
        {
            throw new InvalidOperationException(
                $"Database:Provider '{providerName}' is not supported. Use 'Sqlite' (the default) or 'PostgreSql'.");
        }

        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider == DatabaseProvider.PostgreSql)
            {
                throw new InvalidOperationException(
                    $"Database:Provider is PostgreSql but ConnectionStrings:{ConnectionStringName} is missing. " +
                    "Set it, for example ConnectionStrings__Portal='Host=127.0.0.1;Port=5432;Database=portal;Username=portal;Password=...'.");
            }
            Directory.CreateDirectory(dataFolder);
            connectionString = $"Data Source={Path.Combine(dataFolder, "portal.db")}";
        }
        var maxAutoPrepare = configuration.GetValue("Database:MaxAutoPrepare", 20);
        if (maxAutoPrepare < 0)
        {
            throw new InvalidOperationException($"Database:MaxAutoPrepare is {maxAutoPrepare}; use 0 (prepare nothing) or more.");
        }
        return new DatabaseOptions(provider, connectionString)
        {
            MaxAutoPrepare = maxAutoPrepare,
            ResetOnClose = configuration.GetValue("Database:ResetOnClose", false),
        };
    }
}

/// <summary>Where the portal keeps its local files (SQLite database, file-system blobs, mail pick-up): <c>Portal:DataFolder</c>.</summary>
public static class PortalDataFolder
{
    public static string Resolve(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration["Portal:DataFolder"];
        var folder = string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(environment.ContentRootPath, "App_Data")
            : Path.GetFullPath(configured, environment.ContentRootPath);
        Directory.CreateDirectory(folder);
        return folder;
    }
}
