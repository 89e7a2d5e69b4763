namespace Consortium.Portal.Workspaces.Components;

/// <summary>The tabs the Workspaces module puts on its own page; other modules' tabs come before them.</summary>
internal sealed class WorkspaceOwnTabs : IWorkspaceTabProvider
{
    public const int MembersOrder = 800;
    public const int ActivityOrder = 900;

    public IEnumerable<WorkspaceTab> GetTabs() =>
    [
        new("Tab.Members", typeof(WorkspacesResource), typeof(MembersTab), MembersOrder),
        new("Tab.Activity", typeof(WorkspacesResource), typeof(ActivityTab), ActivityOrder),
    ];
}
