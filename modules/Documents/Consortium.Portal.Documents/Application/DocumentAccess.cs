using System.Text.Json;
using Consortium.Portal.Platform.Auditing;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Workspaces;

namespace Consortium.Portal.Documents.Application;

/// <summary>
/// The Documents module's one access check, on top of the workspace's: someone who may not even see the workspace is
/// told the thing does not exist (404), a member without the right role is refused (403), and both refusals go to the
/// audit log.
/// </summary>
internal sealed class DocumentAccess(IWorkspaceAccess workspaces, ICurrentUser currentUser, IAuditLog auditLog)
{
    public Guid UserId => currentUser.Id ?? throw new ForbiddenException("A signed-in user is needed.");

    public async Task RequireAsync(Guid workspaceId, WorkspaceAction action, string entityType, Guid entityId, CancellationToken cancellationToken)
    {
        var userId = UserId;
        if (!await workspaces.CanAsync(workspaceId, userId, WorkspaceAction.View, cancellationToken))
        {
            await RecordRefusalAsync("documents.access.not-found", workspaceId, action, entityType, entityId, cancellationToken);
            throw new EntityNotFoundException(entityType, entityId);
        }
        if (action != WorkspaceAction.View && !await workspaces.CanAsync(workspaceId, userId, action, cancellationToken))
        {
            await RecordRefusalAsync("documents.access.forbidden", workspaceId, action, entityType, entityId, cancellationToken);
            throw new ForbiddenException($"{action} in workspace {workspaceId} is not allowed.");
        }
    }

    public Task<bool> CanAsync(Guid workspaceId, WorkspaceAction action, CancellationToken cancellationToken)
        => workspaces.CanAsync(workspaceId, UserId, action, cancellationToken);

    private Task RecordRefusalAsync(string auditAction, Guid workspaceId, WorkspaceAction action, string entityType, Guid entityId, CancellationToken cancellationToken)
        => auditLog.WriteAsync(new AuditRecord(
            auditAction,
            entityType,
            entityId.ToString(),
            JsonSerializer.Serialize(new { workspaceId, attempted = action.ToString() })), cancellationToken);
}
