using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Consortium.Portal.Platform.Data;

/// <summary>Marks a property whose values never reach the audit log (its name does), for names too generic to list.</summary>
public static class AuditAnnotations
{
    public const string Secret = "Portal:AuditSecret";

    public static PropertyBuilder<T> IsAuditSecret<T>(this PropertyBuilder<T> property) => property.HasAnnotation(Secret, true);
}
