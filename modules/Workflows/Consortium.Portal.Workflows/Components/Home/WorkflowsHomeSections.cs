using Consortium.Portal.Platform.Home;

namespace Consortium.Portal.Workflows.Components.Home;

/// <summary>The approvals waiting for the user, beside the reviews they are asked for.</summary>
internal sealed class WorkflowsHomeSections : IHomeSectionProvider
{
    public IEnumerable<HomeSection> GetSections() =>
        [new("Home.Tasks.Title", typeof(WorkflowsResource), typeof(TasksWaitingSection), Order: 110)];
}
