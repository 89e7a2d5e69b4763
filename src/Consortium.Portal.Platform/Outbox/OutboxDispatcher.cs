using System.Text.Json;
using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Consortium.Portal.Platform.Outbox;

/// <summary>
/// Delivers outbox messages at least once. A pass claims a batch of due messages with one conditional UPDATE, so
/// that several instances of the portal never work on the same message at the same time, then calls every handler
/// subscribed to each message's event, each in a DI scope of its own (a handler that takes batches gets the pass's
/// consecutive messages of its event in one call and one scope: <see cref="IIntegrationEventBatchHandler{TEvent}"/>). What the pass delivered is written in one
/// transaction at its end: which handler processed which message (<see cref="ProcessedMessage"/>; such a handler is
/// not called again for it), the delivered messages, and the failed ones with their next attempt. A failing handler
/// is retried later with a growing delay and does not keep the others from their delivery. On SQLite every write
/// takes the database's one write lock, so a pass takes it twice (claim, record) however many messages it carries,
/// instead of once per handler and message. A pass that ends before its record (a crash, a lost connection) hands
/// its claim back and its handlers run again: handlers must be idempotent, as at-least-once delivery asks anyway.
/// </summary>
public sealed class OutboxDispatcher(
    IServiceScopeFactory scopes,
    IntegrationEventSubscriptions subscriptions,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<OutboxDispatcher> logger)
{
    private const int MaxErrorLength = 4000;

    // LockedBy holds at most 128 characters: the instance part is cut so the unique part always fits.
    private static readonly string Instance = InstanceName();

    /// <summary>Runs one pass: claims up to <see cref="OutboxOptions.BatchSize"/> due messages and delivers them.</summary>
    /// <returns>How many messages the pass claimed.</returns>
    public async Task<int> DispatchPendingAsync(CancellationToken cancellationToken = default)
    {
        var claim = $"{Instance}/{Guid.NewGuid():N}";
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();

        var messages = new List<OutboxMessage>();
        try
        {
            messages = await ClaimAsync(db, claim, cancellationToken);
            if (messages.Count == 0)
            {
                return 0;
            }
            var ids = messages.Select(m => m.Id).ToList();
            var processed = (await db.ProcessedMessages.AsNoTracking()
                    .Where(p => ids.Contains(p.MessageId))
                    .Select(p => new { p.MessageId, p.Handler })
                    .ToListAsync(cancellationToken))
                .Select(p => (p.MessageId, p.Handler))
                .ToHashSet();
            var deliveries = messages.Select(Read).ToList();
            // Runs of consecutive messages of one event: a batch handler takes a run at once, and messages of different
            // events still reach their handlers in the outbox's order.
            for (var start = 0; start < deliveries.Count;)
            {
                var end = start + 1;
                while (end < deliveries.Count && deliveries[end].Message.EventName == deliveries[start].Message.EventName)
                {
                    end++;
                }
                await DeliverRunAsync(deliveries[start..end], processed, cancellationToken);
                start = end;
            }
            // The handlers have run: what they did is written even while shutting down (one short transaction), or they
            // would all run again.
            await RecordAsync(db, claim, deliveries, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // Whatever ended the pass (shutting down, a lost connection, a failed write), what it did not get to goes back
            // at once: a claim left behind would hold its messages for the whole lock duration, on this instance too.
            await ReleaseAsync(claim, ex);
            throw;
        }
        return messages.Count;
    }

    private async Task ReleaseAsync(string claim, Exception cause)
    {
        if (cause is not OperationCanceledException)
        {
            logger.LogWarning(cause, "An outbox pass ended early; its undelivered messages are handed back");
        }
        try
        {
            // A scope of its own: the pass's context may be the thing that failed.
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            await db.OutboxMessages
                .Where(m => m.LockedBy == claim && m.ProcessedAtUtc == null)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedBy, (string?)null).SetProperty(m => m.LockedUntilUtc, (DateTime?)null), CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The database itself is gone: the lock runs out by itself (OutboxOptions.LockDuration).
            logger.LogError(ex, "The claim {Claim} of an ended outbox pass could not be handed back; it runs out by itself", claim);
        }
    }

    private static string InstanceName()
    {
        var name = $"{Environment.MachineName}/{Environment.ProcessId}";
        return name.Length > 80 ? name[^80..] : name;
    }

    private async Task<List<OutboxMessage>> ClaimAsync(PlatformDbContext db, string claim, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var candidates = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.ProcessedAtUtc == null && m.NextAttemptAtUtc <= now && (m.LockedUntilUtc == null || m.LockedUntilUtc < now))
            .OrderBy(m => m.OccurredAtUtc).ThenBy(m => m.Id)
            .Select(m => m.Id)
            .Take(settings.BatchSize)
            .ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return [];
        }

        // The conditions are repeated in the UPDATE itself: PostgreSQL re-checks them on a row another instance has just
        // claimed and skips it, and SQLite runs one writer at a time, so a message is claimed by one pass only.
        var lockedUntil = now + settings.LockDuration;
        await db.OutboxMessages
            .Where(m => candidates.Contains(m.Id) && m.ProcessedAtUtc == null && (m.LockedUntilUtc == null || m.LockedUntilUtc < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedBy, claim).SetProperty(m => m.LockedUntilUtc, lockedUntil), cancellationToken);

        return await db.OutboxMessages.AsNoTracking()
            .Where(m => m.LockedBy == claim && m.ProcessedAtUtc == null)
            .OrderBy(m => m.OccurredAtUtc).ThenBy(m => m.Id)
            .ToListAsync(cancellationToken);
    }

    /// <summary>What one message's delivery came to: the handlers that processed it now, and the errors of the others.</summary>
    private sealed record Delivery(OutboxMessage Message, int Attempt, IIntegrationEvent? Event, List<string> ProcessedBy, List<string> Errors)
    {
        public IntegrationEventContext Context => new(Message.Id, Message.OccurredAtUtc, Attempt);
    }

    /// <summary>The message's event, or the error that says why it cannot be read (then no handler gets it).</summary>
    private Delivery Read(OutboxMessage message)
    {
        var delivery = new Delivery(message, message.Attempts + 1, null, [], []);
        if (subscriptions.Of(message.EventName).Count == 0)
        {
            return delivery;
        }
        try
        {
            return delivery with { Event = subscriptions.Deserialize(message.EventName, message.Payload) };
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            logger.LogError(ex, "Outbox message {MessageId} ({EventName}) cannot be read", message.Id, message.EventName);
            delivery.Errors.Add($"payload: {ex.Message}");
            return delivery;
        }
    }

    /// <summary>
    /// Delivers a run of messages of one event to each of its handlers: to a batch handler in one call when more than one
    /// message is left for it, else (and when that batch fails) message by message, each in a scope of its own.
    /// </summary>
    private async Task DeliverRunAsync(List<Delivery> run, HashSet<(Guid, string)> processed, CancellationToken cancellationToken)
    {
        foreach (var handler in subscriptions.Of(run[0].Message.EventName))
        {
            var pending = run.Where(d => d.Event is not null && !processed.Contains((d.Message.Id, handler.HandlerName))).ToList();
            if (pending.Count > 1 && handler.HandlesBatches)
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await handler.InvokeBatchAsync(scope.ServiceProvider, pending.Select(d => (d.Event!, d.Context)).ToList(), cancellationToken);
                    foreach (var delivery in pending)
                    {
                        delivery.ProcessedBy.Add(handler.HandlerName);
                    }
                    continue;
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (Exception ex)
                {
                    // One message may be what failed it: each on its own finds out which, and the rest are delivered.
                    logger.LogInformation(ex, "Handler {Handler} failed on a batch of {Count} outbox messages ({EventName}); delivering them one by one",
                        handler.HandlerName, pending.Count, run[0].Message.EventName);
                }
            }
            foreach (var delivery in pending)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await DeliverOneAsync(handler, delivery, cancellationToken);
            }
        }
    }

    private async Task DeliverOneAsync(IntegrationEventSubscription handler, Delivery delivery, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await handler.InvokeAsync(scope.ServiceProvider, delivery.Event!, delivery.Context, cancellationToken);
            delivery.ProcessedBy.Add(handler.HandlerName);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Handler {Handler} failed on outbox message {MessageId} ({EventName}), attempt {Attempt}",
                handler.HandlerName, delivery.Message.Id, delivery.Message.EventName, delivery.Attempt);
            delivery.Errors.Add($"{handler.HandlerName}: {ex.GetType().Name}: {ex.Message}");
        }
    }

    /// <summary>Writes what the pass delivered, in one transaction.</summary>
    private async Task RecordAsync(PlatformDbContext db, string claim, List<Delivery> deliveries, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var records = deliveries.SelectMany(d => d.ProcessedBy.Select(handler => (d.Message.Id, Handler: handler))).ToList();
        if (records.Count > 0)
        {
            // Another instance may have taken a message over after this one's lock ran out, and recorded it first. Read
            // before the transaction: on SQLite it starts with the write lock, and holds it for writes only.
            var messageIds = records.Select(r => r.Id).Distinct().ToList();
            var recorded = (await db.ProcessedMessages.AsNoTracking()
                    .Where(p => messageIds.Contains(p.MessageId))
                    .Select(p => new { p.MessageId, p.Handler })
                    .ToListAsync(cancellationToken))
                .Select(p => (p.MessageId, p.Handler))
                .ToHashSet();
            db.ProcessedMessages.AddRange(records
                .Where(r => !recorded.Contains(r))
                .Select(r => new ProcessedMessage { MessageId = r.Id, Handler = r.Handler, ProcessedAtUtc = now }));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        var delivered = deliveries.Where(d => d.Errors.Count == 0).Select(d => d.Message.Id).ToList();
        if (delivered.Count > 0)
        {
            await db.OutboxMessages
                .Where(m => delivered.Contains(m.Id) && m.LockedBy == claim)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.ProcessedAtUtc, now)
                    .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                    .SetProperty(m => m.LockedBy, (string?)null)
                    .SetProperty(m => m.LockedUntilUtc, (DateTime?)null), cancellationToken);
        }
        foreach (var failed in deliveries.Where(d => d.Errors.Count > 0))
        {
            var error = string.Join(Environment.NewLine, failed.Errors);
            if (error.Length > MaxErrorLength)
            {
                error = error[..(MaxErrorLength - 1)] + "…";
            }
            var nextAttempt = now + options.Value.RetryDelayAfter(failed.Attempt);
            await db.OutboxMessages
                .Where(m => m.Id == failed.Message.Id && m.LockedBy == claim)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Attempts, failed.Attempt)
                    .SetProperty(m => m.LastError, error)
                    .SetProperty(m => m.NextAttemptAtUtc, nextAttempt)
                    .SetProperty(m => m.LockedBy, (string?)null)
                    .SetProperty(m => m.LockedUntilUtc, (DateTime?)null), cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }
}
