using Consortium.Portal.Platform.Domain;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Consortium.Portal.Platform.Data;

/// <summary>
/// The portal's one way to "get or create" and to upsert without races. The database decides who was first: a unique
/// key (a primary key or a unique index) on what must exist once. A unit of work reads, creates what it did not find,
/// and saves; when two requests do that at once, one save wins and the other breaks the key. The loser's context then
/// forgets what it tracked and the whole unit runs again, finding the winner's row this time. A unit that loses
/// <see cref="MaxAttempts"/> times (or one inside a transaction of the caller's, which a broken key has spoiled on
/// PostgreSQL) ends in a 409 (<see cref="ConcurrencyConflictException"/>), never a 500 or a duplicate.
/// </summary>
public static class UniqueWrites
{
    public const int MaxAttempts = 3;

    /// <summary>
    /// Runs <paramref name="unitOfWork"/> (which reads, changes and calls SaveChanges on <paramref name="db"/>) until its
    /// save breaks no unique key. The unit must do all its reading inside, since a retry starts from an empty context.
    /// </summary>
    /// <param name="entityType">What the 409 names when the race cannot be settled ("DocumentFollow").</param>
    /// <param name="key">Its key, for the 409.</param>
    public static async Task<T> SaveOnceAsync<T>(this DbContext db, string entityType, object key,
        Func<CancellationToken, Task<T>> unitOfWork, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await unitOfWork(cancellationToken);
            }
            catch (DbUpdateException e) when (IsUniqueViolation(e))
            {
                db.ChangeTracker.Clear();
                if (attempt >= MaxAttempts || db.Database.CurrentTransaction is not null)
                {
                    throw new ConcurrencyConflictException(entityType, key);
                }
            }
        }
    }

    public static Task SaveOnceAsync(this DbContext db, string entityType, object key,
        Func<CancellationToken, Task> unitOfWork, CancellationToken cancellationToken = default)
        => db.SaveOnceAsync(entityType, key, async ct =>
        {
            await unitOfWork(ct);
            return true;
        }, cancellationToken);

    /// <summary>Whether a save failed because a row with the same unique key exists (SQLite, PostgreSQL).</summary>
    public static bool IsUniqueViolation(DbUpdateException exception) => exception.InnerException switch
    {
        // SQLITE_CONSTRAINT_UNIQUE (2067) and SQLITE_CONSTRAINT_PRIMARYKEY (1555).
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
