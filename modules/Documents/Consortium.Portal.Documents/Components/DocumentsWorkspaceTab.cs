using Consortium.Portal.Workspaces;

namespace Consortium.Portal.Documents.Components;

/// <summary>The Documents tab of the workspace page, first among the tabs.</summary>
internal sealed class DocumentsWorkspaceTab : IWorkspaceTabProvider
{
    public const int Order = 100;

    public IEnumerable<WorkspaceTab> GetTabs() =>
        [new("Tab:Documents", typeof(DocumentsResource), typeof(WorkspaceDocuments), Order, WorkspaceAction.View)];
}
