using Microsoft.EntityFrameworkCore;

namespace Consortium.Portal.Platform.Data;

/// <summary>
/// The base of a module's own DbContext: it sees the module's tables (mapped by
/// <see cref="ConfigureModuleModel"/>) plus the shared outbox and audit log. Migrations are not
/// made from it but from the host's migrations DbContext, which composes every module.
/// </summary>
public abstract class ModuleDbContext(DbContextOptions options) : DbContext(options)
{
    protected abstract void ConfigureModuleModel(ModelBuilder builder);

    protected sealed override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ConfigureModuleModel(modelBuilder);
        modelBuilder.ConfigurePlatformSharedTables();
        modelBuilder.ConfigureAggregateConventions();
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
        => configurationBuilder.ApplyPortalConventions();
}
