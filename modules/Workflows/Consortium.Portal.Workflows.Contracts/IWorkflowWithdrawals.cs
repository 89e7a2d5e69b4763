namespace Consortium.Portal.Workflows;

/// <summary>
/// The subject's own module ends the subject's running workflow because what it asked for happened elsewhere (Training:
/// the requested translation was linked to its group), so its open tasks leave the assignees' inboxes. The instance
/// ends as cancelled with <c>reason</c> in its journal, and <see cref="WorkflowCancelled"/> is raised as for a
/// coordinator's cancellation.
/// </summary>
public interface IWorkflowWithdrawals
{
    /// <summary>True when a running (or changes-requested) workflow of the subject was ended; false when none was.</summary>
    Task<bool> WithdrawAsync(string subjectType, Guid subjectId, string reason, CancellationToken cancellationToken = default);
}
