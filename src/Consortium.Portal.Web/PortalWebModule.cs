using Consortium.Portal.Documents;
using Consortium.Portal.Identity;
using Consortium.Portal.Notifications;
using Consortium.Portal.Platform;
using Consortium.Portal.Platform.Modularity;
using Consortium.Portal.Web.Localization;
using Consortium.Portal.Web.Navigation;
using Consortium.Portal.Workspaces;

namespace Consortium.Portal.Web;

/// <summary>
/// The root module: the host names it, and every module it depends on (directly or not) is loaded.
/// Adding a module to the portal = referencing its project here and naming it below.
/// </summary>
public sealed class PortalWebModule : PortalModule
{
    public const string ModuleName = "Web";

    public override string Name => ModuleName;

    public override IReadOnlyList<string> DependsOn =>
        [PlatformModule.ModuleName, IdentityModuleName.Value, NotificationsModuleName.Value, WorkspacesModuleName.Value, DocumentsModuleName.Value];

    public override bool HasPages => true;

    public override ModuleLocalization? Localization => new(typeof(WebResource), typeof(PortalWebModule).Assembly);

    public override void ConfigureServices(ModuleServicesContext context)
    {
        context.Services.AddScoped<PortalNavigation>();
    }
}
