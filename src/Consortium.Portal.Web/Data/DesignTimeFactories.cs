using Consortium.Portal.Migrations;
using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Modularity;
using Microsoft.EntityFrameworkCore.Design;

namespace Consortium.Portal.Web.Data;

// Used only by `dotnet ef migrations add` (build/migrations.sh): the model of every module the host loads.
internal sealed class SqliteMigrationsDesignTimeFactory : IDesignTimeDbContextFactory<SqliteMigrationsDbContext>
{
    public SqliteMigrationsDbContext CreateDbContext(string[] args) => (SqliteMigrationsDbContext)PortalDatabase.CreateMigrationsContext(
        new DatabaseOptions(DatabaseProvider.Sqlite, "Data Source=design-time.db"), new ModuleCatalog(ModuleLoader.Load<PortalWebModule>()));
}

internal sealed class PostgreSqlMigrationsDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlMigrationsDbContext>
{
    public PostgreSqlMigrationsDbContext CreateDbContext(string[] args) => (PostgreSqlMigrationsDbContext)PortalDatabase.CreateMigrationsContext(
        new DatabaseOptions(DatabaseProvider.PostgreSql, "Host=127.0.0.1;Database=design-time"), new ModuleCatalog(ModuleLoader.Load<PortalWebModule>()));
}
