using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Platform.Validation;
using Microsoft.AspNetCore.Http;
using FluentValidation;
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
        // First of the hosted services, so the last to stop (see StartupSeeding.StopAsync).
        builder.Services.AddSingleton<StartupSeeding>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<StartupSeeding>());
        builder.Services.AddHealthChecks().AddCheck<StartupSeedingHealthCheck>("seeding", tags: [Web.PortalWebHost.ReadyTag]);

        var dataFolder = PortalDataFolder.Resolve(builder.Configuration, builder.Environment);
        builder.Services.AddSingleton(DatabaseOptions.FromConfiguration(builder.Configuration, dataFolder));
        builder.Services.AddSingleton<SeedFingerprintStore>();

        var permissions = new PermissionDefinitionContext();
        var context = new ModuleServicesContext(builder.Services, builder.Configuration, builder.Environment);
        foreach (var module in catalog.Modules)
        {
            module.ConfigureServices(context);
            module.DefinePermissions(permissions);
            // A module's validators are found, not listed: a request type with a validator is checked wherever it is used.
            // A list query's validator (PagedQueryValidator) and any other IPortalWideValidator is one for the whole portal:
            // it holds nothing of a request, its messages are read in the request's language when a rule fails, and
            // building one per request was most of a kept list's own cost (RESULTS.md, "Signed-in requests"). The others
            // may take scoped services, so stay scoped.
            builder.Services.AddValidatorsFromAssembly(module.Assembly, ServiceLifetime.Scoped, r => !IsPortalWide(r.ValidatorType), includeInternalTypes: true);
            builder.Services.AddValidatorsFromAssembly(module.Assembly, ServiceLifetime.Singleton, r => IsPortalWide(r.ValidatorType), includeInternalTypes: true);
        }
        builder.Services.AddSingleton(new PermissionDefinitionCatalog(permissions.Definitions));
        return catalog;
    }

    private static bool IsPortalWide(Type type) => typeof(IPortalWideValidator).IsAssignableFrom(type);

    /// <summary>Maps every module's endpoints, in dependency order.</summary>
    public static IEndpointRouteBuilder MapPortalModules(this IEndpointRouteBuilder endpoints)
    {
        // One group around every module's endpoints: each endpoint's body and [AsParameters] arguments are validated
        // by their registered validators before the handler runs, so no module wires validation by hand.
        // Modules' middleware first: the group below is an endpoint builder only, not the application's pipeline.
        if (endpoints is IApplicationBuilder app)
        {
            foreach (var module in endpoints.ServiceProvider.GetRequiredService<ModuleCatalog>().Modules)
            {
                module.ConfigureMiddleware(app);
            }
        }
        var portal = endpoints.MapGroup("");
        portal.AddEndpointFilterFactory(RequestValidationFilter.Create);
        foreach (var module in endpoints.ServiceProvider.GetRequiredService<ModuleCatalog>().Modules)
        {
            module.MapEndpoints(portal);
        }
        return endpoints;
    }

    /// <summary>
    /// Runs every module's seeding, in dependency order, each in its own scope; then stores its fingerprint
    /// (<see cref="SeedFingerprint"/>), so a later start with the same inputs may skip it.
    /// </summary>
    public static Task SeedPortalModulesAsync(this IServiceProvider services, bool includeDemoData, CancellationToken cancellationToken = default)
        => services.SeedPortalModulesAsync(includeDemoData,
            SeedFingerprint.Compute(services.GetRequiredService<ModuleCatalog>(), services, includeDemoData), cancellationToken);

    /// <param name="fingerprint">Of the inputs as this seeding reads them, taken before it starts.</param>
    internal static async Task SeedPortalModulesAsync(this IServiceProvider services, bool includeDemoData, string fingerprint, CancellationToken cancellationToken)
    {
        foreach (var module in services.GetRequiredService<ModuleCatalog>().Modules)
        {
            await using var scope = services.CreateAsyncScope();
            await module.SeedAsync(new SeedContext(scope.ServiceProvider, includeDemoData, cancellationToken));
        }
        // Only after every seeder completed: a failed or stopped seeding leaves the previous fingerprint, and the next
        // start seeds again.
        await services.GetRequiredService<SeedFingerprintStore>().WriteAsync(
            fingerprint, services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, cancellationToken);
    }
}
