using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Mail;
using Consortium.Portal.Platform.Modularity;
using Consortium.Portal.Platform.Outbox;
using Consortium.Portal.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Consortium.Portal.Platform;

/// <summary>The kernel as a module: every other module depends on it.</summary>
public sealed class PlatformModule : PortalModule
{
    public const string ModuleName = "Platform";

    public override string Name => ModuleName;

    public override void ConfigureServices(ModuleServicesContext context)
    {
        var services = context.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();

        services.AddScoped<CurrentPrincipal>();
        services.AddScoped<ICurrentUser, CurrentUser>();
        services.AddScoped<CircuitHandler, CurrentPrincipalCircuitHandler>();

        services.AddSingleton<IAuthorizationPolicyProvider, PermissionPolicyProvider>();
        services.AddScoped<IAuthorizationHandler, PermissionAuthorizationHandler>();
        services.AddMemoryCache();
        services.AddScoped<PermissionGrantStore>();
        services.AddScoped<IPermissionGrantStore>(sp => sp.GetRequiredService<PermissionGrantStore>());
        services.AddScoped<IPermissionChecker, PermissionChecker>();
        services.AddScoped<Auditing.IAuditLog, Auditing.AuditLog>();

        services.AddScoped<IntegrationEventPublisher>();
        services.AddScoped<Events.IIntegrationEventPublisher>(sp => sp.GetRequiredService<IntegrationEventPublisher>());
        services.AddSingleton<OutboxSignal>();
        services.AddScoped<PortalSaveChangesInterceptor>();

        services.AddModuleDbContext<PlatformDbContext>();
        services.AddPortalMail(context);
    }

    public override void ConfigureModel(ModelBuilder builder) => builder.ConfigurePlatform();

    public override async Task SeedAsync(SeedContext context)
    {
        var grants = context.Services.GetRequiredService<PermissionGrantStore>();
        await grants.SeedDefaultGrantsAsync(context.Services.GetRequiredService<TimeProvider>(), context.CancellationToken);
    }
}

/// <summary>The platform's own tables: outbox, processed messages, audit log, permission grants.</summary>
public sealed class PlatformDbContext(DbContextOptions<PlatformDbContext> options) : ModuleDbContext(options)
{
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<ProcessedMessage> ProcessedMessages => Set<ProcessedMessage>();
    public DbSet<AuditLogEntry> AuditLog => Set<AuditLogEntry>();
    public DbSet<PermissionGrant> PermissionGrants => Set<PermissionGrant>();
    public DbSet<SeededPermission> SeededPermissions => Set<SeededPermission>();

    protected override void ConfigureModuleModel(ModelBuilder builder) => builder.ConfigurePlatform();
}
