using Microsoft.EntityFrameworkCore;

namespace Consortium.Portal.Platform.Data;

/// <summary>
/// The base of a module's own DbContext: it sees the module's tables (mapped by
/// <see cref="ConfigureModuleModel"/>) plus the shared outbox and audit log. Migrations are not
/// made from it but from the host's migrations DbContext, which composes every module.
/// <para>
/// The contexts are pooled (<see cref="DbContextRegistration.AddModuleDbContext{TContext}"/>): a module's context takes
/// only its options and keeps no state of its own (no fields, no query filter reading a property of the instance), as
/// EF resets the change tracker, the connection and its settings at each return but knows nothing of a derived
/// class's members. What a save needs of its scope comes through <see cref="Scope"/>.
/// </para>
/// </summary>
public abstract class ModuleDbContext(DbContextOptions options) : DbContext(options), IPooledModuleContext
{
    public ModuleContextScope? Scope { get; set; }

    // The scope is let go before the context goes back to the pool: after base.Dispose another scope may have it.
    public override void Dispose()
    {
        Scope = null;
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        Scope = null;
        return base.DisposeAsync();
    }

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
