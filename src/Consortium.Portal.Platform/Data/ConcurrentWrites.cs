using Consortium.Portal.Platform.Domain;
using Microsoft.EntityFrameworkCore;

namespace Consortium.Portal.Platform.Data;

/// <summary>
/// The portal's one way to save an edit made against what a person read (optimistic concurrency): the edit carries the
/// aggregate's <see cref="IAggregateRoot.ConcurrencyStamp"/> as they read it, the save is conditional on it, and of two
/// people who changed the same thing at once one wins and the other gets a 409 (<see cref="ConcurrencyConflictException"/>)
/// carrying, when the module gives it, what is there now, so the loser can compare and redo their change.
/// </summary>
public static class ConcurrentWrites
{
    /// <summary>
    /// Makes the next save of <paramref name="aggregate"/> conditional on <paramref name="stampTheClientRead"/>. The stamp
    /// is marked changed too, so the aggregate's row is written (and its stamp renewed) even when only its children or owned
    /// values changed: otherwise such an edit would skip the check and the next writer would not see it.
    /// </summary>
    public static void ExpectConcurrencyStamp(this DbContext db, IAggregateRoot aggregate, Guid stampTheClientRead)
    {
        var stamp = db.Entry(aggregate).Property(nameof(IAggregateRoot.ConcurrencyStamp));
        stamp.OriginalValue = stampTheClientRead;
        stamp.IsModified = true;
    }

    /// <summary>
    /// Saves; a save that lost to a concurrent one is a 409 naming <paramref name="entityType"/> and <paramref name="id"/>.
    /// </summary>
    public static Task SaveOrConflictAsync(this DbContext db, string entityType, object id, CancellationToken cancellationToken = default)
        => db.SaveOrConflictAsync<object?>(entityType, id, _ => Task.FromResult<object?>(null), cancellationToken);

    /// <summary>
    /// Saves; a save that lost to a concurrent one is a 409 whose <c>current</c> is what <paramref name="readCurrent"/>
    /// reads. The context forgets the loser's changes first, so that read sees the winner's state, not the tracked copy.
    /// </summary>
    public static async Task SaveOrConflictAsync<TCurrent>(this DbContext db, string entityType, object id,
        Func<CancellationToken, Task<TCurrent>> readCurrent, CancellationToken cancellationToken = default)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw new ConcurrencyConflictException(entityType, id, await readCurrent(cancellationToken));
        }
    }
}
