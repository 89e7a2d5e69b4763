using System.Collections.Concurrent;
using Consortium.Portal.Identity;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.IntegrationTests.Platform;
using Consortium.Portal.Notifications;
using Consortium.Portal.Notifications.Data;
using Consortium.Portal.Platform.Outbox;
using Consortium.Portal.Platform.Security;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Consortium.Portal.IntegrationTests.Notifications;

/// <summary>A person of the tests: signed in through the test scheme, known to the directory with an address and a language.</summary>
public sealed record TestPerson(Guid Id, string Email, string DisplayName, string Role, Guid? PartnerId = null, string Culture = "en")
{
    public static TestPerson New(string role, Guid? partnerId = null, string culture = "en", bool withEmail = true)
    {
        var id = Guid.NewGuid();
        return new TestPerson(id, withEmail ? $"{role.ToLowerInvariant()}.{id:N}@kspag.example" : "", $"{role} {id.ToString()[..4]}", role, partnerId, culture);
    }

    public PortalUserDto ToDto() => new(Id, Email, DisplayName, PartnerId, [Role], false, Culture);
}

/// <summary>
/// The people the tests sign in as, standing in for the Identity module's directory (test users exist only in the
/// test sign-in header, not as accounts).
/// </summary>
public sealed class TestDirectory : IUserDirectory
{
    private readonly ConcurrentDictionary<Guid, TestPerson> _people = new();

    public TestPerson Add(TestPerson person)
    {
        _people[person.Id] = person;
        return person;
    }

    public Task<PortalUserDto?> FindUserAsync(Guid userId, CancellationToken cancellationToken = default)
        => Task.FromResult(_people.TryGetValue(userId, out var person) ? person.ToDto() : null);

    public Task<PortalUserDto?> FindUserByEmailAsync(string email, CancellationToken cancellationToken = default)
        => Task.FromResult(_people.Values.FirstOrDefault(p => string.Equals(p.Email, email, StringComparison.OrdinalIgnoreCase))?.ToDto());

    public Task<IReadOnlyList<PortalUserDto>> GetUsersAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken = default)
        => Task.FromResult<IReadOnlyList<PortalUserDto>>(userIds.Distinct().Where(_people.ContainsKey).Select(id => _people[id].ToDto()).ToList());

    public Task<IReadOnlyList<PartnerOrganisationDto>> GetPartnersAsync(CancellationToken cancellationToken = default)
        => Task.FromResult<IReadOnlyList<PartnerOrganisationDto>>([]);

    public Task<IReadOnlyList<PortalUserDto>> GetPartnerStaffAsync(IReadOnlyCollection<Guid> partnerOrganisationIds, CancellationToken cancellationToken = default)
        => Task.FromResult<IReadOnlyList<PortalUserDto>>(_people.Values
            .Where(p => p.PartnerId is { } partner && partnerOrganisationIds.Contains(partner)).Select(p => p.ToDto()).ToList());

    public Task<IReadOnlyList<PortalUserDto>> GetUsersInRoleAsync(string role, IReadOnlyCollection<Guid>? partnerOrganisationIds = null, CancellationToken cancellationToken = default)
        => Task.FromResult<IReadOnlyList<PortalUserDto>>(_people.Values.Select(p => p.ToDto())
            .Where(u => u.Roles.Contains(role) && (partnerOrganisationIds is null || (u.PartnerOrganisationId is { } p && partnerOrganisationIds.Contains(p)))).ToList());

    public Task<IReadOnlyList<PortalUserDto>> SearchUsersAsync(string text, int maxResults, CancellationToken cancellationToken = default)
        => Task.FromResult<IReadOnlyList<PortalUserDto>>(_people.Values
            .Where(p => p.DisplayName.Contains(text, StringComparison.OrdinalIgnoreCase) || p.Email.Contains(text, StringComparison.OrdinalIgnoreCase))
            .OrderBy(p => p.DisplayName, StringComparer.Ordinal).Take(maxResults).Select(p => p.ToDto()).ToList());
}

