using Consortium.Portal.Workflows.Data;
using Consortium.Portal.Workflows.Domain;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Consortium.Portal.Workflows.Tests;

/// <summary>
/// The module's tables in an SQLite database in memory, where a restart of <see cref="EngineScene"/> saves the engine's
/// changes and reads them back with a new context, as the portal does after a restart. One per thread: CsCheck samples
/// on several threads, and a database in memory belongs to its one connection.
/// </summary>
internal sealed class WorkflowStore
{
    private static readonly ThreadLocal<WorkflowStore> PerThread = new(() => new WorkflowStore());

    public static WorkflowStore ForThisThread => PerThread.Value!;

    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    // The context that read the instance now in play: the engine's changes since are tracked there and saved at the
    // next restart, like a request that reads an instance, lets the engine act and saves.
    private WorkflowsDbContext? _holding;

    private WorkflowStore()
    {
        _connection.Open();
        using var db = NewContext();
        db.Database.EnsureCreated();
    }

    private WorkflowsDbContext NewContext() => new(new DbContextOptionsBuilder<WorkflowsDbContext>().UseSqlite(_connection).Options);

    public (WorkflowDefinition Definition, WorkflowInstance Instance) SaveAndReadBack(WorkflowDefinition definition, WorkflowInstance instance)
    {
        var db = _holding;
        _holding = null;
        if (db is null || db.Entry(instance).State == EntityState.Detached)
        {
            // An instance the store has not seen (a new run on this thread): the previous run's context and rows go
            // (every run's definition is "test.flow" version 1, and a key's version is unique).
            db?.Dispose();
            db = NewContext();
            db.Journal.ExecuteDelete();
            db.Tasks.ExecuteDelete();
            db.Incidents.ExecuteDelete();
            db.Instances.ExecuteDelete();
            db.Definitions.ExecuteDelete();
            db.Definitions.Add(definition);
            db.Instances.Add(instance);
        }
        using (db)
        {
            db.SaveChanges();
        }

        // The restart: nothing of the old context or its objects is used again.
        _holding = NewContext();
        var storedDefinition = _holding.Definitions.AsNoTracking().Single(d => d.Id == definition.Id);
        var storedInstance = _holding.WholeInstances.Single(i => i.Id == instance.Id);
        return (storedDefinition, storedInstance);
    }
}
