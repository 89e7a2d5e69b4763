using Consortium.Portal.Platform.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Consortium.Portal.Platform.Tests.Jobs;

public sealed class BoundedStopHostedServiceTests
{
    /// <summary>Stands for Hangfire's server with a job that ignores its token: its stop ends only when the token fires.</summary>
    private sealed class StuckService : IHostedService
    {
        public bool StopAsked { get; private set; }

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            StopAsked = true;
            return Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }

    private sealed class QuickService : IHostedService
    {
        public bool Stopped { get; private set; }

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            await Task.Yield();
            Stopped = true;
        }
    }

    [Fact]
    public async Task A_stop_that_outlasts_its_budget_is_abandoned_without_an_exception()
    {
        var inner = new StuckService();
        var bounded = new BoundedStopHostedService(inner, TimeSpan.FromMilliseconds(50), NullLogger<BoundedStopHostedService>.Instance);

        // The host's own token never fires here: only the budget ends the wait, and no OperationCanceledException escapes.
        await bounded.StopAsync(CancellationToken.None);

        Assert.True(inner.StopAsked);
    }

    [Fact]
    public async Task A_stop_within_its_budget_is_awaited()
    {
        var inner = new QuickService();
        var bounded = new BoundedStopHostedService(inner, TimeSpan.FromMinutes(1), NullLogger<BoundedStopHostedService>.Instance);

        await bounded.StopAsync(CancellationToken.None);

        Assert.True(inner.Stopped);
    }

    [Fact]
    public void Hangfires_server_is_registered_behind_the_bounded_stop()
    {
        var services = new ServiceCollection();
        services.AddPortalBackgroundJobs(new ConfigurationBuilder().Build());

        // Hangfire's own registration is a factory; each hosted service it added is now the portal's wrapping factory.
        var hosted = services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationFactory != null).ToList();
        Assert.NotEmpty(hosted);
        Assert.All(hosted, d => Assert.Equal(typeof(BackgroundJobsRegistration), d.ImplementationFactory!.Method.DeclaringType?.DeclaringType ?? d.ImplementationFactory.Method.DeclaringType));
    }

    [Fact]
    public void The_job_server_stops_within_the_hosts_budget()
    {
        Assert.True(BackgroundJobsRegistration.JobServerShutdownTimeout < BackgroundJobsRegistration.JobServerStopBudget);
        Assert.True(BackgroundJobsRegistration.JobServerStopBudget < BackgroundJobsRegistration.HostShutdownTimeout);
    }
}
