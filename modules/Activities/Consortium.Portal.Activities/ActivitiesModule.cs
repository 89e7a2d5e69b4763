using Consortium.Portal.Activities.Api;
using Consortium.Portal.Activities.Application;
using Consortium.Portal.Activities.Data;
using Consortium.Portal.Activities.Domain;
using Consortium.Portal.Activities.Jobs;
using Consortium.Portal.Activities.Public;
using Consortium.Portal.Activities.Reports;
using Consortium.Portal.Documents;
using Consortium.Portal.Identity;
using Consortium.Portal.Notifications;
using Consortium.Portal.Training;
using Consortium.Portal.Workspaces;
using Consortium.Portal.Platform;
using Consortium.Portal.Platform.Caching;
using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Jobs;
using Consortium.Portal.Platform.Modularity;
using Consortium.Portal.Platform.Outbox;
using Consortium.Portal.Platform.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

[assembly: DeclaresModule(typeof(Consortium.Portal.Activities.ActivitiesModule))]

namespace Consortium.Portal.Activities;

/// <summary>
/// The project's eleven activities with their targets, events with public registration, check-in, attendance and
/// feedback, progress against the plan and donor reports.
/// </summary>
public sealed class ActivitiesModule : PortalModule
{
    public override string Name => ActivitiesModuleName.Value;

    // Training, Documents and Workspaces answer an event's materials, documents and pickers through their Contracts;
    // Notifications' hub carries an event's changes to its open pages.
    public override IReadOnlyList<string> DependsOn =>
        [PlatformModule.ModuleName, IdentityModuleName.Value, NotificationsModuleName.Value, WorkspacesModuleName.Value, DocumentsModuleName.Value, TrainingModuleName.Value];

    public override bool HasPages => true;

    public override ModuleLocalization Localization => new(typeof(ActivitiesResource), typeof(ActivitiesModule).Assembly);

    public override void ConfigureServices(ModuleServicesContext context)
    {
        var services = context.Services;
        services.AddOptions<ActivitiesOptions>().Bind(context.Configuration.GetSection("Activities"));
        services.AddModuleDbContext<ActivitiesDbContext>();
        services.AddScoped<ActivityPlan>();
        services.AddScoped<ActivityEvents>();
        services.AddScoped<EventRegistrations>();
        services.AddScoped<RegistrantRecords>();
        services.AddScoped<EventResources>();
        services.AddScoped<IMaterialUsageSource, EventMaterialUsage>();
        services.AddScoped<RegistrationMail>();
        services.AddScoped<DonorReports>();
        services.AddScoped<DonorReportFiles>();
        services.AddSingleton<RegistrationTokens>();
        services.AddRecurringJob<RegistrantRetentionJob>(RegistrantRetentionJob.JobId, "17 3 * * *");
        services.AddRecurringJob<EventReminderJob>(EventReminderJob.JobId, "5 * * * *");
        services.AddScoped<RegistrantLinks>();
        services.AddIntegrationEventHandler<EventRegistrationReceived, RegistrantMailHandlers>();
        services.AddIntegrationEventHandler<EventRegistrationPromoted, RegistrantMailHandlers>();
        services.AddIntegrationEventHandler<ActivityEventCancelled, RegistrantMailHandlers>();
        services.AddRegistrationRateLimit();
        services.AddLiveTopic<EventLiveTopic>();
        services.AddLiveTopic<EventListLiveTopic>();
        // The kept public event pages show the event, its activity's name and its town; the places left are dropped by
        // the registrations' own paths (EventRegistrations.PublicPageTag).
        services.InvalidateCacheOnSave<ActivityEvent>(_ => EventRegistrations.PublicPageTag)
            .InvalidateCacheOnSave<ProjectActivity>(_ => EventRegistrations.PublicPageTag)
            .InvalidateCacheOnSave<Town>(_ => EventRegistrations.PublicPageTag);
    }

    public override void ConfigureModel(ModelBuilder builder) => builder.ConfigureActivitiesModule();

    public override void DefinePermissions(PermissionDefinitionContext context)
        => context.Group<ActivitiesResource>(ActivitiesPermissions.Group)
            .Add(ActivitiesPermissions.Plan.View, [PortalRoles.Administrator, PortalRoles.Coordinator, PortalRoles.PartnerLead, PortalRoles.Member])
            .Add(ActivitiesPermissions.Plan.Manage, [PortalRoles.Administrator, PortalRoles.Coordinator])
            .Add(ActivitiesPermissions.Events.Manage, [PortalRoles.Coordinator, PortalRoles.PartnerLead, PortalRoles.Member])
            .Add(ActivitiesPermissions.Registrants.ManageAll, [PortalRoles.Coordinator])
            .Add(ActivitiesPermissions.Reports.Export, [PortalRoles.Administrator, PortalRoles.Coordinator, PortalRoles.PartnerLead]);

    public override IEnumerable<NavigationItem> GetNavigationItems() =>
    [
        new("Nav.Activities", ActivitiesPaths.Page, Icons.Material.Filled.Flag, typeof(ActivitiesResource), Order: 500, Permission: ActivitiesPermissions.Plan.View),
    ];

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapActivitiesEndpoints();
        endpoints.MapPublicEventEndpoints();
    }

    /// <summary>
    /// The plan and the towns, once: a later edit by the Coordinator is never overwritten. A town of the plan seeded
    /// before towns had their Albanian and Serbian names gets the ones it lacks (the seeding writes what is missing).
    /// </summary>
    public override async Task SeedAsync(SeedContext context)
    {
        await using var scope = context.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ActivitiesDbContext>();
        var ct = context.CancellationToken;
        var known = await db.Activities.Select(a => a.Number).ToListAsync(ct);
        db.Activities.AddRange(ProjectPlan.Activities().Where(a => !known.Contains(a.Number)));
        var towns = await db.Towns.ToDictionaryAsync(t => t.NameKey, ct);
        foreach (var planned in ProjectPlan.Towns())
        {
            if (!towns.TryGetValue(planned.NameKey, out var town))
            {
                db.Towns.Add(planned);
            }
            else if (town.Id == planned.Id)
            {
                town.TakeMissingNames(planned);
            }
        }
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>Marker type of the module's localization resource (<c>Localization/*.json</c>).</summary>
public sealed class ActivitiesResource;
