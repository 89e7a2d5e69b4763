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

    /// <summary>
    /// Whether this start skipped the seeders: a seeding with the same fingerprint had completed on this database
    /// (<see cref="SeedFingerprint"/>). Known once <see cref="Completion"/> is.
    /// </summary>
    public bool Skipped { get; internal set; }

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
    /// <summary>
    /// Starts the modules' seeding beside the host's start; <see cref="StartupSeeding"/> says when it ends. When the
    /// database holds this start's seed fingerprint, a seeding of this build with the same inputs completed on it and
    /// every seeder would find its data there: the seeders are skipped (issue 16, cold start).
    /// </summary>
    public static void StartSeedingPortalModules(this IServiceProvider services, bool includeDemoData)
    {
        var stopping = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        var logger = services.GetRequiredService<ILogger<StartupSeeding>>();
        var seeding = services.GetRequiredService<StartupSeeding>();
        seeding.Track(Task.Run(async () =>
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var fingerprint = SeedFingerprint.Compute(services.GetRequiredService<ModuleCatalog>(), services, includeDemoData);
            var stored = await services.GetRequiredService<SeedFingerprintStore>().ReadAsync(stopping);
            if (stored == fingerprint)
            {
                seeding.Skipped = true;
                logger.LogInformation(
                    "Seeding skipped: this database was seeded by this build with the same inputs (demo data, the seeders' settings; fingerprint {Fingerprint}), checked in {Elapsed} ms",
                    fingerprint[..12], (long)clock.Elapsed.TotalMilliseconds);
                return;
            }
            await services.SeedPortalModulesAsync(includeDemoData, fingerprint, stopping);
            logger.LogInformation("Seeding checked beside the start in {Elapsed} ms ({Reason})", (long)clock.Elapsed.TotalMilliseconds,
                stored is null ? "no seeding recorded on this database" : "the build or the seeding's inputs changed since the last seeding");
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
