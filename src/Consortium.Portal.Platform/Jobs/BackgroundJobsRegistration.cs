using Consortium.Portal.Platform.Data;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Consortium.Portal.Platform.Jobs;

public static class BackgroundJobsRegistration
{
    /// <summary>The whole stop of the portal: the web requests, the job server and the other hosted services.</summary>
    public static readonly TimeSpan HostShutdownTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Hangfire's own grace for its worker and scheduler threads after the stop signal.</summary>
    public static readonly TimeSpan JobServerShutdownTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long the host waits for the job server; the rest of <see cref="HostShutdownTimeout"/> is for the others.</summary>
    public static readonly TimeSpan JobServerStopBudget = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Hangfire on the portal's database: the app's own PostgreSQL database (schema <c>hangfire</c>), or on SQLite a
    /// <c>hangfire.db</c> beside <c>portal.db</c> in the data folder. Modules queue work through
    /// <see cref="IBackgroundJobClient"/> and schedule it with <see cref="RecurringJobServiceCollectionExtensions.AddRecurringJob{TJob}"/>.
    /// </summary>
    public static IServiceCollection AddPortalBackgroundJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(JobsOptions.Section);
        var settings = section.Get<JobsOptions>() ?? new JobsOptions();
        var problems = settings.Validate().ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" ", problems));
        }
        services.AddOptions<JobsOptions>().Bind(section);

        // The storage and the activator are the container's own, not Hangfire's process-wide defaults, so that two
        // portals in one process (the integration tests) never run each other's jobs or read each other's storage.
        services.AddSingleton<JobStorage>(sp => CreateStorage(
            sp.GetRequiredService<DatabaseOptions>(),
            PortalDataFolder.Resolve(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IHostEnvironment>()),
            sp.GetRequiredService<IOptions<JobsOptions>>().Value));
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        // Registered before AddHangfire, whose own registration is a TryAdd. AddHangfire also installs a plain
        // AspNetCoreLogProvider in Hangfire's static configuration; the callback below replaces it with this one.
        services.AddSingleton<Hangfire.Logging.ILogProvider, DisposalTolerantLogProvider>();
        services.AddHangfire((sp, hangfire) => hangfire
            .UseLogProvider(sp.GetRequiredService<Hangfire.Logging.ILogProvider>())
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            // The dashboard's contrast and its main landmark (axe, WCAG 2.2 AA), added to Hangfire's own page.
            .UseDashboardStylesheet(typeof(BackgroundJobsDashboard).Assembly, "Consortium.Portal.Platform.Jobs.portal-dashboard.css")
            .UseDashboardJavaScript(typeof(BackgroundJobsDashboard).Assembly, "Consortium.Portal.Platform.Jobs.portal-dashboard.js"));

        // The stop policy, deliberate: a SIGTERM (a deploy, a restart) ends within the host's budget with exit 0.
        // Hangfire cancels running jobs' tokens at once (StopTimeout zero) and re-queues a job that gave up on its
        // token, so nothing is lost by not waiting for it; it gives its own threads ShutdownTimeout. The wait for the
        // job server is then bounded below the host's budget (BoundedStopHostedService): a job or storage call that
        // ignores cancellation (Hangfire.Storage.SQLite's lock waits do) used to hold the host until its 30 s ran
        // out, and the host rethrew Hangfire's OperationCanceledException from Main (exit 134).
        services.Configure<HostOptions>(host => host.ShutdownTimeout = HostShutdownTimeout);
        Func<IServiceProvider, IHostedService>? jobServer = null;
        if (settings.Enabled)
        {
            var before = services.Count;
            services.AddHangfireServer((sp, server) =>
            {
                var options = sp.GetRequiredService<IOptions<JobsOptions>>().Value;
                server.WorkerCount = options.WorkerCount;
                server.SchedulePollingInterval = options.SchedulePollingInterval;
                server.StopTimeout = TimeSpan.Zero;
                server.ShutdownTimeout = JobServerShutdownTimeout;
            });
            // Hangfire's hosted service is taken out of the host's start and started by JobsStartup once the portal
            // listens, after the recurring jobs are registered.
            for (var i = services.Count - 1; i >= before; i--)
            {
                if (services[i] is { ServiceType: var type, ImplementationFactory: { } factory } && type == typeof(IHostedService))
                {
                    jobServer = sp => new BoundedStopHostedService(
                        (IHostedService)factory(sp), JobServerStopBudget, sp.GetRequiredService<ILogger<BoundedStopHostedService>>());
                    services.RemoveAt(i);
                }
            }
        }
        services.AddSingleton(sp => new JobsStartup(sp, jobServer));
        services.AddHostedService(sp => sp.GetRequiredService<JobsStartup>());
        services.AddHealthChecks().AddCheck<JobsStartupHealthCheck>("jobs", tags: [Web.PortalWebHost.ReadyTag]);
        return services;
    }

    private static JobStorage CreateStorage(DatabaseOptions database, string dataFolder, JobsOptions settings) => database.Provider switch
    {
        DatabaseProvider.PostgreSql => CreatePostgreSqlStorage(database.ConnectionString, settings),
        DatabaseProvider.Sqlite => new SQLiteStorage(Path.Combine(dataFolder, JobsOptions.SqliteFileName), new SQLiteStorageOptions
        {
            QueuePollInterval = settings.QueuePollInterval,
            JournalMode = SQLiteStorageOptions.JournalModes.WAL,
        }),
        _ => throw new InvalidOperationException($"Unsupported database provider {database.Provider}."),
    };

    private static PostgreSqlStorage CreatePostgreSqlStorage(string connectionString, JobsOptions settings)
    {
        var options = new PostgreSqlStorageOptions
        {
            SchemaName = JobsOptions.PostgreSqlSchema,
            PrepareSchemaIfNecessary = true,
            QueuePollInterval = settings.QueuePollInterval,
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
    }
}
