using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Consortium.Portal.Platform.Web;

/// <summary>
/// Says how a stop (SIGTERM, a deploy) ended: the host gives its hosted services (the web server first, which waits for
/// open connections, then the job server, the outbox) one shared budget, <see cref="HostOptions.ShutdownTimeout"/>, and
/// abandons whatever is still stopping when it runs out, silently. The host calls <see cref="StoppedAsync"/> after
/// every service's stop with that budget's token, so a stop that ran it out is a warning here, with what the others
/// logged before it saying who was waited for.
/// </summary>
internal sealed class GracefulStopLog(IOptions<HostOptions> host, ILogger<GracefulStopLog> logger) : IHostedLifecycleService
{
    private long _stopping;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken)
    {
        _stopping = Stopwatch.GetTimestamp();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        var elapsed = (long)Stopwatch.GetElapsedTime(_stopping).TotalMilliseconds;
        if (cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("The stop ran out the host's shutdown timeout ({Timeout} s) after {Elapsed} ms; what was still stopping was abandoned",
                host.Value.ShutdownTimeout.TotalSeconds, elapsed);
        }
        else
        {
            logger.LogInformation("The portal's services stopped in {Elapsed} ms", elapsed);
        }
        return Task.CompletedTask;
    }
}
