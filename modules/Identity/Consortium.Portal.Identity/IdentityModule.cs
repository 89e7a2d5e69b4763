using Consortium.Portal.Identity.Data;
using Consortium.Portal.Platform;
using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Modularity;
using Consortium.Portal.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Consortium.Portal.Identity;

/// <summary>Users, partner organisations, roles, sign-in and invitations.</summary>
public sealed class IdentityModule : PortalModule
{
    public override string Name => IdentityModuleName.Value;

    public override IReadOnlyList<string> DependsOn => [PlatformModule.ModuleName];

    public override bool HasPages => true;

    public override void ConfigureServices(ModuleServicesContext context)
    {
        context.Services.AddModuleDbContext<PortalIdentityDbContext>();
    }

    public override void ConfigureModel(ModelBuilder builder) => builder.ConfigureIdentityModule();

    public override void DefinePermissions(PermissionDefinitionContext context)
    {
        context.Group<IdentityResource>(IdentityPermissions.Group)
            .Add(IdentityPermissions.Partners.View, [PortalRoles.Administrator, PortalRoles.Coordinator, PortalRoles.PartnerLead, PortalRoles.Member])
            .Add(IdentityPermissions.Partners.Manage, [PortalRoles.Administrator, PortalRoles.Coordinator])
            .Add(IdentityPermissions.Users.View, [PortalRoles.Administrator, PortalRoles.Coordinator, PortalRoles.PartnerLead])
            .Add(IdentityPermissions.Users.Invite, [PortalRoles.Administrator, PortalRoles.Coordinator, PortalRoles.PartnerLead])
            .Add(IdentityPermissions.Users.Manage, [PortalRoles.Administrator, PortalRoles.Coordinator])
            .Add(IdentityPermissions.Roles.ManagePermissions, [PortalRoles.Administrator]);
    }
}

/// <summary>Marker type of the Identity module's localization resource.</summary>
public sealed class IdentityResource;
