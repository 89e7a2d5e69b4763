using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Consortium.Portal.Platform.Modularity;

/// <summary>
/// The seeding of a start whose database was already up to date, run beside the host's own start instead of before
/// it (issue 16, cold start). On such a database every seeder finds what it would write already there, so the checks
/// are the seconds a start spent on its DbContexts' models and queries before it listened. They still decide what a
/// request sees (a permission added since the last start gets its default grants here), so until they end
/// <c>/health/ready</c> says no (<see cref="StartupSeedingHealthCheck"/>) and a request that comes anyway waits for
/// them (<see cref="UsePortalStartupGate"/>) instead of reading a half-seeded database. A new or upgraded database is
/// seeded before the host starts, as before: there the seeding writes what the first requests need.
/// </summary>
public sealed class StartupSeeding(IHostApplicationLifetime lifetime, ILogger<StartupSeeding> logger) : IHostedService
{
    private Task _seeding = Task.CompletedTask;

    /// <summary>Ends when the seeding has; done at once when the start seeded before listening.</summary>
    public Task Completion => _seeding;

    /// <summary>Follows <paramref name="seeding"/>: a failure is logged and stops the application, as a failed seeding before the start did.</summary>
    public void Track(Task seeding) => _seeding = ObserveAsync(seeding);

    private async Task ObserveAsync(Task seeding)
    {
        try
        {
            await seeding;
        }
        catch (Exception e) when (!lifetime.ApplicationStopping.IsCancellationRequested)
        {
            logger.LogCritical(e, "Seeding the modules failed; the portal stops");
            lifetime.StopApplication();
            throw;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // Registered before the other hosted services, so stopped after them: the seeding's scope and its database
    // connections are not disposed under it.
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _seeding.WaitAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Logged where it failed.
        }
    }
}

/// <summary>Part of <c>/health/ready</c>: ready once the start's seeding has ended well.</summary>
internal sealed class StartupSeedingHealthCheck(StartupSeeding seeding) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        => StartTaskHealth.Of(seeding.Completion, running: "seeding", failed: "seeding failed");
}

public static class StartupSeedingExtensions
{
    /// <summary>Starts the modules' seeding beside the host's start; <see cref="StartupSeeding"/> says when it ends.</summary>
    public static void StartSeedingPortalModules(this IServiceProvider services, bool includeDemoData)
    {
        var stopping = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        var logger = services.GetRequiredService<ILogger<StartupSeeding>>();
        services.GetRequiredService<StartupSeeding>().Track(Task.Run(async () =>
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await services.SeedPortalModulesAsync(includeDemoData, stopping);
            logger.LogInformation("Seeding checked beside the start in {Elapsed} ms", (long)clock.Elapsed.TotalMilliseconds);
        }, stopping));
    }

    /// <summary>
    /// Holds a request that comes before the start's seeding has ended until it has (the health endpoints excepted:
    /// they say whether it has). Once it has, one completed-task check per request.
    /// </summary>
    public static IApplicationBuilder UsePortalStartupGate(this IApplicationBuilder app)
    {
        var seeding = app.ApplicationServices.GetRequiredService<StartupSeeding>();
        return app.Use(async (context, next) =>
        {
            if (!seeding.Completion.IsCompletedSuccessfully && !context.Request.Path.StartsWithSegments("/health"))
            {
                await seeding.Completion.WaitAsync(context.RequestAborted);
            }
            await next(context);
        });
    }
}
