using Consortium.Portal.Notifications.Delivery;
using Consortium.Portal.Notifications.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Consortium.Portal.Notifications.Tests;

public sealed class NotificationSenderTests
{
    private static readonly NotificationTypeDefinition MeetingMoved = new(
        "meetings.meeting-moved", typeof(DocumentsTestResource), "Moved:Title", "Moved:Body", requiredParameters: ["meeting", "newTime"]);

    private readonly Outbox _outbox = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 8, 30, 0, TimeSpan.Zero));

    private NotificationSender Sender() => new(new NotificationTypeRegistry([MeetingMoved]), _outbox, _clock);

    [Fact]
    public void Sending_writes_one_event_to_the_outbox_with_each_recipient_once()
    {
        var ana = Guid.NewGuid();
        var besnik = Guid.NewGuid();

        Sender().Send(new NotificationRequest("meetings.meeting-moved", [ana, besnik, ana],
            new Dictionary<string, string> { ["meeting"] = "Consortium Forum", ["newTime"] = "12 March 10:00" }, "/meetings/7"));

        var requested = Assert.IsType<NotificationRequested>(Assert.Single(_outbox.Published));
        Assert.Equal([ana, besnik], requested.RecipientIds);
        Assert.Equal("Consortium Forum", requested.Parameters["meeting"]);
        Assert.Equal("/meetings/7", requested.Link);
        Assert.Equal(_clock.GetUtcNow().UtcDateTime, requested.RequestedAtUtc);
    }

    [Fact]
    public void A_request_that_does_not_fit_its_type_is_refused_at_once_and_nothing_is_written()
    {
        Assert.Throws<InvalidNotificationException>(() => Sender().Send(new NotificationRequest("meetings.meeting-moved", [Guid.NewGuid()],
            new Dictionary<string, string> { ["meeting"] = "Consortium Forum" })));

        Assert.Empty(_outbox.Published);
    }

    [Fact]
    public void A_request_to_nobody_writes_nothing()
    {
        Sender().Send(new NotificationRequest("meetings.meeting-moved", [],
            new Dictionary<string, string> { ["meeting"] = "Consortium Forum", ["newTime"] = "12 March 10:00" }));

        Assert.Empty(_outbox.Published);
    }

    [Fact]
    public void A_rule_registered_before_the_notifications_module_is_configured_is_refused_with_the_fix()
    {
        var services = new ServiceCollection();

        var failure = Assert.Throws<InvalidOperationException>(() => services.AddNotificationRule<NotificationRequested, NoRule>());

        Assert.Contains("DependsOn", failure.Message);
    }

    private sealed class NoRule : INotificationRule<NotificationRequested>
    {
        public Task<IReadOnlyList<NotificationRequest>> NotificationsForAsync(NotificationRequested integrationEvent, CancellationToken cancellationToken)
            => Task.FromResult<IReadOnlyList<NotificationRequest>>([]);
    }
}
