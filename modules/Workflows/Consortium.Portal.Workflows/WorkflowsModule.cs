using Consortium.Portal.Identity;
using Consortium.Portal.Notifications;
using Consortium.Portal.Platform;
using Consortium.Portal.Platform.Caching;
using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Jobs;
using Consortium.Portal.Platform.Modularity;
using Consortium.Portal.Platform.Outbox;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Workflows.Api;
using Consortium.Portal.Workflows.Application;
using Consortium.Portal.Workflows.Data;
using Consortium.Portal.Workflows.Jobs;
using Consortium.Portal.Workflows.Notifications;
using Consortium.Portal.Workspaces;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

[assembly: DeclaresModule(typeof(Consortium.Portal.Workflows.WorkflowsModule))]

namespace Consortium.Portal.Workflows;

/// <summary>
/// The engine for human approval: versioned definitions as data, instances with tasks, incidents and a journal, the
/// task inbox, and reminders and escalations on the Platform's durable jobs. Other modules use its Contracts only.
/// </summary>
public sealed class WorkflowsModule : PortalModule
{
    public override string Name => WorkflowsModuleName.Value;

    public override IReadOnlyList<string> DependsOn => [PlatformModule.ModuleName, IdentityModuleName.Value, NotificationsModuleName.Value, WorkspacesModuleName.Value];

    public override bool HasPages => true;

    public override ModuleLocalization Localization => new(typeof(WorkflowsResource), typeof(WorkflowsModule).Assembly);

    public override void ConfigureServices(ModuleServicesContext context)
    {
        var services = context.Services;
        var section = context.Configuration.GetSection(WorkflowsOptions.Section);
        var problems = (section.Get<WorkflowsOptions>() ?? new WorkflowsOptions()).Validate().ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" ", problems));
        }
        services.AddSingleton<Platform.Home.IHomeSectionProvider, Components.Home.WorkflowsHomeSections>();
        services.AddOptions<WorkflowsOptions>().Bind(section);
        services.AddModuleDbContext<WorkflowsDbContext>();
        services.AddScoped<WorkflowDefinitions>();
        services.AddScoped<WorkflowDefinitionDrafts>();
        services.AddScoped<IWorkflowDefinitionSeeds>(sp => sp.GetRequiredService<WorkflowDefinitions>());
        services.AddScoped<WorkflowDelegations>();
        services.AddScoped<WorkflowSubjectTypes>();
        services.AddScoped<WorkflowVersionMoves>();
        services.AddScoped<WorkflowViews>();
        services.AddScoped<TaskInbox>();
        // The inboxes kept in the cache show tasks, their instances' subjects, and delegated tasks: a save of any of them drops them.
        services.InvalidateCacheOnSave<Domain.WorkflowTask>(_ => TaskInbox.InboxTag);
        services.InvalidateCacheOnSave<Domain.WorkflowInstance>(_ => TaskInbox.InboxTag);
        services.InvalidateCacheOnSave<Domain.WorkflowDelegation>(_ => TaskInbox.InboxTag);
        services.AddScoped<WorkflowDefinitionNames>();
        services.AddScoped<WorkflowContextReader>();
        services.AddScoped<WorkflowNotifier>();
        services.AddScoped<WorkflowRuntime>();
        services.AddScoped<IWorkflows>(sp => sp.GetRequiredService<WorkflowRuntime>());
        services.AddScoped<IWorkflowWithdrawals, WorkflowWithdrawals>();
        services.AddScoped<PeopleInRole>();
        services.AddSingleton<IWorkflowTimelineView, Components.WorkflowTimelineView>();

        services.AddScoped<IWorkflowAssigneeResolver, RoleAssignees>();
        services.AddScoped<IWorkflowAssigneeResolver, AuthoringPartnerLeadAssignees>();
        services.AddScoped<IWorkflowAssigneeResolver, PartnerLeadAssignees>();
        services.AddScoped<IWorkflowAssigneeResolver, NamedAssignees>();
        services.AddScoped<IWorkflowAssigneeResolver, WorkspaceReviewerAssignees>();
        services.AddScoped<IWorkflowAssigneeResolver, AuthorAssignees>();

        foreach (var type in WorkflowNotificationTypes.All)
        {
            services.AddNotificationType(type);
        }
        services.AddIntegrationEventHandler<UserDisabled, AssigneeDisabledHandler>();
        services.AddRecurringJob<WorkflowTimersJob>(WorkflowTimersJob.JobId, "* * * * *");
        services.AddRecurringJob<WorkflowRetentionJob>(WorkflowRetentionJob.JobId, Hangfire.Cron.Daily(3, 15));
    }

    public override void ConfigureModel(ModelBuilder builder) => builder.ConfigureWorkflowsModule();

    public override void DefinePermissions(PermissionDefinitionContext context)
        => context.Group<WorkflowsResource>(WorkflowsPermissions.Group)
            .Add(WorkflowsPermissions.Definitions.View, [PortalRoles.Administrator, PortalRoles.Coordinator, PortalRoles.PartnerLead, PortalRoles.Member])
            .Add(WorkflowsPermissions.Definitions.Manage, [PortalRoles.Administrator, PortalRoles.Coordinator])
            .Add(WorkflowsPermissions.Instances.Manage, [PortalRoles.Administrator, PortalRoles.Coordinator]);

    public override IEnumerable<NavigationItem> GetNavigationItems() =>
    [
        new("Nav.Inbox", WorkflowsPaths.InboxPage, Icons.Material.Filled.TaskAlt, typeof(WorkflowsResource), Order: 150),
        new("Nav.Definitions", WorkflowsPaths.DefinitionsPage, Icons.Material.Filled.Schema, typeof(WorkflowsResource),
            Order: 860, Permission: WorkflowsPermissions.Definitions.Manage),
        new("Nav.Instances", WorkflowsPaths.InstancesPage, Icons.Material.Filled.AccountTree, typeof(WorkflowsResource),
            Order: 850, Permission: WorkflowsPermissions.Instances.Manage),
    ];

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapWorkflowsEndpoints();
}

/// <summary>Marker type of the module's localization resource (<c>Localization/*.json</c>).</summary>
public sealed class WorkflowsResource;
