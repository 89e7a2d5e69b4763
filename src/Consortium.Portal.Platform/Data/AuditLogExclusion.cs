using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Consortium.Portal.Platform.Data;

/// <summary>
/// Entity types whose changes write no audit line: records that only follow from changes audited already (one
/// notification per recipient of an audited action, a read marker) would repeat them many times over.
/// </summary>
public static class AuditLogExclusion
{
    public const string Annotation = "Portal:NotAudited";

    public static EntityTypeBuilder<T> ExcludeFromAuditLog<T>(this EntityTypeBuilder<T> entity) where T : class
        => entity.HasAnnotation(Annotation, true);

    public static bool IsExcluded(IReadOnlyEntityType entityType) => entityType.FindAnnotation(Annotation)?.Value is true;
}
