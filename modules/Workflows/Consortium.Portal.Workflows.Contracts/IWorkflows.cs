namespace Consortium.Portal.Workflows;

/// <summary>
/// What another module does with workflows: start one for its subject, resume it after the author's changes, and read
/// where it stands. The outcome arrives as integration events (<see cref="WorkflowCompleted"/>,
/// <see cref="WorkflowRejected"/>, <see cref="WorkflowChangesRequested"/>, <see cref="WorkflowCancelled"/>).
/// Refusals are the Platform's exceptions (a running workflow for the subject: 409; an unknown definition: 404).
/// </summary>
public interface IWorkflows
{
    /// <summary>Starts the latest published version of the definition for the subject; the instance keeps that version.</summary>
    Task<WorkflowInstanceDto> StartAsync(StartWorkflowRequest request, CancellationToken cancellationToken = default);

    /// <summary>The author resubmitted after changes were requested: the workflow resumes at the stage that asked.</summary>
    Task<WorkflowInstanceDto> ResubmitAsync(string subjectType, Guid subjectId, string? comment = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The published definitions a subject of <paramref name="subjectType"/> may run (those for it and those for any
    /// subject; every definition when null), at their latest version, with names in the four languages.
    /// </summary>
    Task<IReadOnlyList<WorkflowDefinitionSummaryDto>> ListDefinitionsAsync(string? subjectType = null, CancellationToken cancellationToken = default);

    /// <summary>The subject's latest workflow (running or ended) with its journal; null when it never had one.</summary>
    Task<WorkflowInstanceDto?> FindForSubjectAsync(string subjectType, Guid subjectId, CancellationToken cancellationToken = default);
}
