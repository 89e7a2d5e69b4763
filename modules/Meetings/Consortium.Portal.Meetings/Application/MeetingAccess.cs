using Consortium.Portal.Meetings.Domain;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Workspaces;

namespace Consortium.Portal.Meetings.Application;

/// <summary>
/// The module's one access check: a meeting is seen by whoever sees its workspace (drafts only by its organisers, who
/// may Edit there); someone who may not see it is told it does not exist (404), a member below Edit is refused (403).
/// </summary>
internal sealed class MeetingAccess(IWorkspaceAccess workspaces, ICurrentUser currentUser)
{
    public Guid UserId => currentUser.Id ?? throw new ForbiddenException("A signed-in user is needed.");

    public async Task RequireWorkspaceAsync(Guid workspaceId, WorkspaceAction action, CancellationToken cancellationToken)
    {
        if (!await workspaces.CanAsync(workspaceId, UserId, WorkspaceAction.View, cancellationToken))
        {
            throw new EntityNotFoundException("Workspace", workspaceId);
        }
        if (action != WorkspaceAction.View && !await workspaces.CanAsync(workspaceId, UserId, action, cancellationToken))
        {
            throw new ForbiddenException($"{action} in workspace {workspaceId} is not allowed.");
        }
    }

    /// <summary>
    /// What a user must be allowed in the meeting's workspace to see it at all: View, and Edit for a draft, which only its
    /// organisers see. The one rule for the pages, the API and the live topic (<see cref="MeetingLiveTopic"/>).
    /// </summary>
    public static WorkspaceAction NeededToSee(MeetingState state) => state == MeetingState.Draft ? WorkspaceAction.Edit : WorkspaceAction.View;

    /// <summary>Checks <paramref name="action"/> on the meeting; answers whether the user may organise it.</summary>
    public async Task<bool> RequireAsync(ForumMeeting meeting, WorkspaceAction action, CancellationToken cancellationToken)
    {
        var canSee = await workspaces.CanAsync(meeting.WorkspaceId, UserId, WorkspaceAction.View, cancellationToken);
        var canOrganise = canSee && await workspaces.CanAsync(meeting.WorkspaceId, UserId, WorkspaceAction.Edit, cancellationToken);
        if (!(NeededToSee(meeting.State) == WorkspaceAction.Edit ? canOrganise : canSee))
        {
            throw new EntityNotFoundException(nameof(ForumMeeting), meeting.Id);
        }
        if (action >= WorkspaceAction.Edit && !await workspaces.CanAsync(meeting.WorkspaceId, UserId, action, cancellationToken))
        {
            throw new ForbiddenException($"{action} in workspace {meeting.WorkspaceId} is not allowed.");
        }
        return canOrganise;
    }
}
