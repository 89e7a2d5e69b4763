using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Consortium.Portal.Platform.Outbox;

/// <summary>Runs <see cref="OutboxDispatcher"/> passes: right after a commit wrote to the outbox, and every poll interval.</summary>
internal sealed class OutboxDispatcherService(
    OutboxDispatcher dispatcher,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    ILogger<OutboxDispatcherService> logger,
    Web.PortalEndpointWarmUp? warmUp = null) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            logger.LogInformation("The outbox dispatcher is off (Outbox:Enabled is false)");
            return;
        }
        try
        {
            await FirstPassDueAsync(warmUp?.Completion ?? Task.CompletedTask, signal, settings.PollInterval, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await dispatcher.DispatchPendingAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "An outbox dispatch pass failed; the next one starts after the poll interval");
            }

            if (claimed >= settings.BatchSize)
            {
                continue; // a full batch: more may be waiting
            }
            try
            {
                await signal.WaitAsync(settings.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// The first pass delivers what an earlier run left behind, and no request waits for it. It used to begin with the
    /// host's start, and its first query (EF's query pipeline, the first in the process) was the largest piece of work
    /// competing with the start and the first requests for a 2-core machine's CPU (issue 16, cold start). It now begins
    /// once the start has settled (the routes warmed up: <see cref="Web.PortalEndpointWarmUp"/>), when a commit asks for a
    /// delivery, or after one poll interval, whichever comes first: what an earlier run left is at most one poll interval
    /// later than before.
    /// </summary>
    internal static async Task FirstPassDueAsync(Task settled, OutboxSignal signal, TimeSpan pollInterval, CancellationToken stoppingToken)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var woken = signal.WaitAsync(pollInterval, waiting.Token);
        await Task.WhenAny(settled, woken);
        // A commit's signal taken here is answered by the pass that follows at once; a wait still running is given up.
        await waiting.CancelAsync();
        stoppingToken.ThrowIfCancellationRequested();
    }
}
