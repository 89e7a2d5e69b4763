using System.Reflection;
using Consortium.Portal.Platform;
using Consortium.Portal.Platform.Modularity;
using Consortium.Portal.Web.Localization;
using Consortium.Portal.Web.Navigation;

namespace Consortium.Portal.Web;

/// <summary>
/// The root module: the host names it, and every module it depends on (directly or not) is loaded.
/// Adding a module to the portal = referencing its project and naming it in a file of Modules/ (the portal-module template does both).
/// </summary>
public sealed class PortalWebModule : PortalModule
{
    public const string ModuleName = "Web";

    public override string Name => ModuleName;

    public override IReadOnlyList<string> DependsOn =>
        [PlatformModule.ModuleName, .. typeof(PortalWebModule).Assembly.GetCustomAttributes<HostedModuleAttribute>().Select(m => m.ModuleName)];

    public override bool HasPages => true;

    public override ModuleLocalization? Localization => new(typeof(WebResource), typeof(PortalWebModule).Assembly);

    public override void ConfigureServices(ModuleServicesContext context)
    {
        context.Services.AddScoped<PortalNavigation>();
    }
}
