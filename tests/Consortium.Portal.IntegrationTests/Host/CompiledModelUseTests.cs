using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Modularity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.IntegrationTests.Host;

/// <summary>The portal's module contexts run on their compiled models of the configured provider (CompiledModels).</summary>
public abstract class CompiledModelUseTests<TPortal>(HostPortal<TPortal> host)
    where TPortal : PortalAppFactory, new()
{
    [Fact]
    public void Each_module_context_of_the_portal_runs_on_its_compiled_model_for_the_configured_provider()
    {
        host.CreateClient();
        var provider = host.Factory.Services.GetRequiredService<DatabaseOptions>().Provider;
        using var scope = host.Factory.Services.CreateScope();
        var contexts = host.Factory.Services.GetRequiredService<IServiceProviderIsService>();
        var checkedContexts = 0;
        foreach (var contextType in host.Factory.Services.GetRequiredService<ModuleCatalog>().Modules
                     .Select(m => m.Assembly).Distinct().SelectMany(a => a.GetExportedTypes())
                     .Where(t => t is { IsAbstract: false } && t.IsSubclassOf(typeof(DbContext)) && contexts.IsService(t)))
        {
            var context = (DbContext)scope.ServiceProvider.GetRequiredService(contextType);
            var compiled = CompiledModels.Find(contextType, provider);

            Assert.NotNull(compiled);
            Assert.Same(compiled, context.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Model);
            checkedContexts++;
        }
        Assert.True(checkedContexts >= 10, $"{checkedContexts} module contexts found in the portal's services");
    }
}

[Collection(HostCollections.Sqlite)]
public sealed class CompiledModelUseTests_Sqlite(HostPortal<SqlitePortal> host) : CompiledModelUseTests<SqlitePortal>(host);

[Collection(HostCollections.PostgreSql)]
public sealed class CompiledModelUseTests_PostgreSql(HostPortal<PostgreSqlPortal> host) : CompiledModelUseTests<PostgreSqlPortal>(host);
