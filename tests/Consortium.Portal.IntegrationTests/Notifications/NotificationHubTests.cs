using System.Net;
using System.Net.Http.Json;
using Consortium.Portal.Identity;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Notifications;
using Consortium.Portal.Notifications.Data;
using Consortium.Portal.Platform.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Consortium.Portal.IntegrationTests.Notifications;

/// <summary>The hub at /hubs/notifications with real .NET SignalR clients: who hears what, and catching up after a reconnect.</summary>
public abstract class NotificationHubTests<TPortal, TDatabase>(TPortal portal) : IClassFixture<TPortal>
    where TPortal : NotificationsPortal<TDatabase>
    where TDatabase : PortalAppFactory, new()
{
    private static string SubjectOf(NotificationDto notification) => notification.Title.Split(": ", 2)[1];

    [Fact]
    public async Task Two_signed_in_users_each_receive_only_their_own_notifications()
    {
        var ana = portal.Person();
        var besnik = portal.Person();
        await using var anaConnection = portal.HubConnection(ana);
        await using var besnikConnection = portal.HubConnection(besnik);
        var anaReceived = new ReceivedNotifications(anaConnection);
        var besnikReceived = new ReceivedNotifications(besnikConnection);
        await anaConnection.StartListeningAsync();
        await besnikConnection.StartListeningAsync();

        await portal.SendAnnouncementAsync("For Ana", ana);
        await portal.SendAnnouncementAsync("For Besnik", besnik);
        await portal.SendAnnouncementAsync("For both", ana, besnik);
        await portal.DeliverAsync();

        var anas = await anaReceived.WaitForAsync(2);
        var besniks = await besnikReceived.WaitForAsync(2);
        var marker = await portal.SendMarkerAsync(ana, besnik);
        Assert.Equal(["For Ana", "For both"], (await anaReceived.SettleAsync(marker)).Select(p => SubjectOf(p.Notification)));
        Assert.Equal(["For Besnik", "For both"], (await besnikReceived.SettleAsync(marker)).Select(p => SubjectOf(p.Notification)));
        Assert.Equal([1, 2], anas.Select(p => p.UnreadCount));
        Assert.All(besniks, p => Assert.True(p.Notification.RequestedAtUtc <= p.Notification.CreatedAtUtc));
    }

    [Fact]
    public async Task Every_open_connection_of_a_user_hears_the_push_and_the_count_after_a_read_elsewhere()
    {
        var reader = portal.Person();
        await using var laptop = portal.HubConnection(reader);
        await using var phone = portal.HubConnection(reader);
        var onLaptop = new ReceivedNotifications(laptop);
        var onPhone = new ReceivedNotifications(phone);
        var phoneCounts = new List<int>();
        var countArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        phone.On<UnreadCountDto>(NotificationsHubProtocol.UnreadCount, c =>
        {
            phoneCounts.Add(c.UnreadCount);
            countArrived.TrySetResult();
        });
        await laptop.StartListeningAsync();
        await phone.StartListeningAsync();

        await portal.SendAnnouncementAsync("On every device", reader);
        await portal.DeliverAsync();
        var pushed = (await onLaptop.WaitForAsync(1))[0];
        await onPhone.WaitForAsync(1);
        var count = await laptop.InvokeAsync<UnreadCountDto>(NotificationsHubProtocol.MarkRead, pushed.Notification.Id);

        await countArrived.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(0, count.UnreadCount);
        Assert.Equal([0], phoneCounts);
    }

    [Fact]
    public async Task After_a_reconnect_the_inbox_catches_up_with_what_was_missed_and_nothing_shows_twice()
    {
        var reader = portal.Person();
        var client = portal.SignedIn(reader);
        var shown = new Dictionary<Guid, NotificationDto>();
        var connection = portal.HubConnection(reader);
        var received = new ReceivedNotifications(connection);
        await connection.StartListeningAsync();
        await portal.SendAnnouncementAsync("Before going offline", reader);
        await portal.DeliverAsync();
        foreach (var push in await received.WaitForAsync(1))
        {
            shown.TryAdd(push.Notification.Id, push.Notification);
        }
        var newest = shown.Values.Single();

        await connection.DisposeAsync();
        await portal.SendAnnouncementAsync("Offline 1", reader);
        await portal.SendAnnouncementAsync("Offline 2", reader);
        await portal.SendAnnouncementAsync("Offline 3", reader);
        await portal.DeliverAsync();

        await using var again = portal.HubConnection(reader);
        var receivedAgain = new ReceivedNotifications(again);
        await again.StartListeningAsync();
        var catchUp = (await client.GetFromJsonAsync<NotificationPageDto>($"{NotificationsPaths.Api}?after={newest.Id}"))!;
        await portal.SendAnnouncementAsync("Back online", reader);
        await portal.DeliverAsync();
        var live = await receivedAgain.WaitForAsync(1);
        var merged = catchUp.Items.Concat(live.Select(p => p.Notification)).ToList();
        foreach (var item in merged)
        {
            shown.TryAdd(item.Id, item);
        }

        Assert.Equal(["Offline 3", "Offline 2", "Offline 1"], catchUp.Items.Select(SubjectOf));
        Assert.Equal(merged.Count, merged.Select(i => i.Id).Distinct().Count());
        Assert.Equal(
            new[] { "Back online", "Offline 1", "Offline 2", "Offline 3", "Before going offline" }.Order(),
            shown.Values.Select(SubjectOf).Order());
    }

    [Fact]
    public async Task A_client_cannot_join_another_users_group()
    {
        var intruder = portal.Person();
        var victim = portal.Person();
        await using var connection = portal.HubConnection(intruder);
        var received = new ReceivedNotifications(connection);
        await connection.StartListeningAsync();

        var refusal = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync(NotificationsHubProtocol.Subscribe, victim.Id));
        await connection.InvokeAsync(NotificationsHubProtocol.Subscribe, intruder.Id);
        await portal.SendAnnouncementAsync("Only for the victim", victim);
        await portal.DeliverAsync();

        var marker = await portal.SendMarkerAsync(intruder);
        Assert.Contains("only its own user's notifications", refusal.Message);
        Assert.Empty(await received.SettleAsync(marker));
    }

    [Fact]
    public async Task A_client_cannot_mark_another_users_notification_read()
    {
        var owner = portal.Person();
        var other = portal.Person();
        await portal.SendAnnouncementAsync("Mine", owner);
        await portal.DeliverAsync();
        var notification = (await portal.SignedIn(owner).GetFromJsonAsync<NotificationPageDto>(NotificationsPaths.Api))!.Items.Single();
        await using var connection = portal.HubConnection(other);
        await connection.StartListeningAsync();

        await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<UnreadCountDto>(NotificationsHubProtocol.MarkRead, notification.Id));

        Assert.Null((await portal.SignedIn(owner).GetFromJsonAsync<NotificationPageDto>(NotificationsPaths.Api))!.Items.Single().ReadAtUtc);
    }

    [Fact]
    public async Task A_disabled_users_connections_are_told_and_closed()
    {
        var leaving = portal.Person();
        await using var connection = portal.HubConnection(leaving);
        var signedOut = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On(NotificationsHubProtocol.SignedOut, () => signedOut.TrySetResult());
        connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await connection.StartListeningAsync();

        await using (var scope = portal.Scope())
        {
            scope.ServiceProvider.GetRequiredService<IIntegrationEventPublisher>().Publish(new UserDisabled(leaving.Id));
            await scope.ServiceProvider.GetRequiredService<NotificationsDbContext>().SaveChangesAsync();
        }
        await portal.DeliverAsync();

        await signedOut.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(HubConnectionState.Disconnected, connection.State);
    }

    [Fact]
    public async Task An_anonymous_client_cannot_connect()
    {
        await using var connection = portal.AnonymousHubConnection();

        var refusal = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, refusal.StatusCode);
    }

    [Fact]
    public async Task Ping_echoes_the_clients_timestamp_with_the_servers_time()
    {
        await using var connection = portal.HubConnection(portal.Person());
        await connection.StartListeningAsync();
        var sent = DateTime.UtcNow;

        var reply = await connection.InvokeAsync<PingReplyDto>(NotificationsHubProtocol.Ping, 42L);

        Assert.Equal(42L, reply.ClientTimestamp);
        Assert.InRange(reply.ServerTimeUtc, sent.AddSeconds(-5), DateTime.UtcNow.AddSeconds(5));
    }
}

public sealed class NotificationHubTests_Sqlite(NotificationsSqlitePortal portal) : NotificationHubTests<NotificationsSqlitePortal, SqlitePortal>(portal);

public sealed class NotificationHubTests_PostgreSql(NotificationsPostgreSqlPortal portal) : NotificationHubTests<NotificationsPostgreSqlPortal, PostgreSqlPortal>(portal);
