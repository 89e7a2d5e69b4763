using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.Platform.Data;

public static class DbContextRegistration
{
    /// <summary>
    /// Registers a module's DbContext on the configured provider with the platform's SaveChanges
    /// behaviour (auditing, soft delete, concurrency stamps, outbox, audit log).
    /// </summary>
    public static IServiceCollection AddModuleDbContext<TContext>(this IServiceCollection services) where TContext : DbContext
    {
        services.AddDbContext<TContext>((sp, options) => ConfigureProvider(sp.GetRequiredService<DatabaseOptions>(), options)
            .AddInterceptors(sp.GetRequiredService<PortalSaveChangesInterceptor>()));
        return services;
    }

    public static DbContextOptionsBuilder ConfigureProvider(DatabaseOptions database, DbContextOptionsBuilder options, string? migrationsAssembly = null)
    {
        switch (database.Provider)
        {
            case DatabaseProvider.Sqlite:
                options.UseSqlite(database.ConnectionString, sqlite =>
                {
                    if (migrationsAssembly is not null) sqlite.MigrationsAssembly(migrationsAssembly);
                });
                break;
            case DatabaseProvider.PostgreSql:
                options.UseNpgsql(database.ConnectionString, npgsql =>
                {
                    if (migrationsAssembly is not null) npgsql.MigrationsAssembly(migrationsAssembly);
                });
                break;
            default:
                throw new InvalidOperationException($"Unsupported database provider {database.Provider}.");
        }
        return options;
    }
}
