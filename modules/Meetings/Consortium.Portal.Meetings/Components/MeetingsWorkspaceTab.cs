using Consortium.Portal.Workspaces;

namespace Consortium.Portal.Meetings.Components;

/// <summary>The Meetings tab of the workspace page, after Documents.</summary>
internal sealed class MeetingsWorkspaceTab : IWorkspaceTabProvider
{
    public const int Order = 200;

    public IEnumerable<WorkspaceTab> GetTabs() =>
        [new("Tab.Meetings", typeof(MeetingsResource), typeof(WorkspaceMeetings), Order, WorkspaceAction.View)];
}
