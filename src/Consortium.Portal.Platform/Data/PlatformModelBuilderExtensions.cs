using Consortium.Portal.Platform.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Consortium.Portal.Platform.Data;

public static class PlatformDbProperties
{
    public const string TablePrefix = "Platform";
}

public static class PlatformModelBuilderExtensions
{
    /// <summary>Every platform table; called once, by the platform module's model contribution.</summary>
    public static ModelBuilder ConfigurePlatform(this ModelBuilder builder)
    {
        builder.ConfigurePlatformSharedTables();
        builder.Entity<ProcessedMessage>(b =>
        {
            b.ToTable(PlatformDbProperties.TablePrefix + "ProcessedMessages");
            b.HasKey(x => new { x.MessageId, x.Handler });
            b.Property(x => x.Handler).HasMaxLength(256);
        });
        builder.Entity<PermissionGrant>(b =>
        {
            b.ToTable(PlatformDbProperties.TablePrefix + "PermissionGrants");
            b.HasKey(x => new { x.Role, x.Permission });
            b.Property(x => x.Role).HasMaxLength(64);
            b.Property(x => x.Permission).HasMaxLength(128);
        });
        builder.Entity<SeededPermission>(b =>
        {
            b.ToTable(PlatformDbProperties.TablePrefix + "SeededPermissions");
            b.HasKey(x => x.Permission);
            b.Property(x => x.Permission).HasMaxLength(128);
        });
        builder.Entity<SeedingRecord>(b =>
        {
            b.ToTable(PlatformDbProperties.TablePrefix + "Seeding");
            b.HasKey(x => x.Name);
            b.Property(x => x.Name).HasMaxLength(64);
            b.Property(x => x.Fingerprint).HasMaxLength(64).IsRequired();
            // The start's own bookkeeping, written with plain SQL beside EF (SeedFingerprintStore): no one's change.
            b.ExcludeFromAuditLog();
        });
        builder.Entity<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>(b =>
        {
            b.ToTable(PlatformDbProperties.TablePrefix + "DataProtectionKeys");
            b.HasKey(x => x.Id);
            b.Property(x => x.FriendlyName).HasMaxLength(256);
            // The key material must never be copied into the audit log.
            b.ExcludeFromAuditLog();
        });
        return builder;
    }

    /// <summary>
    /// The outbox and the audit log. Every module's DbContext maps them too, because SaveChanges writes a
    /// module's events and audit lines in the same transaction as its change.
    /// </summary>
    public static ModelBuilder ConfigurePlatformSharedTables(this ModelBuilder builder)
    {
        builder.Entity<OutboxMessage>(b =>
        {
            b.ToTable(PlatformDbProperties.TablePrefix + "OutboxMessages");
            b.HasKey(x => x.Id);
            b.Property(x => x.EventName).HasMaxLength(256).IsRequired();
            b.Property(x => x.Payload).IsRequired();
            b.Property(x => x.LastError).HasMaxLength(4000);
            b.Property(x => x.LockedBy).HasMaxLength(128);
            b.HasIndex(x => new { x.ProcessedAtUtc, x.NextAttemptAtUtc });
        });
        builder.Entity<AuditLogEntry>(b =>
        {
            b.ToTable(PlatformDbProperties.TablePrefix + "AuditLog");
            b.HasKey(x => x.Id);
            b.Property(x => x.UserName).HasMaxLength(256);
            b.Property(x => x.IpAddress).HasMaxLength(64);
            b.Property(x => x.Action).HasMaxLength(128).IsRequired();
            b.Property(x => x.EntityType).HasMaxLength(128);
            b.Property(x => x.EntityId).HasMaxLength(128);
            b.Property(x => x.EntityName).HasMaxLength(AuditLogEntry.MaxEntityNameLength);
            b.Property(x => x.Details).HasMaxLength(8000);
            b.HasIndex(x => x.AtUtc);
            b.HasIndex(x => new { x.EntityType, x.EntityId });
            b.HasIndex(x => x.UserId);
        });
        return builder;
    }

    /// <summary>Maps the parts every aggregate shares: the concurrency stamp and, for soft-deletable ones, the filter.</summary>
    public static ModelBuilder ConfigureAggregateConventions(this ModelBuilder builder)
    {
        foreach (var entityType in builder.Model.GetEntityTypes().ToList())
        {
            var clr = entityType.ClrType;
            if (typeof(IAggregateRoot).IsAssignableFrom(clr) && entityType.BaseType is null)
            {
                builder.Entity(clr).Property(nameof(IAggregateRoot.ConcurrencyStamp)).IsConcurrencyToken();
            }
            // Not at design time: EF cannot write a query filter into a compiled model (build/compiled-models.sh), and a
            // filter changes no schema (migrations). A compiled model gets it when it loads (CompiledModels.Customize).
            if (IsSoftDeleteRoot(clr, entityType.BaseType is null) && !EF.IsDesignTime)
            {
                builder.Entity(clr).HasQueryFilter(SoftDeleteFilter(clr));
            }
        }
        return builder;
    }

    /// <summary>Whether an entity type gets the soft-delete filter: a soft-deletable root of its hierarchy.</summary>
    internal static bool IsSoftDeleteRoot(Type clr, bool isHierarchyRoot) => typeof(ISoftDelete).IsAssignableFrom(clr) && isHierarchyRoot;

    /// <summary><c>e =&gt; !e.IsDeleted</c> for an entity type: the soft-delete filter.</summary>
    internal static System.Linq.Expressions.LambdaExpression SoftDeleteFilter(Type clr)
    {
        var parameter = System.Linq.Expressions.Expression.Parameter(clr, "e");
        return System.Linq.Expressions.Expression.Lambda(
            System.Linq.Expressions.Expression.Not(System.Linq.Expressions.Expression.Property(parameter, nameof(ISoftDelete.IsDeleted))),
            parameter);
    }

    /// <summary>
    /// Times are stored as UTC <see cref="DateTime"/> so SQLite can compare and order them in the database;
    /// values read back are marked UTC (SQLite returns them unspecified).
    /// </summary>
    public static ModelConfigurationBuilder ApplyPortalConventions(this ModelConfigurationBuilder configuration)
    {
        configuration.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configuration.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
        return configuration;
    }

    // Public: a compiled model (build/compiled-models.sh) creates the converters by their types, from the modules' assemblies.
    public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    public sealed class NullableUtcDateTimeConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v.HasValue ? (v.Value.Kind == DateTimeKind.Utc ? v : v.Value.ToUniversalTime()) : v,
        v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);
}
