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
/// subscribed to each message's event, each in a DI scope of its own. A handler that processed a message is recorded
/// (<see cref="ProcessedMessage"/>) and not called again for it; a failing handler is retried later with a growing
/// delay and does not keep the others from their delivery.
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
            foreach (var message in messages)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await DeliverAsync(db, message, claim, cancellationToken);
            }
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

    private async Task DeliverAsync(PlatformDbContext db, OutboxMessage message, string claim, CancellationToken cancellationToken)
    {
        var attempt = message.Attempts + 1;
        var errors = new List<string>();
        var handlers = subscriptions.Of(message.EventName);

        if (handlers.Count > 0)
        {
            IIntegrationEvent? integrationEvent = null;
            try
            {
                integrationEvent = subscriptions.Deserialize(message.EventName, message.Payload);
            }
            catch (Exception ex) when (ex is JsonException or NotSupportedException)
            {
                logger.LogError(ex, "Outbox message {MessageId} ({EventName}) cannot be read", message.Id, message.EventName);
                errors.Add($"payload: {ex.Message}");
            }

            if (integrationEvent is not null)
            {
                var context = new IntegrationEventContext(message.Id, message.OccurredAtUtc, attempt);
                foreach (var handler in handlers)
                {
                    try
                    {
                        await InvokeOnceAsync(handler, integrationEvent, context, cancellationToken);
                    }
                    catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                    {
                        throw;
                    }
                    catch (Exception ex)
                    {
                        logger.LogWarning(ex, "Handler {Handler} failed on outbox message {MessageId} ({EventName}), attempt {Attempt}",
                            handler.HandlerName, message.Id, message.EventName, attempt);
                        errors.Add($"{handler.HandlerName}: {ex.GetType().Name}: {ex.Message}");
                    }
                }
            }
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (errors.Count == 0)
        {
            await db.OutboxMessages
                .Where(m => m.Id == message.Id && m.LockedBy == claim)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.ProcessedAtUtc, now)
                    .SetProperty(m => m.Attempts, attempt)
                    .SetProperty(m => m.LockedBy, (string?)null)
                    .SetProperty(m => m.LockedUntilUtc, (DateTime?)null), cancellationToken);
        }
        else
        {
            var error = string.Join(Environment.NewLine, errors);
            if (error.Length > MaxErrorLength)
            {
                error = error[..(MaxErrorLength - 1)] + "…";
            }
            var nextAttempt = now + options.Value.RetryDelayAfter(attempt);
            await db.OutboxMessages
                .Where(m => m.Id == message.Id && m.LockedBy == claim)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Attempts, attempt)
                    .SetProperty(m => m.LastError, error)
                    .SetProperty(m => m.NextAttemptAtUtc, nextAttempt)
                    .SetProperty(m => m.LockedBy, (string?)null)
                    .SetProperty(m => m.LockedUntilUtc, (DateTime?)null), cancellationToken);
        }
    }

    private async Task InvokeOnceAsync(IntegrationEventSubscription handler, IIntegrationEvent integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var processed = await db.ProcessedMessages.AnyAsync(p => p.MessageId == context.MessageId && p.Handler == handler.HandlerName, cancellationToken);
        if (processed)
        {
            return;
        }

        await handler.InvokeAsync(scope.ServiceProvider, integrationEvent, context, cancellationToken);

        db.ProcessedMessages.Add(new ProcessedMessage
        {
            MessageId = context.MessageId,
            Handler = handler.HandlerName,
            ProcessedAtUtc = clock.GetUtcNow().UtcDateTime,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance may have taken the message over after this one's lock ran out, and recorded it first.
            if (!await RecordedMeanwhileAsync(context.MessageId, handler.HandlerName, cancellationToken))
            {
                throw;
            }
        }
    }

    private async Task<bool> RecordedMeanwhileAsync(Guid messageId, string handler, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        return await db.ProcessedMessages.AnyAsync(p => p.MessageId == messageId && p.Handler == handler, cancellationToken);
    }
}
