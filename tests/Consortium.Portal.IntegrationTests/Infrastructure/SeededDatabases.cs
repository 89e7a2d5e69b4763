using System.Collections.Concurrent;
using Consortium.Portal.Platform;
using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Consortium.Portal.IntegrationTests.Infrastructure;

/// <summary>
/// One database per provider that a real portal migrated and seeded (demo data included), made once per test run.
/// Every test class starts its portal on a copy: a file copy on SQLite, <c>CREATE DATABASE … TEMPLATE</c> on
/// PostgreSQL. A first start migrates, prepares Hangfire's schema and seeds; on a copy the portal's migrations and
/// seeders find nothing to do, which is the start-up path production takes on an existing database. On the two-core
/// machine this took the integration project from 210 s to 175–190 s (its tests' summed time from 380 s to 317 s),
/// and each class still has a database of its own.
/// </summary>
public static class SeededDatabases
{
    private static readonly ConcurrentDictionary<DatabaseProvider, Lazy<Task<SeededDatabase>>> Made = new();

    // PostgreSQL refuses to copy a template that another session is copying or connected to: one copy at a time.
    private static readonly Lock PostgreSqlCopies = new();

    public static Task<SeededDatabase> ForAsync(DatabaseProvider provider)
        => Made.GetOrAdd(provider, p => new Lazy<Task<SeededDatabase>>(() => MakeAsync(p))).Value;

    private static async Task<SeededDatabase> MakeAsync(DatabaseProvider provider)
    {
        PortalAppFactory portal = provider == DatabaseProvider.Sqlite ? new SqlitePortal() : new PostgreSqlPortal();
        portal.StartsOnSeededCopy = false;
        await portal.InitializeAsync();
        portal.CreateClient().Dispose(); // starts it: migrations, Hangfire's schema, seeding
        var files = Directory.CreateTempSubdirectory("portal-seeded-");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { files.Delete(recursive: true); } catch (IOException) { } };
        var dataFolder = DataFolderOf(portal, files.FullName);
        SeededDatabase seeded;
        // The host stops before anything is copied: its outbox dispatcher may be delivering the seeding's events, and a
        // message it claimed would stay claimed in every copy (for Outbox:LockDuration, past any test's wait). Stopping
        // hands such claims back.
        await portal.DisposeAsync();
        await EnsureNoClaimsLeftAsync(provider, portal.ConnectionString);
        if (provider == DatabaseProvider.Sqlite)
        {
            var template = Path.Combine(files.FullName, "portal.db");
            await using (var connection = new SqliteConnection(portal.ConnectionString))
            {
                // A consistent copy of the database, its write-ahead log included.
                await connection.OpenAsync();
                await using var vacuum = connection.CreateCommand();
                vacuum.CommandText = "VACUUM INTO $path";
                vacuum.Parameters.AddWithValue("$path", template);
                await vacuum.ExecuteNonQueryAsync();
            }
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(portal.DataFolder, recursive: true); } catch (IOException) { /* left to the OS */ }
            seeded = new SeededDatabase(provider, template, dataFolder);
        }
        else
        {
            // The database stays as the template (dropped when the process ends). No session may stay connected to a
            // template, Hangfire's pooled ones included.
            var template = new NpgsqlConnectionStringBuilder(portal.ConnectionString).Database!;
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Drop(template);
            NpgsqlConnection.ClearAllPools();
            await using (var connection = new NpgsqlConnection(TestServers.PostgreSql))
            {
                await connection.OpenAsync();
                await using var terminate = new NpgsqlCommand(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @template AND pid <> pg_backend_pid()", connection);
                terminate.Parameters.AddWithValue("template", template);
                await terminate.ExecuteNonQueryAsync();
            }
            try { Directory.Delete(portal.DataFolder, recursive: true); } catch (IOException) { /* left to the OS */ }
            seeded = new SeededDatabase(provider, template, dataFolder);
        }
        return seeded;
    }

    /// <summary>
    /// Fails the run when the stopped seeding host left an outbox message claimed: every copy would start with it locked.
    /// </summary>
    private static async Task EnsureNoClaimsLeftAsync(DatabaseProvider provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<PlatformDbContext>();
        // No pooling: a PostgreSQL template must have no session left when it is copied.
        DbContextRegistration.ConfigureProvider(new DatabaseOptions(provider, provider == DatabaseProvider.Sqlite
            ? connectionString
            : new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString), options);
        await using var db = new PlatformDbContext(options.Options);
        var claimed = await db.OutboxMessages.AsNoTracking().Where(m => m.ProcessedAtUtc == null && m.LockedBy != null).ToListAsync();
        if (claimed.Count > 0)
        {
            throw new InvalidOperationException(
                $"The seeding host stopped with {claimed.Count} outbox message(s) still claimed, which every copy would inherit: {OutboxStates.Describe(claimed)}");
        }
    }

    /// <summary>
    /// What the seeding left in the data folder besides the database (blobs a module's demo data stores), kept beside
    /// the template so each copy gets its own; the SQLite files themselves are left out.
    /// </summary>
    private static string DataFolderOf(PortalAppFactory portal, string into)
    {
        var folder = Path.Combine(into, "data");
        Directory.CreateDirectory(folder);
        if (Directory.Exists(portal.DataFolder))
        {
            CopyDirectory(portal.DataFolder, folder, skip: name => name.StartsWith("portal.db", StringComparison.Ordinal) || name.StartsWith("hangfire.db", StringComparison.Ordinal));
        }
        return folder;
    }

    internal static void CopyDirectory(string from, string to, Func<string, bool>? skip = null)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            var name = Path.GetFileName(file);
            if (skip?.Invoke(name) != true)
            {
                File.Copy(file, Path.Combine(to, name), overwrite: true);
            }
        }
        foreach (var directory in Directory.EnumerateDirectories(from))
        {
            CopyDirectory(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }

    /// <summary>Creates a PostgreSQL database, empty or as a copy of <paramref name="template"/>.</summary>
    internal static void CreatePostgreSqlDatabase(string connectionString, string? template)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        lock (PostgreSqlCopies)
        {
            using var connection = new NpgsqlConnection(TestServers.PostgreSql);
            connection.Open();
            using var command = new NpgsqlCommand(
                template is null ? $"CREATE DATABASE \"{database}\"" : $"CREATE DATABASE \"{database}\" TEMPLATE \"{template}\"", connection);
            command.ExecuteNonQuery();
        }
    }

    private static void Drop(string database)
    {
        try
        {
            using var connection = new NpgsqlConnection(TestServers.PostgreSql);
            connection.Open();
            using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
            command.ExecuteNonQuery();
        }
        catch (NpgsqlException)
        {
            // The server may already be stopping with the run; build/test.sh throws its cluster away anyway.
        }
    }
}

/// <summary>A migrated and seeded database, and the data folder its seeding left, ready to be copied.</summary>
public sealed record SeededDatabase(DatabaseProvider Provider, string Template, string DataFolder)
{
    public void CopyTo(string connectionString, string dataFolder)
    {
        SeededDatabases.CopyDirectory(DataFolder, dataFolder);
        if (Provider == DatabaseProvider.Sqlite)
        {
            File.Copy(Template, new SqliteConnectionStringBuilder(connectionString).DataSource, overwrite: true);
        }
        else
        {
            SeededDatabases.CreatePostgreSqlDatabase(connectionString, Template);
        }
    }
}
