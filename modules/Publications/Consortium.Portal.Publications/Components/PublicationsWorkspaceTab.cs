using Consortium.Portal.Workspaces;

namespace Consortium.Portal.Publications.Components;

/// <summary>The Publications tab of the workspace page, after Documents.</summary>
internal sealed class PublicationsWorkspaceTab : IWorkspaceTabProvider
{
    public IEnumerable<WorkspaceTab> GetTabs() =>
        [new("Tab.Publications", typeof(PublicationsResource), typeof(WorkspacePublications), Order: 200, WorkspaceAction.View)];
}
