using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.IntegrationTests.Platform;

/// <summary>Signals the waiting test when Hangfire has performed <see cref="SignalWithRetryJob"/>.</summary>
public sealed class JobSignal
{
    public TaskCompletionSource<string> Performed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// A job with a retry filter, like the portal's own e-mail and text-extraction jobs: Hangfire makes the filter, and so
/// asks its static log provider for a logger, every time it reads the job's filters.
/// </summary>
public sealed class SignalWithRetryJob(JobSignal signal)
{
    [AutomaticRetry(Attempts = 0)]
    public void Run(string word) => signal.Performed.TrySetResult(word);
}

internal sealed class PortalWithSignal : DeliveringPortal<Infrastructure.SqlitePortal>
{
    public JobSignal Signal { get; } = new();

    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        services.AddSingleton(Signal);
        services.AddTransient<SignalWithRetryJob>();
    }
}

/// <summary>
/// Hangfire keeps its configuration (the log provider among it) in statics, and the test suite hosts many portals in
/// one process. A portal started later and already disposed must not stop an earlier one's jobs: it did, now and then,
/// as an e-mail job that was fetched and never performed.
/// </summary>
public sealed class TwoPortalsInOneProcessTests
{
    [Fact]
    public async Task A_portal_keeps_performing_jobs_after_another_portal_in_the_process_is_disposed()
    {
        var running = new PortalWithSignal();
        await ((IAsyncLifetime)running).InitializeAsync();
        try
        {
            _ = running.App.Services;

            var shortLived = new PortalWithSignal();
            await ((IAsyncLifetime)shortLived).InitializeAsync();
            _ = shortLived.App.Services;
            await ((IAsyncLifetime)shortLived).DisposeAsync();

            running.App.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<SignalWithRetryJob>(job => job.Run("performed"));

            Assert.Equal("performed", await running.Signal.Performed.Task.WaitAsync(TimeSpan.FromSeconds(60)));
        }
        finally
        {
            await ((IAsyncLifetime)running).DisposeAsync();
        }
    }
}
