using Consortium.Portal.Migrations;
using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Modularity;
using Consortium.Portal.Web;
using Microsoft.EntityFrameworkCore;

namespace Consortium.Portal.IntegrationTests.Data;

public sealed class MigrationCoverageTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=:memory:")]
    [InlineData(DatabaseProvider.PostgreSql, "Host=127.0.0.1;Database=unused")]
    public void Every_model_change_is_covered_by_a_migration(DatabaseProvider provider, string connectionString)
    {
        using var context = PortalDatabase.CreateMigrationsContext(
            new DatabaseOptions(provider, connectionString), new ModuleCatalog(ModuleLoader.Load<PortalWebModule>()));

        Assert.False(context.Database.HasPendingModelChanges(),
            $"The model has changes that no {provider} migration covers: run build/migrations.sh <Name>.");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public void Each_provider_has_its_own_migrations(DatabaseProvider provider)
    {
        using var context = PortalDatabase.CreateMigrationsContext(
            new DatabaseOptions(provider, provider == DatabaseProvider.Sqlite ? "Data Source=:memory:" : "Host=127.0.0.1;Database=unused"),
            new ModuleCatalog(ModuleLoader.Load<PortalWebModule>()));

        var migrations = context.Database.GetMigrations().ToList();

        Assert.NotEmpty(migrations);
        Assert.All(context.GetType().Assembly.GetTypes()
                .Where(t => t.Namespace == $"Consortium.Portal.Migrations.{provider}" && t.IsSubclassOf(typeof(Microsoft.EntityFrameworkCore.Migrations.Migration))),
            t => Assert.Contains(t.GetCustomAttributes(typeof(Microsoft.EntityFrameworkCore.Infrastructure.DbContextAttribute), false)
                .Cast<Microsoft.EntityFrameworkCore.Infrastructure.DbContextAttribute>(), a => a.ContextType == context.GetType()));
    }

    [Fact]
    public async Task The_start_up_check_without_the_model_agrees_with_EFs_pending_migrations()
    {
        // A start skips EF's migrate (and its model building) when this check says the history is complete, so it must
        // say so exactly when EF finds nothing pending: on an empty file, a migrated one, and one a migration short.
        var file = Path.Combine(Path.GetTempPath(), $"portal-uptodate-{Guid.NewGuid():N}.db");
        var database = new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={file};Pooling=false");
        try
        {
            await using var context = PortalDatabase.CreateMigrationsContext(database, new ModuleCatalog(ModuleLoader.Load<PortalWebModule>()));
            var ct = CancellationToken.None;

            Assert.False(await PortalDatabase.IsUpToDateAsync(database, context.GetType(), ct));

            await context.Database.MigrateAsync(ct);
            Assert.Empty(await context.Database.GetPendingMigrationsAsync(ct));
            Assert.True(await PortalDatabase.IsUpToDateAsync(database, context.GetType(), ct));

            var last = context.Database.GetMigrations().Last();
            await context.Database.ExecuteSqlAsync($"DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = {last}", ct);
            Assert.Equal(new[] { last }, await context.Database.GetPendingMigrationsAsync(ct));
            Assert.False(await PortalDatabase.IsUpToDateAsync(database, context.GetType(), ct));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
