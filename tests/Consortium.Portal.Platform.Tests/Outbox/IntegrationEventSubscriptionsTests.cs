using Consortium.Portal.Platform.Events;
using Consortium.Portal.Platform.Outbox;
using Consortium.Portal.Platform.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.Platform.Tests.Outbox;

public sealed class IntegrationEventSubscriptionsTests
{
    [IntegrationEventName("tests.forum-meeting-scheduled")]
    private sealed record ImpostorOfMeetingScheduled(Guid MeetingId) : IIntegrationEvent;

    private sealed record EventWithoutName : IIntegrationEvent;

    private sealed class ImpostorHandler : IIntegrationEventHandler<ImpostorOfMeetingScheduled>
    {
        public Task HandleAsync(ImpostorOfMeetingScheduled integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class NamelessHandler : IIntegrationEventHandler<EventWithoutName>
    {
        public Task HandleAsync(EventWithoutName integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private static IntegrationEventSubscriptions Build(Action<IServiceCollection> register)
    {
        var services = new ServiceCollection();
        services.AddSingleton<DeliveryLog>();
        services.AddSingleton<CalendarOutage>();
        register(services);
        services.AddSingleton<IntegrationEventSubscriptions>();
        return services.BuildServiceProvider().GetRequiredService<IntegrationEventSubscriptions>();
    }

    [Fact]
    public void Every_handler_of_an_event_is_found_by_the_event_name()
    {
        var subscriptions = Build(s => s
            .AddIntegrationEventHandler<ForumMeetingScheduled, NotifyParticipantsHandler>()
            .AddIntegrationEventHandler<ForumMeetingScheduled, AddToConsortiumCalendarHandler>()
            .AddIntegrationEventHandler<ForumMeetingMoved, RescheduleRemindersHandler>());

        Assert.Equal([typeof(NotifyParticipantsHandler), typeof(AddToConsortiumCalendarHandler)],
            subscriptions.Of("tests.forum-meeting-scheduled").Select(s => s.HandlerType));
        Assert.Equal(typeof(NotifyParticipantsHandler).FullName, subscriptions.Of("tests.forum-meeting-scheduled")[0].HandlerName);
        Assert.Empty(subscriptions.Of("tests.unknown"));
    }

    [Fact]
    public void Registering_a_handler_twice_subscribes_it_once()
    {
        var subscriptions = Build(s => s
            .AddIntegrationEventHandler<ForumMeetingScheduled, NotifyParticipantsHandler>()
            .AddIntegrationEventHandler<ForumMeetingScheduled, NotifyParticipantsHandler>());

        Assert.Single(subscriptions.Of("tests.forum-meeting-scheduled"));
    }

    [Fact]
    public void Two_event_types_with_one_name_are_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Build(s => s
            .AddIntegrationEventHandler<ForumMeetingScheduled, NotifyParticipantsHandler>()
            .AddIntegrationEventHandler<ImpostorOfMeetingScheduled, ImpostorHandler>()));

        Assert.Contains("'tests.forum-meeting-scheduled'", error.Message);
    }

    [Fact]
    public void An_event_without_a_declared_name_cannot_be_subscribed_to()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddIntegrationEventHandler<EventWithoutName, NamelessHandler>());

        Assert.Contains("[IntegrationEventName]", error.Message);
    }
}
