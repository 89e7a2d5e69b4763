namespace Consortium.Portal.Platform.Data;

/// <summary>An integration event waiting to be delivered; written in the transaction of the change that raised it.</summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }
    public string EventName { get; set; } = "";
    public string Payload { get; set; } = "";
    public DateTime OccurredAtUtc { get; set; }
    public DateTime? ProcessedAtUtc { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    /// <summary>A dispatcher that claimed the message owns it until then; another instance takes it over after.</summary>
    public DateTime? LockedUntilUtc { get; set; }
    public string? LockedBy { get; set; }
    public DateTime NextAttemptAtUtc { get; set; }
}

/// <summary>That a handler processed a message, so a redelivery does nothing twice.</summary>
public sealed class ProcessedMessage
{
    public Guid MessageId { get; set; }
    public string Handler { get; set; } = "";
    public DateTime ProcessedAtUtc { get; set; }
}

/// <summary>One line of the audit log: who did what, when, from where, on which entity.</summary>
public sealed class AuditLogEntry
{
    public const int MaxEntityNameLength = 256;

    public Guid Id { get; set; }
    public DateTime AtUtc { get; set; }
    public Guid? UserId { get; set; }
    public string? UserName { get; set; }
    public string? IpAddress { get; set; }
    public string Action { get; set; } = "";
    public string? EntityType { get; set; }
    public string? EntityId { get; set; }
    /// <summary>The entity's name or title when it was written (its new one after a rename), so the log reads by names, not ids.</summary>
    public string? EntityName { get; set; }
    public string? Details { get; set; }
}

/// <summary>A permission granted to a global role.</summary>
public sealed class PermissionGrant
{
    public string Role { get; set; } = "";
    public string Permission { get; set; } = "";
}

/// <summary>That a permission's default grants were applied once, so an administrator's revocation is kept.</summary>
public sealed class SeededPermission
{
    public string Permission { get; set; } = "";
    public DateTime SeededAtUtc { get; set; }
}

/// <summary>
/// The fingerprint of the last completed seeding (<see cref="Modularity.SeedFingerprint"/>): a start whose own equals it
/// skips the seeders. One row, <see cref="Modularity.SeedFingerprintStore.Modules"/>.
/// </summary>
public sealed class SeedingRecord
{
    public string Name { get; set; } = "";
    public string Fingerprint { get; set; } = "";
    public DateTime SeededAtUtc { get; set; }
}
