using Consortium.Portal.Identity;
using Consortium.Portal.Notifications.Api;
using Consortium.Portal.Notifications.Data;
using Consortium.Portal.Notifications.Delivery;
using Consortium.Portal.Notifications.Email;
using Consortium.Portal.Notifications.Hub;
using Consortium.Portal.Platform;
using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Jobs;
using Consortium.Portal.Platform.Modularity;
using Consortium.Portal.Platform.Outbox;
using Consortium.Portal.Platform.Security;
using Hangfire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using StackExchange.Redis;

[assembly: DeclaresModule(typeof(Consortium.Portal.Notifications.NotificationsModule))]

namespace Consortium.Portal.Notifications;

/// <summary>
/// Tells people when something needs them: a persisted inbox, a push to every open tab (SignalR, across instances
/// through Redis when <c>SignalR:Redis</c> is set), e-mail at once or in a daily digest, and a preference per type.
/// Other modules define their types and rules through the Contracts (<see cref="NotificationServiceCollectionExtensions"/>).
/// </summary>
public sealed class NotificationsModule : PortalModule
{
    public override string Name => NotificationsModuleName.Value;

    public override IReadOnlyList<string> DependsOn => [PlatformModule.ModuleName, IdentityModuleName.Value];

    public override bool HasPages => true;

    public override ModuleLocalization Localization => new(typeof(NotificationsResource), typeof(NotificationsModule).Assembly);

    public override void ConfigureServices(ModuleServicesContext context)
    {
        var services = context.Services;
        services.AddModuleDbContext<NotificationsDbContext>();
        services.AddOptions<NotificationsOptions>().Bind(context.Configuration.GetSection(NotificationsOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<NotificationsOptions>, NotificationsOptionsValidation>();

        services.AddSingleton<INotificationRuleSubscriber>(new NotificationRuleSubscriber());
        services.AddSingleton(sp => new NotificationTypeRegistry(sp.GetServices<NotificationTypeDefinition>()));
        services.AddSingleton<NotificationRenderer>();
        services.AddScoped<INotificationSender, NotificationSender>();
        services.AddScoped<RecipientDirectory>();
        services.AddScoped<NotificationPush>();
        services.AddScoped<UnreadCountPush>();
        services.AddScoped<InboxDelivery>();
        services.AddScoped<NotificationInbox>();
        services.AddScoped<NotificationEmails>();
        services.AddScoped<NotificationEmailQueue>();
        services.AddScoped<NotificationEmailJob>();
        services.AddSingleton<ConnectedUsers>();
        services.AddScoped<Components.NotificationFeed>();
        services.AddScoped<ILiveChangeFeed>(sp => sp.GetRequiredService<Components.NotificationFeed>());
        services.AddSingleton<ILiveChanges, LiveChanges>();
        services.AddSingleton<Platform.Home.IHomeSectionProvider, Components.Home.NotificationsHomeSections>();

        services.AddNotificationType(NotificationTypes.Announcement);
        services.AddNotificationType(NotificationTypes.MemberJoined);
        services.AddNotificationRule<UserJoined, Rules.MemberJoinedRule>();
        services.AddIntegrationEventHandler<NotificationRequested, NotificationRequestedHandler>();
        services.AddIntegrationEventHandler<UserDisabled, EndConnectionsOfDisabledUser>();
        services.AddRecurringJob<DailyDigestJob>(DailyDigestJob.JobId, Cron.Hourly());

        var signalR = services.AddSignalR();
        if (context.Configuration["SignalR:Redis"] is { Length: > 0 } redis)
        {
            // One channel prefix for all instances of this portal, so that portals sharing a Redis server stay apart.
            var prefix = context.Configuration["SignalR:RedisChannelPrefix"] is { Length: > 0 } configured ? configured : "consortium-portal";
            signalR.AddStackExchangeRedis(redis, options => options.Configuration.ChannelPrefix = RedisChannel.Literal(prefix));
        }
    }

    public override void ConfigureModel(ModelBuilder builder) => builder.ConfigureNotificationsModule();

    public override void DefinePermissions(PermissionDefinitionContext context)
        => context.Group<NotificationsResource>(NotificationsPermissions.Group)
            .Add(NotificationsPermissions.Announcements.Send, [PortalRoles.Administrator, PortalRoles.Coordinator, PortalRoles.PartnerLead]);

    public override IEnumerable<NavigationItem> GetNavigationItems() =>
    [
        new("Nav:Inbox", NotificationsPaths.InboxPage, Icons.Material.Filled.Notifications, typeof(NotificationsResource), Order: 800),
    ];

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapNotificationEndpoints();
        endpoints.MapHub<NotificationsHub>(NotificationsPaths.Hub).RequireAuthorization();
    }
}

/// <summary>A wrong Notifications setting stops the start with a message that names it.</summary>
internal sealed class NotificationsOptionsValidation : IValidateOptions<NotificationsOptions>
{
    public ValidateOptionsResult Validate(string? name, NotificationsOptions options)
    {
        var problems = options.Validate().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
