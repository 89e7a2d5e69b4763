namespace Consortium.Portal.Workflows.Components;

/// <summary>Lets another module's page render <see cref="WorkflowTimeline"/> for its subject through Contracts only.</summary>
internal sealed class WorkflowTimelineView : IWorkflowTimelineView
{
    public Type ComponentType => typeof(WorkflowTimeline);

    public IDictionary<string, object> ParametersFor(string subjectType, Guid subjectId) => new Dictionary<string, object>
    {
        [nameof(WorkflowTimeline.SubjectType)] = subjectType,
        [nameof(WorkflowTimeline.SubjectId)] = subjectId,
    };
}
