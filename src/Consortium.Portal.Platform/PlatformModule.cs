using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Consortium.Portal.Platform.Auditing;
using Consortium.Portal.Platform.Blobs;
using Consortium.Portal.Platform.Caching;
using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Jobs;
using Consortium.Portal.Platform.Localization;
using Consortium.Portal.Platform.Mail;
using Consortium.Portal.Platform.Modularity;
using Consortium.Portal.Platform.Outbox;
using Consortium.Portal.Platform.Security;
using Hangfire;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MudBlazor;

[assembly: DeclaresModule(typeof(Consortium.Portal.Platform.PlatformModule))]

namespace Consortium.Portal.Platform;

/// <summary>The kernel as a module: every other module depends on it.</summary>
public sealed class PlatformModule : PortalModule
{
    public const string ModuleName = "Platform";

    public override string Name => ModuleName;

    public override bool HasPages => true;

    public override ModuleLocalization Localization => new(typeof(PlatformResource), typeof(PlatformModule).Assembly);

    public override void ConfigureServices(ModuleServicesContext context)
    {
        var services = context.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<Text.MarkdownRendering>();
        services.AddHttpContextAccessor();

        services.AddScoped<CurrentPrincipal>();
        services.AddScoped<ICurrentUser, CurrentUser>();
        services.AddScoped<CircuitHandler, CurrentPrincipalCircuitHandler>();
        services.AddScoped<Components.LeavePrompt>();

        // Keys in the database: sessions, antiforgery tokens and e-mailed links survive a restart, and every instance
        // behind a load balancer reads the cookies the others wrote. Plain SQL rather than through a DbContext: see the
        // repository.
        var dataProtection = services.AddDataProtection()
            .SetApplicationName("Consortium.Portal");
        services.AddSingleton<Security.DatabaseKeyRepository>();
        services.AddOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>()
            .Configure<Security.DatabaseKeyRepository>((options, keys) => options.XmlRepository = keys);
        // Keys encrypted at rest with an X.509 certificate, when one is configured (see DataProtectionCertificates).
        DataProtectionCertificates.Apply(dataProtection, context.Configuration);

        services.AddAuthorization();
        services.AddLocalization();
        services.AddSingleton<IAuthorizationPolicyProvider, PermissionPolicyProvider>();
        services.AddScoped<IAuthorizationHandler, PermissionAuthorizationHandler>();
        services.AddMemoryCache();
        services.AddOptions<PortalCacheOptions>().Bind(context.Configuration.GetSection(PortalCacheOptions.Section))
            .Validate(o => o.MaxEntries >= 1, "Caching:MaxEntries must be at least 1.").ValidateOnStart();
        services.AddSingleton<PortalCache>();
        services.AddSingleton<CacheInvalidationInterceptor>();
        services.AddScoped<Data.SharedTransaction>();
        services.AddScoped<PermissionGrantStore>();
        services.AddScoped<IPermissionGrantStore>(sp => sp.GetRequiredService<PermissionGrantStore>());
        services.AddScoped<IPermissionChecker, PermissionChecker>();
        services.AddScoped<IUserPermissionChecker, UserPermissionChecker>();
        services.AddScoped<Auditing.IAuditLog, Auditing.AuditLog>();
        services.AddScoped<AuditLogSearch>();

        services.AddScoped<IntegrationEventPublisher>();
        services.AddScoped<Events.IIntegrationEventPublisher>(sp => sp.GetRequiredService<IntegrationEventPublisher>());
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<PortalSaveChangesInterceptor>();
        services.AddScoped(sp => new ModuleContextScope(
            sp.GetRequiredService<ICurrentUser>(), sp.GetRequiredService<IntegrationEventPublisher>(), sp.GetRequiredService<IHttpContextAccessor>()));
        services.AddOptions<OutboxOptions>().Bind(context.Configuration.GetSection(OutboxOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OutboxOptions>, OutboxOptionsValidation>();
        services.AddSingleton<IntegrationEventSubscriptions>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService<OutboxDispatcherService>();

        services.AddPortalBackgroundJobs(context.Configuration);
        services.AddRecurringJob<OutboxPurgeJob>(OutboxPurgeJob.JobId, Cron.Daily(3));
        services.AddRecurringJob<SqliteStatisticsJob>(SqliteStatisticsJob.JobId, Cron.Hourly(41));

        services.AddModuleDbContext<PlatformDbContext>();

        services.AddPortalBlobStorage(context.Configuration, PortalDataFolder.Resolve(context.Configuration, context.Environment));
        services.AddPortalLocalization();
        services.AddPortalMail(context);
    }

    public override void ConfigureModel(ModelBuilder builder) => builder.ConfigurePlatform();

    public override void DefinePermissions(PermissionDefinitionContext context)
        => context.Group<PlatformResource>(PlatformPermissions.Group)
            .Add(PlatformPermissions.AuditLog.View, [PortalRoles.Administrator, PortalRoles.Coordinator])
            .Add(PlatformPermissions.BackgroundJobs.View, [PortalRoles.Administrator]);

    public override IEnumerable<NavigationItem> GetNavigationItems() =>
    [
        new("Nav:AuditLog", AuditLogPaths.Page, Icons.Material.Filled.History, typeof(PlatformResource), Order: 900, Permission: PlatformPermissions.AuditLog.View),
        new("Nav:BackgroundJobs", BackgroundJobsDashboard.Path, Icons.Material.Filled.Schedule, typeof(PlatformResource), Order: 910, Permission: PlatformPermissions.BackgroundJobs.View),
    ];

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapAuditLogEndpoints();
        endpoints.MapBackgroundJobsDashboard();
    }

    public override async Task SeedAsync(SeedContext context)
    {
        var grants = context.Services.GetRequiredService<PermissionGrantStore>();
        await grants.SeedDefaultGrantsAsync(context.Services.GetRequiredService<TimeProvider>(), context.CancellationToken);
    }
}

/// <summary>The platform's own tables: outbox, processed messages, audit log, permission grants.</summary>
public sealed class PlatformDbContext(DbContextOptions<PlatformDbContext> options) : ModuleDbContext(options), IDataProtectionKeyContext
{
    /// <summary>The key ring that protects cookies, antiforgery tokens and reset links, shared by every instance.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<ProcessedMessage> ProcessedMessages => Set<ProcessedMessage>();
    public DbSet<AuditLogEntry> AuditLog => Set<AuditLogEntry>();
    public DbSet<PermissionGrant> PermissionGrants => Set<PermissionGrant>();
    public DbSet<SeededPermission> SeededPermissions => Set<SeededPermission>();

    protected override void ConfigureModuleModel(ModelBuilder builder) => builder.ConfigurePlatform();
}
