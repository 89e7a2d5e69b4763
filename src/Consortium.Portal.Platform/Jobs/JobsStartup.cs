using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Consortium.Portal.Platform.Jobs;

/// <summary>
/// The job side of a start (issue 16, cold start): the modules' recurring jobs written to Hangfire's storage
/// (<see cref="RecurringJobsRegistrar"/>) on a pool thread beside the rest of the host's start, then, once the host
/// listens, this instance's job server started. As hosted services they ran one after another before Kestrel listened;
/// after listening, the registration (creating the storage, its schema check, reading the schedules) was most of what
/// <c>/health/ready</c> waited for. Nothing a request does needs either: a request only enqueues, and the queue is in
/// the database. What they guarantee holds: the schedules are written before this instance's server starts, so its
/// scheduler never fires a removed job or an old cron; <c>/health/ready</c> says no until both are done
/// (<see cref="JobsStartupHealthCheck"/>); a failure (two jobs with one id) is logged, stops the portal and makes it
/// exit with 1, as a failure before listening did; the server's stop stays bounded (<see cref="BoundedStopHostedService"/>).
/// </summary>
public sealed class JobsStartup : IHostedService
{
    private readonly IServiceProvider _services;
    private readonly Func<IServiceProvider, IHostedService>? _server;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger<JobsStartup> _logger;
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task<TimeSpan> _registration = Task.FromResult(TimeSpan.Zero);
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

    /// <summary>Ends when the recurring jobs are registered (beside the host's start; the server waits for listening).</summary>
    internal Task Registration => _registration;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // On the pool: the host's start goes on (the other hosted services, Kestrel) while the storage is read.
        _registration = Task.Run(RegisterAsync, CancellationToken.None);
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

    private async Task<TimeSpan> RegisterAsync()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // Resolved here, not in the constructor: creating the storage checks its schema.
        await ActivatorUtilities.CreateInstance<RecurringJobsRegistrar>(_services).StartAsync(_lifetime.ApplicationStopping);
        return clock.Elapsed;
    }

    private async Task RunAsync()
    {
        var stopping = _lifetime.ApplicationStopping;
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var registration = await _registration;
            var registered = clock.Elapsed;
            if (_server is not null)
            {
                var server = _server(_services);
                await server.StartAsync(stopping);
                _started = server;
            }
            _logger.LogInformation("Recurring jobs registered (in {Registration} ms, beside the start) and the job server started, {Elapsed} ms after listening ({Waited} ms of it waiting for the registration)",
                (long)registration.TotalMilliseconds, (long)clock.Elapsed.TotalMilliseconds, (long)registered.TotalMilliseconds);
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
            // Stopped before it listened: no server was started. A registration still running uses the services the
            // stop disposes, so it is waited for (within the stop's budget).
            _done.TrySetCanceled(CancellationToken.None);
            try
            {
                await _registration.WaitAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _logger.LogError(e, "Registering the recurring jobs failed");
            }
            catch (OperationCanceledException)
            {
                // Cancelled by the stop itself.
            }
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
