using Consortium.Portal.Identity;
using Consortium.Portal.Platform;
using Consortium.Portal.Platform.Caching;
using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Modularity;
using Consortium.Portal.Platform.Outbox;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Workspaces.Access;
using Consortium.Portal.Workspaces.Activity;
using Consortium.Portal.Workspaces.Api;
using Consortium.Portal.Workspaces.Application;
using Consortium.Portal.Workspaces.Components;
using Consortium.Portal.Workspaces.Data;
using Consortium.Portal.Workspaces.Domain;
using Consortium.Portal.Workspaces.Seeding;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

[assembly: DeclaresModule(typeof(Consortium.Portal.Workspaces.WorkspacesModule))]

namespace Consortium.Portal.Workspaces;

/// <summary>Workspaces, their members and their activity feed; the access check the other modules ask.</summary>
public sealed class WorkspacesModule : PortalModule
{
    public override string Name => WorkspacesModuleName.Value;

    public override IReadOnlyList<string> DependsOn => [PlatformModule.ModuleName, IdentityModuleName.Value];

    public override bool HasPages => true;

    public override ModuleLocalization Localization => new(typeof(WorkspacesResource), typeof(WorkspacesModule).Assembly);

    public override void ConfigureServices(ModuleServicesContext context)
    {
        var services = context.Services;
        services.AddModuleDbContext<WorkspacesDbContext>();
        services.AddScoped<WorkspaceUsers>();
        services.AddOptions<WorkspacesOptions>().Bind(context.Configuration.GetSection(WorkspacesOptions.Section))
            .Validate(o => o.IsValid, "Workspaces:MembersCacheLifetime must be between zero and one minute.").ValidateOnStart();
        services.AddSingleton<WorkspaceSnapshots>();
        DeclareCacheInvalidation(services);
        services.AddScoped<IWorkspaceAccess, WorkspaceAccess>();
        services.AddScoped<WorkspaceService>();
        services.AddScoped<WorkspaceActivityFeed>();
        services.AddScoped<WorkspacesDemoData>();
        services.AddSingleton<IWorkspaceTabProvider, WorkspaceOwnTabs>();
        services.AddIntegrationEventHandler<WorkspaceActivityOccurred, StoreWorkspaceActivity>();
    }

    /// <summary>The access check's members must not outlive a saved change to the workspace or its members.</summary>
    internal static void DeclareCacheInvalidation(IServiceCollection services) => services
        .InvalidateCacheOnSave<Workspace>(w => WorkspaceSnapshots.Tag(w.Id))
        .InvalidateCacheOnSave<WorkspaceMembership>(m => WorkspaceSnapshots.Tag(m.WorkspaceId));

    public override void ConfigureModel(ModelBuilder builder) => builder.ConfigureWorkspacesModule();

    public override void DefinePermissions(PermissionDefinitionContext context)
        => context.Group<WorkspacesResource>(WorkspacePermissions.Group)
            .Add(WorkspacePermissions.Create, [PortalRoles.Administrator, PortalRoles.Coordinator, PortalRoles.PartnerLead])
            .Add(WorkspacePermissions.ManageAll, [PortalRoles.Administrator, PortalRoles.Coordinator]);

    public override IEnumerable<NavigationItem> GetNavigationItems() =>
    [
        new("Nav.Workspaces", WorkspacePaths.Page, Icons.Material.Filled.Workspaces, typeof(WorkspacesResource), Order: 100),
    ];

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapWorkspaceEndpoints();

    public override Task SeedAsync(SeedContext context) => context.IncludeDemoData
        ? context.Services.GetRequiredService<WorkspacesDemoData>().SeedAsync(context.CancellationToken)
        : Task.CompletedTask;
}

/// <summary>Marker type of the Workspaces module's localization resource (<c>Localization/*.json</c>).</summary>
public sealed class WorkspacesResource;
