using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Modularity;
using System.Data.Common;
using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Consortium.Portal.Migrations;

/// <summary>Brings the database to the newest schema: at start-up, and through the operators' <c>migrate</c> command.</summary>
public static class PortalDatabase
{
    public static PortalMigrationsDbContext CreateMigrationsContext(DatabaseOptions database, ModuleCatalog modules) => database.Provider switch
    {
        DatabaseProvider.Sqlite => new SqliteMigrationsDbContext(
            (DbContextOptions<SqliteMigrationsDbContext>)DbContextRegistration.ConfigureProvider(
                database, new DbContextOptionsBuilder<SqliteMigrationsDbContext>(), typeof(PortalDatabase).Assembly.GetName().Name).Options,
            modules),
        DatabaseProvider.PostgreSql => new PostgreSqlMigrationsDbContext(
            (DbContextOptions<PostgreSqlMigrationsDbContext>)DbContextRegistration.ConfigureProvider(
                database, new DbContextOptionsBuilder<PostgreSqlMigrationsDbContext>(), typeof(PortalDatabase).Assembly.GetName().Name).Options,
            modules),
        _ => throw new InvalidOperationException($"Unsupported database provider {database.Provider}."),
    };

    /// <summary>True when the database was already up to date (nothing applied): the usual start.</summary>
    public static async Task<bool> MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var database = services.GetRequiredService<DatabaseOptions>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PortalDatabase));
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets readers work while one writer commits; the mode is stored in the database file.
            await using var connection = new SqliteConnection(database.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL;";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        var contextType = database.Provider == DatabaseProvider.PostgreSql ? typeof(PostgreSqlMigrationsDbContext) : typeof(SqliteMigrationsDbContext);
        if (await IsUpToDateAsync(database, contextType, cancellationToken))
        {
            // The usual start. EF's own check (GetPendingMigrations, then Migrate) builds the whole composed model,
            // the snapshot's model and their difference first: most of the database's part of a cold start. Whether
            // the model has changes no migration covers is MigrationCoverageTests' question, at build time.
            await UpdateStatisticsAsync(services, database, cancellationToken);
            return true;
        }
        // Made only here: its options (the provider, the interceptors) were about 30 ms of every start (issue 16).
        await using var context = CreateMigrationsContext(database, services.GetRequiredService<ModuleCatalog>());
        var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} migration(s) on {Provider}: {Migrations}", pending.Count, database.Provider, pending);
        }
        // Takes the migrations lock and reads the history again, so two instances starting together apply each once.
        await context.Database.MigrateAsync(cancellationToken);
        await UpdateStatisticsAsync(services, database, cancellationToken);
        return false;
    }

    // SQLite's planner uses an index (a new one from a migration, too) well only once its table has statistics; between
    // starts the hourly job keeps them. Milliseconds: only tables whose size changed are sampled.
    private static Task UpdateStatisticsAsync(IServiceProvider services, DatabaseOptions database, CancellationToken cancellationToken) =>
        new SqliteStatisticsJob(database, services.GetRequiredService<ILoggerFactory>().CreateLogger<SqliteStatisticsJob>())
            .RunAsync(cancellationToken);

    /// <summary>
    /// Whether every migration of <paramref name="contextType"/> in this assembly is in the history table, read
    /// without EF's model: the migrations by their attributes (as EF finds them), the history with one query. Any
    /// doubt (no database yet, no history table) answers no, and EF's full path decides.
    /// </summary>
    public static async Task<bool> IsUpToDateAsync(DatabaseOptions database, Type contextType, CancellationToken cancellationToken)
    {
        var known = typeof(PortalDatabase).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(Migration)) && !t.IsAbstract
                        && t.GetCustomAttribute<DbContextAttribute>()?.ContextType == contextType)
            .Select(t => t.GetCustomAttribute<MigrationAttribute>()?.Id)
            .OfType<string>()
            .ToList();
        if (known.Count == 0)
        {
            return false;
        }
        try
        {
            await using DbConnection connection = database.Provider == DatabaseProvider.PostgreSql
                ? new NpgsqlConnection(database.ConnectionString)
                : new SqliteConnection(database.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT \"MigrationId\" FROM \"{HistoryRepository.DefaultTableName}\"";
            var applied = new HashSet<string>(StringComparer.Ordinal);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetString(0));
            }
            return known.All(applied.Contains);
        }
        catch (DbException)
        {
            return false;
        }
    }
}
