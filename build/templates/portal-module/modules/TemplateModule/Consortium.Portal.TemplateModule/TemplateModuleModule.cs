using Consortium.Portal.Platform;
using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Modularity;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.TemplateModule.Api;
using Consortium.Portal.TemplateModule.Application;
using Consortium.Portal.TemplateModule.Data;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

[assembly: DeclaresModule(typeof(Consortium.Portal.TemplateModule.TemplateModuleModule))]

namespace Consortium.Portal.TemplateModule;

/// <summary>The TemplateModule module. Its validators are found by the Platform; its tables are in the migrations once
/// <c>build/migrations.sh AddTemplateModule</c> has run.</summary>
public sealed class TemplateModuleModule : PortalModule
{
    public override string Name => TemplateModuleModuleName.Value;

    public override IReadOnlyList<string> DependsOn => [PlatformModule.ModuleName];

    public override bool HasPages => true;

    public override ModuleLocalization Localization => new(typeof(TemplateModuleResource), typeof(TemplateModuleModule).Assembly);

    public override void ConfigureServices(ModuleServicesContext context)
    {
        context.Services.AddModuleDbContext<TemplateModuleDbContext>();
        context.Services.AddScoped<TemplateModuleItems>();
    }

    public override void ConfigureModel(ModelBuilder builder) => builder.ConfigureTemplateModuleModule();

    public override void DefinePermissions(PermissionDefinitionContext context)
        => context.Group<TemplateModuleResource>(TemplateModulePermissions.Group)
            .Add(TemplateModulePermissions.Items.View, [PortalRoles.Administrator, PortalRoles.Coordinator, PortalRoles.PartnerLead, PortalRoles.Member])
            .Add(TemplateModulePermissions.Items.Manage, [PortalRoles.Administrator, PortalRoles.Coordinator]);

    public override IEnumerable<NavigationItem> GetNavigationItems() =>
    [
        new("Nav.TemplateModule", TemplateModulePaths.Page, Icons.Material.Filled.Widgets, typeof(TemplateModuleResource),
            Order: 900, Permission: TemplateModulePermissions.Items.View),
    ];

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapTemplateModuleEndpoints();
}

/// <summary>Marker type of the module's localization resource (<c>Localization/*.json</c>).</summary>
public sealed class TemplateModuleResource;
