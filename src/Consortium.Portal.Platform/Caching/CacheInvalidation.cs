using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.Platform.Caching;

/// <summary>A module's declaration: a saved change to a <see cref="EntityType"/> invalidates the tag <see cref="TagOf"/> names.</summary>
public sealed record CacheInvalidationRule(Type EntityType, Func<object, string> TagOf);

public static class CacheInvalidationRegistration
{
    /// <summary>
    /// Declares that saving a change to a <typeparamref name="TEntity"/> (added, modified or deleted, through any
    /// module's DbContext) invalidates the <see cref="PortalCache"/> tag <paramref name="tagOf"/> names, once the change
    /// has committed. A change that bypasses the change tracker (<c>ExecuteUpdate</c>, SQL) invalidates nothing.
    /// </summary>
    public static IServiceCollection InvalidateCacheOnSave<TEntity>(this IServiceCollection services, Func<TEntity, string> tagOf)
        where TEntity : class
        => services.AddSingleton(new CacheInvalidationRule(typeof(TEntity), entity => tagOf((TEntity)entity)));
}

/// <summary>
/// Invalidates the tags of what a SaveChanges changed, by the modules' <see cref="CacheInvalidationRule"/>s. The tags
/// are taken before the save (afterwards the entries are unchanged or detached) and invalidated after it has committed:
/// at the end of the save, or, inside a transaction the caller opened, when that ends. A failed save invalidates too,
/// as the old caches did: it may have got as far as the database. Every module's DbContext has it
/// (<see cref="Data.DbContextRegistration.AddModuleDbContext{TContext}"/>), so no module looks its cache up.
/// </summary>
public sealed class CacheInvalidationInterceptor(PortalCache cache, IEnumerable<CacheInvalidationRule> rules)
    : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly CacheInvalidationRule[] _rules = rules.ToArray();
    // Per context, the tags of its saves not yet committed; a context is used by one thread at a time.
    private readonly ConditionalWeakTable<DbContext, HashSet<string>> _pending = new();

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        AfterSave(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        AfterSave(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => AfterSave(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        AfterSave(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Flush(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Flush(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Flush(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Flush(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Flush(eventData.Context);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Flush(eventData.Context);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is null || _rules.Length == 0)
        {
            return;
        }
        HashSet<string>? tags = null;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }
            foreach (var rule in _rules)
            {
                if (rule.EntityType.IsInstanceOfType(entry.Entity))
                {
                    (tags ??= _pending.GetValue(context, _ => new HashSet<string>(StringComparer.Ordinal))).Add(rule.TagOf(entry.Entity));
                }
            }
        }
    }

    private void AfterSave(DbContext? context)
    {
        // Inside the caller's transaction nothing is committed yet: invalidating now would let a read of the old rows
        // that starts before the commit be kept.
        if (context is not null && context.Database.CurrentTransaction is null)
        {
            Flush(context);
        }
    }

    /// <summary>A context that took part in another context's transaction (<see cref="Data.SharedTransaction"/>) sees no commit of its own.</summary>
    internal void AfterSharedTransaction(DbContext context) => Flush(context);

    private void Flush(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var tags))
        {
            return;
        }
        _pending.Remove(context);
        foreach (var tag in tags)
        {
            cache.Invalidate(tag);
        }
    }
}
