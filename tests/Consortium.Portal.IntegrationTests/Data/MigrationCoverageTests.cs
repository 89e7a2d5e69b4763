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
}
