namespace Consortium.Portal.Platform.Auditing;

/// <summary>
/// Records who did what, when, from where and on which entity. Entity writes are recorded
/// automatically by SaveChanges; this is for what is not an entity write (sign-ins, refused attempts).
/// </summary>
public interface IAuditLog
{
    Task WriteAsync(AuditRecord record, CancellationToken cancellationToken = default);
}

/// <param name="Action">A stable, dotted name such as <c>identity.sign-in.failed</c>.</param>
/// <param name="EntityName">What people call the entity (a document's name): the audit log's sentence names it, and
/// it outlives the entity (a purged document).</param>
public sealed record AuditRecord(
    string Action,
    string? EntityType = null,
    string? EntityId = null,
    string? Details = null,
    Guid? UserId = null,
    string? UserName = null,
    string? EntityName = null);
