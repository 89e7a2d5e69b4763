using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Modularity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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

    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var database = services.GetRequiredService<DatabaseOptions>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PortalDatabase));
        await using var context = CreateMigrationsContext(database, services.GetRequiredService<ModuleCatalog>());
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets readers work while one writer commits; the mode is stored in the database file.
            await using var connection = new SqliteConnection(database.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL;";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} migration(s) on {Provider}: {Migrations}", pending.Count, database.Provider, pending);
        }
        await context.Database.MigrateAsync(cancellationToken);
    }
}
