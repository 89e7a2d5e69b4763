using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.Platform.Data;

public static class DbContextRegistration
{
    /// <summary>
    /// Registers a module's DbContext on the configured provider with the platform's SaveChanges
    /// behaviour (auditing, soft delete, concurrency stamps, outbox, audit log) and the cache invalidation the modules
    /// declared (<see cref="Caching.CacheInvalidationRegistration.InvalidateCacheOnSave{TEntity}"/>), on the context's
    /// compiled model for the provider when it has one (<see cref="CompiledModels"/>).
    /// <para>
    /// The context is pooled: a scope rents one when it first asks for it and returns it when the scope ends, so a
    /// request no longer builds the context's options, the context and its internal services (about an eighth of an
    /// uncached list request's CPU, issue 16). The options, and the interceptors in them, are therefore the portal's,
    /// made once: what a save needs of its scope (the user, the scope's integration events) the context carries from
    /// its rent to its return (<see cref="IPooledModuleContext"/>), set here at every rent. A context is returned only
    /// by its scope's end: code takes it from the scope and never disposes it itself.
    /// </para>
    /// </summary>
    public static IServiceCollection AddModuleDbContext<TContext>(this IServiceCollection services)
        where TContext : DbContext, IPooledModuleContext
    {
        services.AddPooledDbContextFactory<TContext>((sp, options) =>
        {
            var database = sp.GetRequiredService<DatabaseOptions>();
            ConfigureProvider(database, options)
                .AddInterceptors(sp.GetRequiredService<PortalSaveChangesInterceptor>(), sp.GetRequiredService<Caching.CacheInvalidationInterceptor>());
            // A pooled context keeps its EF logger from scope to scope, and the logger, having found nobody listening to
            // a command, stops asking for the next second: a listener that starts then (a trace, a test counting a
            // request's statements) missed the next requests' commands. Asked at every command, as a fresh context
            // did at its first; the question is a few calls.
            options.ConfigureLoggingCacheTime(TimeSpan.Zero);
            if (CompiledModels.Find(typeof(TContext), database.Provider) is { } model)
            {
                options.UseModel(model);
            }
        });
        services.AddScoped(sp =>
        {
            var context = sp.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext();
            context.Scope = sp.GetRequiredService<ModuleContextScope>();
            return context;
        });
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
                }).AddInterceptors(SqliteWriteAheadSync.Instance);
                break;
            case DatabaseProvider.PostgreSql:
                // The modules' contexts on their tuned string (DatabaseOptions.MaxAutoPrepare); migrations on the plain one,
                // so no statement prepared before a schema change is kept on a connection the change runs on.
                options.UseNpgsql(migrationsAssembly is null ? database.ContextConnectionString : database.ConnectionString, npgsql =>
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

/// <summary>
/// <c>synchronous=NORMAL</c> on every SQLite connection: in WAL mode (which the portal's database is in) a commit then
/// writes the log without waiting for the disk to flush it; the database cannot be corrupted, and only the last
/// commits before a power cut (never a half of one: a change and its outbox events stay together) can be lost. With
/// FULL, every commit waits for an fsync, and the outbox's few commits per message bound its throughput to the disk's.
/// </summary>
internal sealed class SqliteWriteAheadSync : DbConnectionInterceptor
{
    public static readonly SqliteWriteAheadSync Instance = new();

    private const string Pragma = "PRAGMA synchronous=NORMAL;";

    /// <summary>
    /// The native connections already set. The setting lasts as long as the native connection, which the pool keeps
    /// across opens; EF opens a connection for each query, so setting it at every open was a second statement per query.
    /// </summary>
    private readonly ConditionalWeakTable<object, object> _set = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (!IsSet(connection))
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragma;
            command.ExecuteNonQuery();
            MarkSet(connection);
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (!IsSet(connection))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragma;
            await command.ExecuteNonQueryAsync(cancellationToken);
            MarkSet(connection);
        }
    }

    private bool IsSet(DbConnection connection) => connection is SqliteConnection { Handle: { } handle } && _set.TryGetValue(handle, out _);

    private void MarkSet(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            _set.AddOrUpdate(handle, handle);
        }
    }
}
