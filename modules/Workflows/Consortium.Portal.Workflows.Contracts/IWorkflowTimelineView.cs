namespace Consortium.Portal.Workflows;

/// <summary>
/// The component that shows a subject's workflow timeline in the reader's language and time zone. A module's page renders
/// it without referencing the Workflows implementation:
/// <c>&lt;DynamicComponent Type="@Timeline.ComponentType" Parameters="@Timeline.ParametersFor(type, id)" /&gt;</c>.
/// </summary>
public interface IWorkflowTimelineView
{
    Type ComponentType { get; }

    IDictionary<string, object> ParametersFor(string subjectType, Guid subjectId);
}
