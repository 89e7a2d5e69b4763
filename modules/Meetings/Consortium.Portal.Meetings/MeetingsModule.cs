using Consortium.Portal.Documents;
using Consortium.Portal.Identity;
using Consortium.Portal.Meetings.Api;
using Consortium.Portal.Meetings.Application;
using Consortium.Portal.Meetings.Calendar;
using Consortium.Portal.Meetings.Data;
using Consortium.Portal.Meetings.Jobs;
using Consortium.Portal.Meetings.Notifications;
using Consortium.Portal.Notifications;
using Consortium.Portal.Platform;
using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Jobs;
using Consortium.Portal.Platform.Modularity;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Workflows;
using Consortium.Portal.Workspaces;
using Consortium.Portal.Platform.Outbox;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

[assembly: DeclaresModule(typeof(Consortium.Portal.Meetings.MeetingsModule))]

namespace Consortium.Portal.Meetings;

/// <summary>Meetings of workspaces: scheduling and series, invitations and answers, calendars, agenda, minutes, decisions and action items.</summary>
public sealed class MeetingsModule : PortalModule
{
    public override string Name => MeetingsModuleName.Value;

    public override IReadOnlyList<string> DependsOn => [PlatformModule.ModuleName, IdentityModuleName.Value, NotificationsModuleName.Value, WorkspacesModuleName.Value, WorkflowsModuleName.Value, DocumentsModuleName.Value];

    public override bool HasPages => true;

    public override ModuleLocalization Localization => new(typeof(MeetingsResource), typeof(MeetingsModule).Assembly);

    public override void ConfigureServices(ModuleServicesContext context)
    {
        var services = context.Services;
        services.AddModuleDbContext<MeetingsDbContext>();
        services.AddScoped<MeetingAccess>();
        services.AddScoped<InviteeResolver>();
        services.AddScoped<MeetingScheduling>();
        services.AddScoped<MeetingAgenda>();
        services.AddScoped<MeetingRecords>();
        services.AddScoped<MeetingViews>();
        services.AddLiveTopic<MeetingLiveTopic>();
        services.AddScoped<IActionItemQueries>(sp => sp.GetRequiredService<MeetingViews>());
        services.AddSingleton<Platform.Home.IHomeSectionProvider, Components.Home.MeetingsHomeSections>();
        services.AddScoped<CalendarFeeds>();
        services.AddScoped<Minutes.MinutesExport>();
        services.AddScoped<Minutes.MinutesApproval>();
        services.AddScoped<Minutes.MinutesArchive>();
        services.AddScoped<IWorkflowSubjectType, Minutes.MinutesSubjects>();
        services.AddIntegrationEventHandler<WorkflowCompleted, Minutes.MinutesApprovedHandler>();
        services.AddSingleton<IWorkspaceTabProvider, Components.MeetingsWorkspaceTab>();
        // The calendar's RadzenScheduler: its views inject Radzen's dialog and tooltip services (scoped, per circuit).
        Radzen.ServiceCollectionExtensions.AddRadzenComponents(services);
        foreach (var type in MeetingNotificationTypes.All)
        {
            services.AddNotificationType(type);
        }
        services.AddRecurringJob<MeetingReminderJob>(MeetingReminderJob.JobId, "*/15 * * * *");
    }

    /// <summary>The minutes-approval definition, published once; the coordinator may publish later versions of it.</summary>
    public override async Task SeedAsync(SeedContext context)
        => await context.Services.GetRequiredService<IWorkflowDefinitionSeeds>().EnsurePublishedAsync(Minutes.MinutesWorkflow.Definition, context.CancellationToken);

    public override void ConfigureModel(ModelBuilder builder) => builder.ConfigureMeetingsModule();

    public override void DefinePermissions(PermissionDefinitionContext context)
        => context.Group<MeetingsResource>(MeetingsPermissions.Group)
            .Add(MeetingsPermissions.Use, [PortalRoles.Administrator, PortalRoles.Coordinator, PortalRoles.PartnerLead, PortalRoles.Member, PortalRoles.Guest]);

    public override IEnumerable<NavigationItem> GetNavigationItems() =>
    [
        new("Nav.Meetings", MeetingsPaths.Page, Icons.Material.Filled.Event, typeof(MeetingsResource), Order: 300, Permission: MeetingsPermissions.Use),
        new("Nav.Calendar", MeetingsPaths.CalendarPage, Icons.Material.Filled.CalendarMonth, typeof(MeetingsResource), Order: 305, Permission: MeetingsPermissions.Use),
        new("Nav.Decisions", MeetingsPaths.DecisionsPage, Icons.Material.Filled.Gavel, typeof(MeetingsResource), Order: 310, Permission: MeetingsPermissions.Use),
        new("Nav.MyActionItems", MeetingsPaths.MyActionItemsPage, Icons.Material.Filled.Checklist, typeof(MeetingsResource), Order: 320, Permission: MeetingsPermissions.Use),
    ];

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapMeetingsEndpoints();
}

/// <summary>Marker type of the module's localization resource (<c>Localization/*.json</c>).</summary>
public sealed class MeetingsResource;
