using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Modularity;
using Microsoft.EntityFrameworkCore;

namespace Consortium.Portal.Migrations;

/// <summary>
/// Composes every loaded module's part of the model ("include modules to your migration db context"), so
/// migrations see the whole schema. It is used only to migrate; modules work through their own contexts.
/// One subclass per provider keeps one migrations set per provider in this assembly.
/// </summary>
public abstract class PortalMigrationsDbContext(DbContextOptions options, ModuleCatalog modules) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        foreach (var module in modules.Modules)
        {
            module.ConfigureModel(modelBuilder);
        }
        modelBuilder.ConfigureAggregateConventions();
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
        => configurationBuilder.ApplyPortalConventions();
}

public sealed class SqliteMigrationsDbContext(DbContextOptions<SqliteMigrationsDbContext> options, ModuleCatalog modules)
    : PortalMigrationsDbContext(options, modules);

public sealed class PostgreSqlMigrationsDbContext(DbContextOptions<PostgreSqlMigrationsDbContext> options, ModuleCatalog modules)
    : PortalMigrationsDbContext(options, modules);
