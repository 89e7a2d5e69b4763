using Consortium.Portal.Workflows.Data;
using Consortium.Portal.Workflows.Domain;
using Microsoft.EntityFrameworkCore;

namespace Consortium.Portal.Workflows.Application;

/// <summary>A subject's module ends its running workflow through the runtime's cancellation (same journal, same event).</summary>
internal sealed class WorkflowWithdrawals(WorkflowsDbContext db, WorkflowRuntime runtime) : IWorkflowWithdrawals
{
    public async Task<bool> WithdrawAsync(string subjectType, Guid subjectId, string reason, CancellationToken cancellationToken = default)
    {
        var key = WorkflowInstance.RunningKeyOf(subjectType, subjectId);
        var id = await db.Instances.Where(i => i.RunningKey == key).Select(i => (Guid?)i.Id).FirstOrDefaultAsync(cancellationToken);
        if (id is null)
        {
            return false;
        }
        try
        {
            await runtime.CancelAsync(id.Value, new CancelWorkflowRequest(reason), cancellationToken);
            return true;
        }
        catch (WorkflowConflictException)
        {
            // It ended between the read and the cancellation (its last approval, a coordinator): nothing left to end.
            return false;
        }
    }
}