/// <summary>The portal with the test directory; the outbox is driven by hand (<see cref="DeliverAsync"/>) unless background work runs.</summary>
public abstract class NotificationsPortal<TDatabase> : PlatformPortal<TDatabase> where TDatabase : PortalAppFactory, new()
{
    public TestDirectory Directory { get; } = new();

    /// <summary>What the module's context wrote and asked, for the tests of how much a delivery costs the database.</summary>
    public InboxStatements Statements { get; } = new();

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.RemoveAll<IUserDirectory>();
        services.AddSingleton<IUserDirectory>(Directory);
        services.ConfigureDbContext<NotificationsDbContext>(options => options.AddInterceptors(Statements));
    }

    public TestPerson Person(string role = PortalRoles.Member, Guid? partnerId = null, string culture = "en", bool withEmail = true)
        => Directory.Add(TestPerson.New(role, partnerId, culture, withEmail));

    public HttpClient SignedIn(TestPerson person, string? acceptLanguage = null)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Add(TestSignInHandler.Header, SignInOf(person));
        if (acceptLanguage is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        }
        return client;
    }

    /// <summary>The test sign-in of a person: their id, address, role, partner and display name.</summary>
    public static string SignInOf(TestPerson person)
    {
        var claims = new Dictionary<string, string> { [PortalClaimTypes.DisplayName] = person.DisplayName };
        if (person.PartnerId is { } partner)
        {
            claims[PortalClaimTypes.PartnerOrganisationId] = partner.ToString();
        }
        return TestSignInHandler.Value(person.Id, person.Email, person.Role, claims);
    }

    /// <summary>Sends as a module would, in a unit of work of its own, and commits.</summary>
    public async Task SendAsync(NotificationRequest request)
    {
        await using var scope = Scope();
        scope.ServiceProvider.GetRequiredService<INotificationSender>().Send(request);
        await scope.ServiceProvider.GetRequiredService<NotificationsDbContext>().SaveChangesAsync();
    }

    public Task SendAnnouncementAsync(string subject, params TestPerson[] recipients)
        => SendAsync(Announcement(subject, recipients));

    public static NotificationRequest Announcement(string subject, params TestPerson[] recipients) => new(
        "notifications.announcement",
        recipients.Select(r => r.Id).ToList(),
        new Dictionary<string, string> { ["sender"] = "Coordinator", ["subject"] = subject, ["message"] = "Details of " + subject },
        "/meetings/forum-7");

    /// <summary>
    /// Sends and delivers a marker announcement to <paramref name="recipients"/>, after everything sent so far; returns
    /// its subject for <see cref="ReceivedNotifications.SettleAsync"/>.
    /// </summary>
    public async Task<string> SendMarkerAsync(params TestPerson[] recipients)
    {
        var marker = "Marker " + Guid.NewGuid().ToString("N");
        await SendAnnouncementAsync(marker, recipients);
        await DeliverAsync();
        return marker;
    }

    /// <summary>Runs the outbox until nothing is left (the dispatcher is off in these tests).</summary>
    public async Task DeliverAsync()
    {
        var dispatcher = App.Services.GetRequiredService<OutboxDispatcher>();
        while (await dispatcher.DispatchPendingAsync() > 0)
        {
        }
    }

    /// <summary>A hub connection of <paramref name="person"/> through the in-memory server.</summary>
    public HubConnection HubConnection(TestPerson person) => HubConnectionOf(App, SignInOf(person));

    public HubConnection AnonymousHubConnection() => HubConnectionOf(App, null);

    public static HubConnection HubConnectionOf(WebApplicationFactory<Program> app, string? signIn)
        => new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, NotificationsPaths.Hub.TrimStart('/')), options =>
            {
                options.Transports = HttpTransportType.LongPolling;
                options.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                if (signIn is not null)
                {
                    options.Headers[TestSignInHandler.Header] = signIn;
                }
            })
            .Build();
}

public sealed class NotificationsSqlitePortal : NotificationsPortal<SqlitePortal>;

