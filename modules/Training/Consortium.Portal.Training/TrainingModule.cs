using Consortium.Portal.Documents;
using Consortium.Portal.Identity;
using Consortium.Portal.Notifications;
using Consortium.Portal.Platform;
using Consortium.Portal.Platform.Caching;
using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Modularity;
using Consortium.Portal.Platform.Outbox;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Training.Api;
using Consortium.Portal.Training.Application;
using Consortium.Portal.Training.Data;
using Consortium.Portal.Training.Domain;
using Consortium.Portal.Training.Public;
using Consortium.Portal.Workflows;
using Consortium.Portal.Workspaces;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

[assembly: DeclaresModule(typeof(Consortium.Portal.Training.TrainingModule))]

namespace Consortium.Portal.Training;

/// <summary>
/// The training materials library: materials in four languages with translation groups, collections, publishing
/// through a workflow, a public library without sign-in, and follows that notify. Files are workspace documents kept
/// through Documents' Contracts; Workspaces, Identity, Workflows and Notifications are used by their Contracts.
/// </summary>
public sealed class TrainingModule : PortalModule
{
    public override string Name => TrainingModuleName.Value;

    public override IReadOnlyList<string> DependsOn =>
    [
        PlatformModule.ModuleName, IdentityModuleName.Value, WorkspacesModuleName.Value, DocumentsModuleName.Value, WorkflowsModuleName.Value,
        NotificationsModuleName.Value,
    ];

    public override bool HasPages => true;

    public override ModuleLocalization Localization => new(typeof(TrainingResource), typeof(TrainingModule).Assembly);

    public override void ConfigureServices(ModuleServicesContext context)
    {
        var services = context.Services;
        var section = context.Configuration.GetSection(TrainingOptions.Section);
        var problems = (section.Get<TrainingOptions>() ?? new TrainingOptions()).Validate().ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" ", problems));
        }
        services.AddOptions<TrainingOptions>().Bind(section);
        services.AddModuleDbContext<TrainingDbContext>();
        services.AddScoped<TrainingMaterials>();
        services.AddScoped<TranslationRequests>();
        services.AddScoped<TrainingCollections>();
        services.AddScoped<TrainingFollows>();
        services.AddScoped<PublicLibrary>();
        services.AddScoped<ITrainingCatalogue, TrainingCatalogue>();
        services.InvalidateCacheOnSave<TrainingMaterial>(_ => PublicLibrary.CacheTag)
            .InvalidateCacheOnSave<TrainingMaterial>(_ => TrainingMaterials.ListCacheTag)
            .InvalidateCacheOnSave<TrainingCollection>(_ => PublicLibrary.CacheTag);
        services.AddScoped<IWorkflowSubjectType, MaterialSubjects>();
        services.AddIntegrationEventHandler<WorkflowCompleted, MaterialWorkflowOutcomes>();
        services.AddIntegrationEventHandler<WorkflowChangesRequested, MaterialWorkflowOutcomes>();
        services.AddIntegrationEventHandler<WorkflowRejected, MaterialWorkflowOutcomes>();
        services.AddIntegrationEventHandler<WorkflowCancelled, MaterialWorkflowOutcomes>();
        services.AddScoped<IWorkflowSubjectType, TranslationRequestSubjects>();
        services.AddIntegrationEventHandler<WorkflowCompleted, TranslationRequestOutcomes>();
        services.AddIntegrationEventHandler<WorkflowChangesRequested, TranslationRequestOutcomes>();
        services.AddIntegrationEventHandler<WorkflowRejected, TranslationRequestOutcomes>();
        services.AddIntegrationEventHandler<WorkflowCancelled, TranslationRequestOutcomes>();
        services.AddNotificationType(TrainingNotificationTypes.MaterialPublished);
        services.AddNotificationType(TrainingNotificationTypes.TranslationRequested);
        services.AddNotificationRule<TrainingMaterialPublished, MaterialPublishedRule>();
        services.AddNotificationRule<TrainingTranslationRequested, TranslationRequestedRule>();
    }

    public override void ConfigureModel(ModelBuilder builder) => builder.ConfigureTrainingModule();

    public override void DefinePermissions(PermissionDefinitionContext context)
        => context.Group<TrainingResource>(TrainingPermissions.Group)
            .Add(TrainingPermissions.Materials.View, [PortalRoles.Administrator, PortalRoles.Coordinator, PortalRoles.PartnerLead, PortalRoles.Member])
            .Add(TrainingPermissions.Materials.Author, [PortalRoles.Administrator, PortalRoles.Coordinator, PortalRoles.PartnerLead, PortalRoles.Member])
            .Add(TrainingPermissions.Materials.Manage, [PortalRoles.Administrator, PortalRoles.Coordinator]);

    public override IEnumerable<NavigationItem> GetNavigationItems() =>
    [
        new("Nav.Training", TrainingPaths.Page, Icons.Material.Filled.School, typeof(TrainingResource),
            Order: 400, Permission: TrainingPermissions.Materials.View),
        new("Nav.Collections", TrainingPaths.CollectionsPage, Icons.Material.Filled.CollectionsBookmark, typeof(TrainingResource),
            Order: 410, Permission: TrainingPermissions.Materials.View),
    ];

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapTrainingEndpoints();
        endpoints.MapPublicLibraryEndpoints();
    }

    /// <summary>
    /// The publishing review and the translation request, each published once as version 1; coordinators change them in
    /// the portal from then on.
    /// </summary>
    public override async Task SeedAsync(SeedContext context)
    {
        var seeds = context.Services.GetRequiredService<IWorkflowDefinitionSeeds>();
        await seeds.EnsurePublishedAsync(DefaultMaterialWorkflow.Definition, context.CancellationToken);
        await seeds.EnsurePublishedAsync(DefaultTranslationRequestWorkflow.Definition, context.CancellationToken);
    }
}

/// <summary>Marker type of the module's localization resource (<c>Localization/*.json</c>).</summary>
public sealed class TrainingResource;
