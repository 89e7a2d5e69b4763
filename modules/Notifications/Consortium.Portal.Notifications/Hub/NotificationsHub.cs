using System.Collections.Concurrent;
using System.Security.Claims;
using Consortium.Portal.Notifications.Delivery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Consortium.Portal.Notifications.Hub;

/// <summary>
/// Pushes a user's notifications to every connection of theirs. A connection joins its own user's group when it
/// connects; that is the only group it can be in: the server decides membership from the authenticated user, and
/// <see cref="Subscribe"/> refuses any other user's id. A page that shows a subject (a document) also joins that
/// subject's group with <see cref="Watch"/>, which the subject's module (<see cref="ILiveTopic"/>) allows only to those
/// who may see it.
/// </summary>
[Authorize]
internal sealed class NotificationsHub(NotificationInbox inbox, ConnectedUsers connected, TimeProvider clock, IEnumerable<ILiveTopic> topics)
    : Microsoft.AspNetCore.SignalR.Hub
{
    public static string GroupOf(Guid userId) => "notifications:" + userId.ToString("N");

    public static string GroupOf(string topic, Guid subjectId) => "live:" + topic + ":" + subjectId.ToString("N");

    public override async Task OnConnectedAsync()
    {
        var userId = CallerId();
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(userId), Context.ConnectionAborted);
        connected.Add(userId, Context);
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        if (TryCallerId() is { } userId)
        {
            connected.Remove(userId, Context);
        }
        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>Answers at once: the round trip of a bare hub call, against which push latency is measured.</summary>
    [HubMethodName(NotificationsHubProtocol.Ping)]
    public PingReplyDto Ping(long clientTimestamp) => new(clientTimestamp, clock.GetUtcNow().UtcDateTime);

    /// <summary>Joins this connection to the notifications of <paramref name="userId"/> again, which must be the caller.</summary>
    [HubMethodName(NotificationsHubProtocol.Subscribe)]
    public async Task Subscribe(Guid userId)
    {
        if (userId != CallerId())
        {
            throw new HubException("A connection receives only its own user's notifications.");
        }
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(userId), Context.ConnectionAborted);
    }

    /// <summary>Marks one of the caller's notifications read; the count goes to all of the caller's tabs.</summary>
    [HubMethodName(NotificationsHubProtocol.MarkRead)]
    public async Task<UnreadCountDto> MarkRead(Guid notificationId)
    {
        var userId = CallerId();
        if (!await inbox.MarkReadAsync(userId, notificationId, Context.ConnectionAborted))
        {
            throw new HubException("There is no such notification of yours.");
        }
        return new UnreadCountDto(await inbox.UnreadCountAsync(userId, Context.ConnectionAborted));
    }

    /// <summary>Joins this connection to the changes of a subject the caller may see; the same refusal whether it is hidden or missing.</summary>
    [HubMethodName(NotificationsHubProtocol.Watch)]
    public async Task Watch(string topic, Guid subjectId)
    {
        var userId = CallerId();
        var kind = topics.FirstOrDefault(t => t.Name == topic);
        if (kind is null || !await kind.MayWatchAsync(userId, subjectId, Context.ConnectionAborted))
        {
            throw new HubException("There is no such subject to watch.");
        }
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(topic, subjectId), Context.ConnectionAborted);
    }

    /// <summary>Leaves a subject's changes (a page closed); leaving a group the connection is not in does nothing.</summary>
    [HubMethodName(NotificationsHubProtocol.Unwatch)]
    public Task Unwatch(string topic, Guid subjectId)
    {
        CallerId();
        return Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupOf(topic ?? "", subjectId), Context.ConnectionAborted);
    }

    private Guid CallerId() => TryCallerId() ?? throw new HubException("The connection has no signed-in user.");

    private Guid? TryCallerId()
        => Guid.TryParse(Context.User?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
}

/// <summary>The hub connections of each user on this instance, so that a disabled user's can be closed.</summary>
internal sealed class ConnectedUsers
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, HubCallerContext>> _byUser = new();

    public void Add(Guid userId, HubCallerContext context)
        => _byUser.GetOrAdd(userId, _ => new ConcurrentDictionary<string, HubCallerContext>())[context.ConnectionId] = context;

    public void Remove(Guid userId, HubCallerContext context)
    {
        if (_byUser.TryGetValue(userId, out var connections))
        {
            connections.TryRemove(context.ConnectionId, out _);
        }
    }

    /// <summary>Closes the user's connections on this instance.</summary>
    public int Abort(Guid userId)
    {
        if (!_byUser.TryRemove(userId, out var connections))
        {
            return 0;
        }
        foreach (var context in connections.Values)
        {
            context.Abort();
        }
        return connections.Count;
    }
}
