using Consortium.Portal.Meetings.Data;
using Consortium.Portal.Notifications;
using Consortium.Portal.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace Consortium.Portal.Meetings.Application;

/// <summary>
/// Open meeting pages hear of the meeting's changes (<see cref="MeetingChanges"/>) through the notifications hub. A
/// connection joins a meeting's group only when its user may see the meeting, by the page's own rule
/// (<see cref="MeetingAccess.NeededToSee"/>).
/// </summary>
internal sealed class MeetingLiveTopic(MeetingsDbContext db, IWorkspaceAccess workspaces) : ILiveTopic
{
    public const string TopicName = "meetings.meeting";

    public string Name => TopicName;

    public async Task<bool> MayWatchAsync(Guid userId, Guid subjectId, CancellationToken cancellationToken)
    {
        var meeting = await db.Meetings.AsNoTracking()
            .Where(m => m.Id == subjectId)
            .Select(m => new { m.WorkspaceId, m.State })
            .FirstOrDefaultAsync(cancellationToken);
        return meeting is not null
               && await workspaces.CanAsync(meeting.WorkspaceId, userId, MeetingAccess.NeededToSee(meeting.State), cancellationToken);
    }
}

/// <summary>What changed on a meeting, as its open pages are told (after the change is saved).</summary>
internal static class MeetingChanges
{
    /// <summary>Title, description, time, place or invitees.</summary>
    public const string Details = "details";

    /// <summary>Opened, begun, closed, reopened or cancelled.</summary>
    public const string State = "state";

    /// <summary>Tells each meeting's open pages; never throws (see <see cref="ILiveChanges"/>).</summary>
    public static async Task MeetingsChangedAsync(this ILiveChanges live, IEnumerable<Guid> meetingIds, string change)
    {
        foreach (var id in meetingIds)
        {
            await live.PublishAsync(MeetingLiveTopic.TopicName, id, change);
        }
    }
}
