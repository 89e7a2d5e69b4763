using Consortium.Portal.Identity;
using Consortium.Portal.Platform.Events;
using Consortium.Portal.Workflows.Data;
using Microsoft.EntityFrameworkCore;

namespace Consortium.Portal.Workflows.Application;

/// <summary>A disabled user's open tasks become incidents, so the coordinator reassigns them instead of the workflow waiting forever.</summary>
internal sealed class AssigneeDisabledHandler(WorkflowsDbContext db, WorkflowRuntime runtime) : IIntegrationEventHandler<UserDisabled>
{
    public async Task HandleAsync(UserDisabled integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        var instances = await db.Tasks.AsNoTracking()
            .Where(t => t.AssigneeId == integrationEvent.UserId && t.Status == WorkflowTaskStatus.Open)
            .Select(t => t.InstanceId).Distinct().ToListAsync(cancellationToken);
        foreach (var instance in instances)
        {
            await runtime.AssigneeUnavailableAsync(instance, integrationEvent.UserId, cancellationToken);
        }
    }
}
