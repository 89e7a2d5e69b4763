using Consortium.Portal.Platform.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
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

    /// <summary>The warnings the bounded stop writes.</summary>
    private sealed class Warnings : ILogger<BoundedStopHostedService>
    {
        public List<string> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => Messages.Add(formatter(state, exception));
    }

    [Fact]
    public async Task Its_own_budget_running_out_is_said_to_be_its_own()
    {
        var warnings = new Warnings();
        var bounded = new BoundedStopHostedService(new StuckService(), TimeSpan.FromMilliseconds(50), warnings);

        await bounded.StopAsync(CancellationToken.None);

        Assert.Equal("StuckService did not stop within 0.05 s; the portal stops without waiting for it any longer", Assert.Single(warnings.Messages));
    }

    [Fact]
    public async Task The_hosts_budget_running_out_first_is_not_blamed_on_its_own()
    {
        // As in a stop whose web server waited out the host's whole budget for open connections: the job server's
        // stop begins with the host's token already fired, long before its own 15 s.
        var warnings = new Warnings();
        var bounded = new BoundedStopHostedService(new StuckService(), TimeSpan.FromMinutes(1), warnings);

        await bounded.StopAsync(new CancellationToken(canceled: true));

        var warning = Assert.Single(warnings.Messages);
        Assert.StartsWith("The host's shutdown timeout ran out while the portal waited for StuckService", warning);
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
