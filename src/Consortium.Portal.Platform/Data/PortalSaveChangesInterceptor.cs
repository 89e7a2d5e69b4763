using System.Text.Json;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Events;
using Consortium.Portal.Platform.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Consortium.Portal.Platform.Data;

/// <summary>
/// What every SaveChanges of every module does before it commits: fills the auditing fields, turns
/// deletes of soft-deletable entities into updates, renews the concurrency stamp of changed aggregates,
/// writes their integration events to the outbox and a line per changed entity to the audit log. All of
/// it goes into the same transaction as the change. When the outbox got a message, the dispatcher is woken as soon as
/// the message can be seen: after the save, or after the commit of the transaction the save ran in.
/// <para>
/// One for the portal, in the pooled contexts' options: the user, the scope's integration events and request, and
/// whether the scope wrote to the outbox, come from the scope that rented the saving context
/// (<see cref="ModuleContextScope"/>), never from a field of this.
/// </para>
/// </summary>
internal sealed class PortalSaveChangesInterceptor(TimeProvider clock, OutboxSignal outboxSignal)
    : SaveChangesInterceptor, IDbTransactionInterceptor
{
    // Values of these properties never reach the audit log; their names do.
    private static readonly HashSet<string> SecretProperties = new(StringComparer.Ordinal)
    {
        "PasswordHash", "SecurityStamp", "ConcurrencyStamp", "TokenHash", "AuthenticatorKey",
    };

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context)
        {
            BeforeSave(context);
        }
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            BeforeSave(context);
        }
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        AfterSave(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        AfterSave(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => WakeDispatcher(eventData.Context);

    public Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        WakeDispatcher(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => ForgetOutbox(eventData.Context);

    public Task TransactionRolledBackAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ForgetOutbox(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The scope that rented <paramref name="context"/>. A module context saved without one was not taken from its
    /// scope (<see cref="DbContextRegistration.AddModuleDbContext{TContext}"/>) or was saved after its return: its save
    /// would have no user to write, so it is refused.
    /// </summary>
    private static ModuleContextScope ScopeOf(DbContext context)
        => (context as IPooledModuleContext)?.Scope
           ?? throw new InvalidOperationException(
               $"{context.GetType().Name} is saved outside a scope: take it from the scope's services, and save it before the scope ends.");

    private static void ForgetOutbox(DbContext? context)
    {
        if ((context as IPooledModuleContext)?.Scope is { } scope)
        {
            scope.WroteOutbox = false;
        }
    }

    private void AfterSave(DbContext? context)
    {
        // Inside a transaction someone opened (a caller's, or a unit of work spanning several saves) the messages are
        // invisible to the dispatcher until the commit; waking it now would find nothing and leave them to the next poll.
        if (context?.Database.CurrentTransaction is null)
        {
            WakeDispatcher(context);
        }
    }

    private void WakeDispatcher(DbContext? context)
    {
        if ((context as IPooledModuleContext)?.Scope is { WroteOutbox: true } scope)
        {
            scope.WroteOutbox = false;
            outboxSignal.Notify();
        }
    }

    private void BeforeSave(DbContext context)
    {
        var scope = ScopeOf(context);
        var currentUser = scope.CurrentUser;
        var now = clock.GetUtcNow().UtcDateTime;
        var userId = currentUser.Id;
        var ip = scope.Request?.Connection.RemoteIpAddress?.ToString();
        var events = new List<IIntegrationEvent>();
        var audit = new List<AuditLogEntry>();

        foreach (var entry in context.ChangeTracker.Entries().ToList())
        {
            if (entry.Entity is OutboxMessage or AuditLogEntry or ProcessedMessage
                || entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }

            var action = entry.State switch
            {
                EntityState.Added => "created",
                EntityState.Deleted => "deleted",
                _ => "updated",
            };

            if (entry is { State: EntityState.Deleted, Entity: ISoftDelete softDeleted })
            {
                entry.State = EntityState.Modified;
                softDeleted.IsDeleted = true;
                softDeleted.DeletedAtUtc = now;
                softDeleted.DeletedBy = userId;
            }

            if (entry.Entity is IAuditedEntity audited)
            {
                if (entry.State == EntityState.Added)
                {
                    audited.CreatedAtUtc = now;
                    audited.CreatedBy ??= userId;
                }
                else if (entry.State == EntityState.Modified)
                {
                    audited.ModifiedAtUtc = now;
                    audited.ModifiedBy = userId;
                }
            }

            if (entry.Entity is IAggregateRoot aggregate)
            {
                if (entry.State is EntityState.Modified or EntityState.Deleted)
                {
                    // The original value stays the WHERE condition; the new one is what the next writer must present.
                    aggregate.ConcurrencyStamp = Guid.NewGuid();
                }
                events.AddRange(aggregate.PendingEvents);
                aggregate.ClearPendingEvents();
            }

            if (AuditLogExclusion.IsExcluded(entry.Metadata))
            {
                continue;
            }
            audit.Add(new AuditLogEntry
            {
                Id = Guid.CreateVersion7(),
                AtUtc = now,
                UserId = userId,
                UserName = currentUser.UserName,
                IpAddress = ip,
                Action = $"{entry.Metadata.ClrType.Name}.{action}",
                EntityType = entry.Metadata.ClrType.Name,
                EntityId = PrimaryKeyOf(entry),
                EntityName = NameOf(entry),
                Details = ChangedProperties(entry),
            });
        }

        events.AddRange(scope.Publisher.Drain());
        foreach (var integrationEvent in events)
        {
            context.Add(new OutboxMessage
            {
                Id = Guid.CreateVersion7(),
                EventName = IntegrationEventNames.NameOf(integrationEvent.GetType()),
                Payload = JsonSerializer.Serialize(integrationEvent, integrationEvent.GetType(), IntegrationEventNames.JsonOptions),
                OccurredAtUtc = now,
                NextAttemptAtUtc = now,
            });
            scope.WroteOutbox = true;
        }
        context.AddRange(audit);
    }

    private static string? PrimaryKeyOf(EntityEntry entry)
    {
        var key = entry.Metadata.FindPrimaryKey();
        return key is null ? null : string.Join(",", key.Properties.Select(p => entry.Property(p.Name).CurrentValue));
    }

    /// <summary>What people call the entity (its name, title or display name), for the audit log's sentences.</summary>
    private static string? NameOf(EntityEntry entry)
    {
        foreach (var candidate in NameProperties)
        {
            if (entry.Metadata.FindProperty(candidate) is { ClrType: var type } property && type == typeof(string)
                && property.FindAnnotation(AuditAnnotations.Secret) is null
                && entry.Property(candidate).CurrentValue is string { Length: > 0 } name)
            {
                return name.Length <= AuditLogEntry.MaxEntityNameLength ? name : name[..(AuditLogEntry.MaxEntityNameLength - 1)] + "…";
            }
        }
        return null;
    }

    private static readonly string[] NameProperties = ["DisplayName", "Name", "Title", "FileName", "ShortName"];

    private static string? ChangedProperties(EntityEntry entry)
    {
        if (entry.State != EntityState.Modified)
        {
            return null;
        }
        var changed = entry.Properties
            .Where(p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue))
            .Select(p => SecretProperties.Contains(p.Metadata.Name) || p.Metadata.FindAnnotation(AuditAnnotations.Secret) is not null
                ? new { property = p.Metadata.Name, from = (string?)null, to = (string?)null }
                : new { property = p.Metadata.Name, from = Format(p.OriginalValue), to = Format(p.CurrentValue) })
            .ToList();
        var json = JsonSerializer.Serialize(changed);
        return json.Length <= 8000 ? json : json[..7997] + "...";
    }

    private static string? Format(object? value) => value switch
    {
        null => null,
        string s when s.Length > 200 => s[..200] + "…",
        DateTime d => d.ToString("O"),
        _ => value.ToString(),
    };
}
