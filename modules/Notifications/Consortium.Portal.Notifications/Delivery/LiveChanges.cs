using Consortium.Portal.Notifications.Hub;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;

namespace Consortium.Portal.Notifications.Delivery;

/// <summary>Sends a subject's changes to the connections watching it, on every instance (through the Redis backplane).</summary>
internal sealed class LiveChanges(IHubContext<NotificationsHub> hub, ILogger<LiveChanges> logger) : ILiveChanges
{
    public async Task PublishAsync(string topic, Guid subjectId, string change)
    {
        try
        {
            // Not the caller's token: the change is saved, so its watchers hear of it even when the request was abandoned.
            await hub.Clients.Group(NotificationsHub.GroupOf(topic, subjectId))
                .SendAsync(NotificationsHubProtocol.Changed, new LiveChangeDto(topic, subjectId, change), CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogWarning(e, "The change {Change} of {Topic} {SubjectId} could not be sent to its open pages", change, topic, subjectId);
        }
    }
}
