using Consortium.Portal.Documents;
using Consortium.Portal.Identity;
using Consortium.Portal.Platform;
using Consortium.Portal.Platform.Caching;
using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Modularity;
using Consortium.Portal.Platform.Outbox;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Publications.Api;
using Consortium.Portal.Publications.Application;
using Consortium.Portal.Publications.Data;
using Consortium.Portal.Publications.Domain;
using Consortium.Portal.Publications.Public;
using Consortium.Portal.Workflows;
using Consortium.Portal.Workspaces;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

[assembly: DeclaresModule(typeof(Consortium.Portal.Publications.PublicationsModule))]

namespace Consortium.Portal.Publications;

/// <summary>
/// Joint publications: drafts by authors of one or more partners, approval through a workflow, the check of the final
/// files, and the public catalogue with its feeds. Uses Documents, Workspaces, Identity and Workflows by their Contracts.
/// </summary>
public sealed class PublicationsModule : PortalModule
{
    public override string Name => PublicationsModuleName.Value;

    public override IReadOnlyList<string> DependsOn =>
        [PlatformModule.ModuleName, IdentityModuleName.Value, WorkspacesModuleName.Value, DocumentsModuleName.Value, WorkflowsModuleName.Value];

    public override bool HasPages => true;

    public override ModuleLocalization Localization => new(typeof(PublicationsResource), typeof(PublicationsModule).Assembly);

    public override void ConfigureServices(ModuleServicesContext context)
    {
        var services = context.Services;
        var section = context.Configuration.GetSection(PublicationsOptions.Section);
        var problems = (section.Get<PublicationsOptions>() ?? new PublicationsOptions()).Validate().ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" ", problems));
        }
        services.AddOptions<PublicationsOptions>().Bind(section);
        services.AddModuleDbContext<PublicationsDbContext>();
        services.AddScoped<PublicationLifecycle>();
        services.AddScoped<FinalFileCheck>();
        services.AddScoped<PublicationPipeline>();
        services.AddScoped<Public.PublicCatalogue>();
        services.InvalidateCacheOnSave<Publication>(_ => Public.PublicCatalogue.CacheTag);
        services.AddScoped<IWorkflowSubjectType, PublicationSubjects>();
        services.AddSingleton<IWorkspaceTabProvider, Components.PublicationsWorkspaceTab>();
        services.AddIntegrationEventHandler<WorkflowCompleted, PublicationWorkflowOutcomes>();
        services.AddIntegrationEventHandler<WorkflowChangesRequested, PublicationWorkflowOutcomes>();
        services.AddIntegrationEventHandler<WorkflowRejected, PublicationWorkflowOutcomes>();
        services.AddIntegrationEventHandler<WorkflowCancelled, PublicationWorkflowOutcomes>();
    }

    public override void ConfigureModel(ModelBuilder builder) => builder.ConfigurePublicationsModule();

    public override void DefinePermissions(PermissionDefinitionContext context)
        => context.Group<PublicationsResource>(PublicationsPermissions.Group)
            .Add(PublicationsPermissions.View, [PortalRoles.Administrator, PortalRoles.Coordinator, PortalRoles.PartnerLead, PortalRoles.Member])
            .Add(PublicationsPermissions.Author, [PortalRoles.Administrator, PortalRoles.Coordinator, PortalRoles.PartnerLead, PortalRoles.Member])
            .Add(PublicationsPermissions.Manage, [PortalRoles.Administrator, PortalRoles.Coordinator]);

    public override IEnumerable<NavigationItem> GetNavigationItems() =>
    [
        new("Nav.Publications", PublicationsPaths.ListPage, Icons.Material.Filled.Article, typeof(PublicationsResource),
            Order: 300, Permission: PublicationsPermissions.View),
        new("Nav.Pipeline", PublicationsPaths.PipelinePage, Icons.Material.Filled.ViewKanban, typeof(PublicationsResource),
            Order: 870, Permission: PublicationsPermissions.Manage),
    ];

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPublicationsEndpoints();
        endpoints.MapPublicCatalogueEndpoints();
    }

    /// <summary>The default joint review, published once as version 1; coordinators change it in the portal from then on.</summary>
    public override Task SeedAsync(SeedContext context)
        => context.Services.GetRequiredService<IWorkflowDefinitionSeeds>().EnsurePublishedAsync(DefaultPublicationWorkflow.Definition, context.CancellationToken);
}

/// <summary>Marker type of the module's localization resource (<c>Localization/*.json</c>).</summary>
public sealed class PublicationsResource;
