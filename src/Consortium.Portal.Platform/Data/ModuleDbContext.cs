using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

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

    /// <summary>
    /// Keeps an application-wide cache of this module's data true: the keys <paramref name="changedKeys"/> names are
    /// taken before each save (afterwards the entries are unchanged or detached) and handed to
    /// <paramref name="forget"/> once the save has committed or failed. Call it from the constructor. The cache is
    /// found among the application's services, since a module's context is made from its options only.
    /// </summary>
    protected void ForgetInCacheOnSave<TCache>(Func<IEnumerable<Guid>> changedKeys, Action<TCache, Guid> forget)
        where TCache : class
    {
        var changed = new HashSet<Guid>();
        SavingChanges += (_, _) => changed.UnionWith(changedKeys());
        SavedChanges += (_, _) => Forget();
        SaveChangesFailed += (_, _) => Forget();

        void Forget()
        {
            if (changed.Count == 0)
            {
                return;
            }
            if (this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider
                    ?.GetService(typeof(TCache)) is TCache cache)
            {
                foreach (var key in changed)
                {
                    forget(cache, key);
                }
            }
            changed.Clear();
        }
    }
}
