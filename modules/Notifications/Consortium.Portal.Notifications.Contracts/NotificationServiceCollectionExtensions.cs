using Consortium.Portal.Platform.Events;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.Notifications;

/// <summary>What a module's <c>ConfigureServices</c> calls to send notifications (its module must depend on Notifications).</summary>
public static class NotificationServiceCollectionExtensions
{
    /// <summary>Makes a notification type known; the portal refuses to start when two modules define the same name.</summary>
    public static IServiceCollection AddNotificationType(this IServiceCollection services, NotificationTypeDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        services.AddSingleton(definition);
        return services;
    }

    /// <summary>Notifies whoever <typeparamref name="TRule"/> names each time a <typeparamref name="TEvent"/> is delivered from the outbox.</summary>
    public static IServiceCollection AddNotificationRule<TEvent, TRule>(this IServiceCollection services)
        where TEvent : IIntegrationEvent
        where TRule : class, INotificationRule<TEvent>
    {
        var subscriber = services.Select(d => d.IsKeyedService ? null : d.ImplementationInstance).OfType<INotificationRuleSubscriber>().FirstOrDefault()
            ?? throw new InvalidOperationException(
                $"Notification rule {typeof(TRule).Name} is registered before the Notifications module was configured: " +
                $"add NotificationsModuleName.Value (\"{NotificationsModuleName.Value}\") to the module's DependsOn.");
        subscriber.Subscribe<TEvent, TRule>(services);
        return services;
    }

    /// <summary>Lets open pages watch the changes of <typeparamref name="TTopic"/>'s subjects (see <see cref="ILiveTopic"/>).</summary>
    public static IServiceCollection AddLiveTopic<TTopic>(this IServiceCollection services)
        where TTopic : class, ILiveTopic
    {
        services.AddScoped<ILiveTopic, TTopic>();
        return services;
    }
}
