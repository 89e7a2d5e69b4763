using Consortium.Portal.Platform.Events;

namespace Consortium.Portal.Workflows;

// The outcome of a workflow, for the module that owns its subject. Subscribe with an internal sealed handler and look
// at SubjectType: every workflow of the portal raises these.

/// <summary>Every stage approved: the subject may go on (a publication to Approved, minutes to adopted).</summary>
[IntegrationEventName("workflows.workflow-completed")]
public sealed record WorkflowCompleted(Guid InstanceId, string SubjectType, Guid SubjectId, string DefinitionKey, int DefinitionVersion) : IIntegrationEvent;

/// <summary>An assignee rejected the subject, with <paramref name="Comment"/>; the workflow has ended.</summary>
[IntegrationEventName("workflows.workflow-rejected")]
public sealed record WorkflowRejected(Guid InstanceId, string SubjectType, Guid SubjectId, Guid RejectedBy, string Comment) : IIntegrationEvent;

/// <summary>
/// An assignee asked for changes at <paramref name="StageId"/>. The workflow waits for the author: the subject's module
/// calls <see cref="IWorkflows.ResubmitAsync"/> after the changes and the workflow resumes at that stage.
/// </summary>
[IntegrationEventName("workflows.workflow-changes-requested")]
public sealed record WorkflowChangesRequested(Guid InstanceId, string SubjectType, Guid SubjectId, string StageId, Guid RequestedBy, string Comment) : IIntegrationEvent;

/// <summary>The coordinator cancelled the workflow with <paramref name="Reason"/>; the subject is back where it was before it started.</summary>
[IntegrationEventName("workflows.workflow-cancelled")]
public sealed record WorkflowCancelled(Guid InstanceId, string SubjectType, Guid SubjectId, Guid? CancelledBy, string Reason) : IIntegrationEvent;