public sealed class NotificationsPostgreSqlPortal : NotificationsPortal<PostgreSqlPortal>;

/// <summary>What a hub connection received, in order, for the test to wait on.</summary>
public sealed class ReceivedNotifications
{
    private readonly List<NotificationPushDto> _pushes = [];
    private readonly SemaphoreSlim _arrived = new(0);

    public ReceivedNotifications(HubConnection connection)
        => connection.On<NotificationPushDto>(NotificationsHubProtocol.Notification, push =>
        {
            lock (_pushes)
            {
                _pushes.Add(push);
            }
            _arrived.Release();
        });

    public IReadOnlyList<NotificationPushDto> All
    {
        get
        {
            lock (_pushes)
            {
                return _pushes.ToList();
            }
        }
    }

    /// <summary>Waits until <paramref name="count"/> pushes have arrived in all.</summary>
    public async Task<IReadOnlyList<NotificationPushDto>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (All.Count < count)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left))
            {
                throw new TimeoutException($"Expected {count} notification(s), received {All.Count}.");
            }
        }
        return All;
    }

    /// <summary>
    /// What arrived before the marker notification <paramref name="marker"/> (<see cref="NotificationsPortal{TDatabase}.SendMarkerAsync"/>),
    /// once the marker has arrived: for tests that prove nothing else comes. A connection receives its pushes in the
    /// order they were sent, so anything sent before the marker is in by then; waiting a fixed time would prove less
    /// on a fast machine and fail on a loaded one.
    /// </summary>
    public async Task<IReadOnlyList<NotificationPushDto>> SettleAsync(string marker)
    {
        var all = await Eventually.GetAsync(() => Task.FromResult(All), pushes => pushes.Any(p => IsMarker(p, marker)),
            $"the marker notification {marker}", describe: pushes => $"{pushes.Count} other push(es)");
        return all.TakeWhile(p => !IsMarker(p, marker)).ToList();
    }

    private static bool IsMarker(NotificationPushDto push, string marker) => push.Notification.Title.EndsWith(marker, StringComparison.Ordinal);
}

public static class HubConnectionTestExtensions
{
    /// <summary>
    /// Starts the connection and waits until the server has joined it to its user's group: the handshake is answered
    /// before the hub's OnConnectedAsync runs, but a call is served only after it, so a ping's answer means "listening".
    /// (Through Redis the join is a subscription that takes a round trip; a push before it would be missed.)
    /// </summary>
    public static async Task StartListeningAsync(this HubConnection connection)
    {
        await connection.StartAsync();
        await connection.InvokeAsync<PingReplyDto>(NotificationsHubProtocol.Ping, 0L);
    }
}

/// <summary>Counts the Notifications context's saves that wrote something, and its unread-count queries.</summary>
public sealed class InboxStatements : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor, Microsoft.EntityFrameworkCore.Diagnostics.ISaveChangesInterceptor
{
    private int _saves;
    private int _unreadCounts;

    public int Saves => Volatile.Read(ref _saves);

    public int UnreadCounts => Volatile.Read(ref _unreadCounts);

    public void Reset()
    {
        Interlocked.Exchange(ref _saves, 0);
        Interlocked.Exchange(ref _unreadCounts, 0);
    }

    public ValueTask<int> SavedChangesAsync(Microsoft.EntityFrameworkCore.Diagnostics.SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (result > 0)
        {
            Interlocked.Increment(ref _saves);
        }
        return ValueTask.FromResult(result);
    }

    public override ValueTask<System.Data.Common.DbDataReader> ReaderExecutedAsync(System.Data.Common.DbCommand command,
        Microsoft.EntityFrameworkCore.Diagnostics.CommandExecutedEventData eventData, System.Data.Common.DbDataReader result, CancellationToken cancellationToken = default)
    {
        if (command.CommandText.Contains("GROUP BY", StringComparison.Ordinal) && command.CommandText.Contains("\"ReadAtUtc\" IS NULL", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _unreadCounts);
        }
        return base.ReaderExecutedAsync(command, eventData, result, cancellationToken);
    }
}
