using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Consortium.Portal.Platform.Jobs;

/// <summary>
/// The job side of a start, run once the host listens instead of before it (issue 16, cold start): the modules'
/// recurring jobs written to Hangfire's storage (<see cref="RecurringJobsRegistrar"/>), then this instance's job
/// server started. As hosted services they ran one after another before Kestrel listened, and creating the storage
/// (its schema check) and writing the schedules was a large part of that wait. Nothing a request does needs either:
/// a request only enqueues, and the queue is in the database. What they guarantee holds: the schedules are written
/// before this instance's server starts, so its scheduler never fires a removed job or an old cron; <c>/health/ready</c>
/// says no until both are done (<see cref="JobsStartupHealthCheck"/>); a failure (two jobs with one id) is logged,
/// stops the portal and makes it exit with 1, as a failure before listening did; the server's stop stays bounded
/// (<see cref="BoundedStopHostedService"/>).
/// </summary>
public sealed class JobsStartup : IHostedService
{
    private readonly IServiceProvider _services;
    private readonly Func<IServiceProvider, IHostedService>? _server;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger<JobsStartup> _logger;
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IHostedService? _started;
    private int _begun;

    internal JobsStartup(IServiceProvider services, Func<IServiceProvider, IHostedService>? server)
    {
        _services = services;
        _server = server;
        _lifetime = services.GetRequiredService<IHostApplicationLifetime>();
        _logger = services.GetRequiredService<ILogger<JobsStartup>>();
    }

    /// <summary>Ends when the recurring jobs are registered and the job server (where enabled) has started.</summary>
    public Task Completion => _done.Task;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // ApplicationStarted fires when every hosted service has started and Kestrel listens; its callbacks run on the
        // thread that fires it, so the work goes to the pool.
        _lifetime.ApplicationStarted.Register(() =>
        {
            if (Interlocked.Exchange(ref _begun, 1) == 0)
            {
                _ = Task.Run(RunAsync);
            }
        });
        return Task.CompletedTask;
    }

    private async Task RunAsync()
    {
        var stopping = _lifetime.ApplicationStopping;
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            // Resolved here, not in the constructor: creating the storage checks its schema.
            await ActivatorUtilities.CreateInstance<RecurringJobsRegistrar>(_services).StartAsync(stopping);
            if (_server is not null)
            {
                var server = _server(_services);
                await server.StartAsync(stopping);
                _started = server;
            }
            _logger.LogInformation("Recurring jobs registered and the job server started after listening, in {Elapsed} ms", (long)clock.Elapsed.TotalMilliseconds);
            _done.TrySetResult();
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            _done.TrySetCanceled(stopping);
        }
        catch (Exception e)
        {
            _logger.LogCritical(e, "Starting the background jobs failed; the portal stops");
            _done.TrySetException(e);
            _lifetime.StopApplication();
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _begun, 1) == 0)
        {
            // Stopped before it listened: nothing was started.
            _done.TrySetCanceled(CancellationToken.None);
            return;
        }
        try
        {
            await _done.Task.WaitAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Logged where it failed, or cancelled by the stop itself.
        }
        if (_started is not null)
        {
            await _started.StopAsync(cancellationToken);
        }
    }
}

/// <summary>Part of <c>/health/ready</c>: ready once the recurring jobs are registered and the job server has started.</summary>
internal sealed class JobsStartupHealthCheck(JobsStartup jobs) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        => Modularity.StartTaskHealth.Of(jobs.Completion, running: "background jobs starting", failed: "background jobs failed to start");
}
