using Consortium.Portal.Identity;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.IntegrationTests.Platform;
using Consortium.Portal.Notifications;
using Consortium.Portal.Notifications.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Consortium.Portal.IntegrationTests.Notifications;

/// <summary>
/// Two instances of the portal on one database and one Redis server (PORTAL_TEST_REDIS, started by build/test.sh): a
/// notification delivered by one reaches a client connected to the other.
/// </summary>
public abstract class RedisBackplaneTests<TDatabase> : IAsyncLifetime where TDatabase : PortalAppFactory, new()
{
    private readonly TDatabase _database = new();
    private readonly TestDirectory _directory = new();
    private readonly string _channelPrefix = "portal-tests-" + Guid.NewGuid().ToString("N");
    private WebApplicationFactory<Program> _delivering = default!;
    private WebApplicationFactory<Program> _serving = default!;

    public async Task InitializeAsync()
    {
        var redis = TestServers.Required("PORTAL_TEST_REDIS", "a Redis server");
        await _database.InitializeAsync();
        _delivering = Instance(redis, runsOutbox: true);
        _serving = Instance(redis, runsOutbox: false);
        // Start both: the first migrates and seeds the shared database.
        _delivering.CreateClient().Dispose();
        _serving.CreateClient().Dispose();
    }

    private WebApplicationFactory<Program> Instance(string redis, bool runsOutbox) => _database.WithWebHostBuilder(builder =>
    {
        builder.UseSetting("Outbox:Enabled", runsOutbox ? "true" : "false");
        builder.UseSetting("Outbox:PollInterval", "00:00:00.200");
        builder.UseSetting("Jobs:Enabled", "false");
        builder.UseSetting("SignalR:Redis", redis);
        builder.UseSetting("SignalR:RedisChannelPrefix", _channelPrefix);
        builder.ConfigureTestServices(services =>
        {
            TestSignInHandler.AddTo(services);
            services.RemoveAll<IUserDirectory>();
            services.AddSingleton<IUserDirectory>(_directory);
        });
    });

    [Fact]
    public async Task A_notification_delivered_by_one_instance_reaches_a_client_connected_to_the_other()
    {
        var reader = _directory.Add(TestPerson.New("Member"));
        await using var connection = NotificationsPortal<TDatabase>.HubConnectionOf(_serving, NotificationsPortal<TDatabase>.SignInOf(reader));
        var received = new ReceivedNotifications(connection);
        await connection.StartListeningAsync();

        await using (var scope = _delivering.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<INotificationSender>().Send(NotificationsPortal<TDatabase>.Announcement("Across instances", reader));
            await scope.ServiceProvider.GetRequiredService<NotificationsDbContext>().SaveChangesAsync();
        }

        var push = Assert.Single(await received.WaitForAsync(1));
        Assert.Equal(reader.Id, await RecipientOfAsync(push.Notification.Id));
        Assert.Equal(1, push.UnreadCount);
    }

    private async Task<Guid> RecipientOfAsync(Guid notificationId)
    {
        await using var scope = _serving.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<NotificationsDbContext>().Notifications.FindAsync(notificationId))!.RecipientId;
    }

    public async Task DisposeAsync() => await ((IAsyncLifetime)_database).DisposeAsync();
}

public sealed class RedisBackplaneTests_Sqlite : RedisBackplaneTests<SqlitePortal>;

public sealed class RedisBackplaneTests_PostgreSql : RedisBackplaneTests<PostgreSqlPortal>;
