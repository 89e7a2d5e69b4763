using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Consortium.Portal.Platform.Modularity;

public static class PortalHostExtensions
{
    /// <summary>Loads the modules reachable from <typeparamref name="TRootModule"/> and lets each configure its services, in dependency order.</summary>
    public static ModuleCatalog AddPortalModules<TRootModule>(this IHostApplicationBuilder builder) where TRootModule : PortalModule, new()
    {
        var catalog = new ModuleCatalog(ModuleLoader.Load<TRootModule>());
        builder.Services.AddSingleton(catalog);

        var dataFolder = PortalDataFolder.Resolve(builder.Configuration, builder.Environment);
        builder.Services.AddSingleton(DatabaseOptions.FromConfiguration(builder.Configuration, dataFolder));

        var permissions = new PermissionDefinitionContext();
        var context = new ModuleServicesContext(builder.Services, builder.Configuration, builder.Environment);
        foreach (var module in catalog.Modules)
        {
            module.ConfigureServices(context);
            module.DefinePermissions(permissions);
        }
        builder.Services.AddSingleton(new PermissionDefinitionCatalog(permissions.Definitions));
        return catalog;
    }

    /// <summary>Maps every module's endpoints, in dependency order.</summary>
    public static IEndpointRouteBuilder MapPortalModules(this IEndpointRouteBuilder endpoints)
    {
        foreach (var module in endpoints.ServiceProvider.GetRequiredService<ModuleCatalog>().Modules)
        {
            module.MapEndpoints(endpoints);
        }
        return endpoints;
    }

    /// <summary>Runs every module's seeding, in dependency order, each in its own scope.</summary>
    public static async Task SeedPortalModulesAsync(this IServiceProvider services, bool includeDemoData, CancellationToken cancellationToken = default)
    {
        foreach (var module in services.GetRequiredService<ModuleCatalog>().Modules)
        {
            await using var scope = services.CreateAsyncScope();
            await module.SeedAsync(new SeedContext(scope.ServiceProvider, includeDemoData, cancellationToken));
        }
    }
}
