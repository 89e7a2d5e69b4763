using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Security;
using Microsoft.AspNetCore.Http;

namespace Consortium.Portal.Platform.Auditing;

/// <summary>Writes audit lines that are not entity writes (those are written by SaveChanges).</summary>
internal sealed class AuditLog(PlatformDbContext db, ICurrentUser currentUser, TimeProvider clock, IHttpContextAccessor httpContextAccessor) : IAuditLog
{
    public async Task WriteAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        db.AuditLog.Add(new AuditLogEntry
        {
            Id = Guid.CreateVersion7(),
            AtUtc = clock.GetUtcNow().UtcDateTime,
            UserId = record.UserId ?? currentUser.Id,
            UserName = record.UserName ?? currentUser.UserName,
            IpAddress = httpContextAccessor.HttpContext?.Connection.RemoteIpAddress?.ToString(),
            Action = record.Action,
            EntityType = record.EntityType,
            EntityId = record.EntityId,
            Details = record.Details,
            EntityName = record.EntityName is { Length: > AuditLogEntry.MaxEntityNameLength } name
                ? name[..(AuditLogEntry.MaxEntityNameLength - 1)] + "…"
                : record.EntityName,
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
