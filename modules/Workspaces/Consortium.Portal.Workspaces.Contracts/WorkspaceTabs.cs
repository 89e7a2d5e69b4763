namespace Consortium.Portal.Workspaces;

/// <summary>
/// A tab another module adds to the workspace page (Documents adds "Documents"). The page renders
/// <see cref="Component"/> (a Razor component with a <c>[Parameter] public Guid WorkspaceId</c>) for members who may
/// <see cref="RequiredAction"/>; <see cref="TitleKey"/> is a key of <see cref="LocalizationResource"/>.
/// Tabs are shown by <see cref="Order"/>; the Workspaces module's own tabs are Members (800) and Activity (900).
/// </summary>
public sealed record WorkspaceTab(
    string TitleKey,
    Type LocalizationResource,
    Type Component,
    int Order = 100,
    WorkspaceAction RequiredAction = WorkspaceAction.View);

/// <summary>Contributes tabs to the workspace page; register implementations in the container (any number).</summary>
public interface IWorkspaceTabProvider
{
    IEnumerable<WorkspaceTab> GetTabs();
}
