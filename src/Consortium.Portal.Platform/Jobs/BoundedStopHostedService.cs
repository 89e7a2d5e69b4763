using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Consortium.Portal.Platform.Jobs;

/// <summary>
/// A hosted service whose stop is given at most <paramref name="budget"/>: past it the stop is abandoned with a warning
/// instead of an <see cref="OperationCanceledException"/>, which the host would rethrow out of <c>RunAsync</c> and so
/// end a graceful stop in a crash (exit 134). What the service left running dies with the process; Hangfire re-queues a
/// job whose server vanished once its fetch expires.
/// </summary>
internal sealed class BoundedStopHostedService(IHostedService inner, TimeSpan budget, ILogger<BoundedStopHostedService> logger)
    : IHostedService, IDisposable
{
    public Task StartAsync(CancellationToken cancellationToken) => inner.StartAsync(cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(budget);
        try
        {
            await inner.StopAsync(bounded.Token).WaitAsync(bounded.Token);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host's token is linked in: when it fired, the whole stop's budget ran out (perhaps before this stop
            // began, while the services stopped before it waited), and this service's own budget says nothing.
            logger.LogWarning("The host's shutdown timeout ran out while the portal waited for {Service}; the portal stops without waiting for it any longer",
                inner.GetType().Name);
        }
        catch (OperationCanceledException) when (bounded.IsCancellationRequested)
        {
            logger.LogWarning("{Service} did not stop within {Budget} s; the portal stops without waiting for it any longer",
                inner.GetType().Name, budget.TotalSeconds);
        }
    }

    public void Dispose() => (inner as IDisposable)?.Dispose();
}
