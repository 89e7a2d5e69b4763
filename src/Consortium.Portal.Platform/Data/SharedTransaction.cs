using System.Data.Common;
using Consortium.Portal.Platform.Caching;
using Consortium.Portal.Platform.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Consortium.Portal.Platform.Data;

/// <summary>
/// One transaction across the DbContexts of several modules, for a change that spans them and must not half happen
/// (a publication goes into approval and its workflow starts, or neither). The calling module runs the unit with its own
/// context (<see cref="RunAsync{T}"/>); a module whose Contracts call takes part joins it with its context
/// (<see cref="JoinAsync"/>), which then works on the caller's connection, in the caller's transaction, until the unit
/// ends. Outside a unit, joining does nothing, so the same Contracts call works on its own.
/// <para>
/// Why this and not the outbox: every module's tables are in the one database, so one connection reaches them all,
/// and the caller keeps the callee's answer and refusals (a 409, a 404) within its own request: through the outbox the
/// start would happen after the answer, and a refusal could only come back as another event. Contexts stay per module
/// (each sees its own tables only); what they share is the connection, and only for the length of the unit.
/// </para>
/// Scoped: a unit belongs to one request or circuit call, and contexts of the same scope join it.
/// </summary>
public sealed class SharedTransaction(CacheInvalidationInterceptor cacheInvalidation, OutboxSignal outboxSignal)
{
    private Unit? _current;

    /// <summary>Whether a unit is running in this scope: a save that fails inside it cannot be retried on its own.</summary>
    public bool IsActive => _current is not null;

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction on <paramref name="owner"/>'s connection and commits when it returns;
    /// when it throws, nothing any joined context saved stays, and their change trackers are cleared.
    /// </summary>
    public async Task<T> RunAsync<T>(DbContext owner, Func<Task<T>> work, CancellationToken cancellationToken = default)
    {
        if (_current is not null)
        {
            // Already inside a unit: the owner joins it and the outer unit decides.
            await JoinAsync(owner, cancellationToken);
            return await work();
        }
        await using var transaction = await owner.Database.BeginTransactionAsync(cancellationToken);
        var unit = new Unit(owner, owner.Database.GetDbConnection(), transaction.GetDbTransaction());
        _current = unit;
        var committed = false;
        try
        {
            var result = await work();
            await transaction.CommitAsync(cancellationToken);
            committed = true;
            return result;
        }
        finally
        {
            _current = null;
            await unit.EndAsync(committed, cacheInvalidation);
            if (!committed)
            {
                owner.ChangeTracker.Clear();
            }
            else
            {
                outboxSignal.Notify();
            }
        }
    }

    /// <summary>
    /// Puts <paramref name="context"/> on the running unit's connection and transaction, until the unit ends; nothing
    /// when no unit runs, or when the context already takes part.
    /// </summary>
    public async Task JoinAsync(DbContext context, CancellationToken cancellationToken = default)
    {
        if (_current is not { } unit || ReferenceEquals(context, unit.Owner) || unit.Joined.Any(j => ReferenceEquals(j.Context, context)))
        {
            return;
        }
        if (context.Database.CurrentTransaction is not null)
        {
            throw new InvalidOperationException($"{context.GetType().Name} has a transaction of its own and cannot join a shared one.");
        }
        var connectionString = context.Database.GetConnectionString();
        // The context's own connection is closed between its operations; it is set aside (not disposed) until the unit ends.
        context.Database.SetDbConnection(unit.Connection, contextOwnsConnection: false);
        await context.Database.UseTransactionAsync(unit.Transaction, cancellationToken);
        unit.Joined.Add(new Joined(context, connectionString));
    }

    private sealed record Joined(DbContext Context, string? ConnectionString);

    private sealed class Unit(DbContext owner, DbConnection connection, DbTransaction transaction)
    {
        public DbContext Owner { get; } = owner;

        public DbConnection Connection { get; } = connection;

        public DbTransaction Transaction { get; } = transaction;

        public List<Joined> Joined { get; } = [];

        public async Task EndAsync(bool committed, CacheInvalidationInterceptor cacheInvalidation)
        {
            // Every joined context gets its own connection back even when another's release throws: the contexts are
            // pooled, and one left on the unit's connection would carry it to its next scope.
            List<Exception>? failures = null;
            foreach (var joined in Joined)
            {
                var database = joined.Context.Database;
                try
                {
                    await database.UseTransactionAsync(null);
                }
                catch (Exception e)
                {
                    (failures ??= []).Add(e);
                }
                finally
                {
                    database.SetDbConnection(null);
                    database.SetConnectionString(joined.ConnectionString);
                }
                if (!committed)
                {
                    // What it saved was rolled back: entities it tracks as saved would lie about the database.
                    joined.Context.ChangeTracker.Clear();
                }
                cacheInvalidation.AfterSharedTransaction(joined.Context);
            }
            if (failures is not null)
            {
                throw new AggregateException("Releasing the contexts that joined a shared transaction failed", failures);
            }
        }
    }
}
