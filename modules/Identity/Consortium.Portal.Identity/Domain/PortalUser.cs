using Consortium.Portal.Platform.Domain;
using Microsoft.AspNetCore.Identity;

namespace Consortium.Portal.Identity.Domain;

/// <summary>A person who signs in: partner staff, the coordinator, an administrator or an invited guest.</summary>
public sealed class PortalUser : IdentityUser<Guid>, IAuditedEntity
{
    public const int MaxDisplayNameLength = 128;
    public const string DefaultTimeZone = "Europe/Belgrade";

    public string DisplayName { get; set; } = "";
    /// <summary>At most one partner organisation; null for the coordinator's office, administrators and guests.</summary>
    public Guid? PartnerOrganisationId { get; set; }
    /// <summary>en, sq, sr-Latn or sr-Cyrl; remembered across devices.</summary>
    public string PreferredCulture { get; set; } = "en";
    public string TimeZoneId { get; set; } = DefaultTimeZone;
    public bool IsDisabled { get; set; }

    public DateTime CreatedAtUtc { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTime? ModifiedAtUtc { get; set; }
    public Guid? ModifiedBy { get; set; }
}

public sealed class PortalRole : IdentityRole<Guid>
{
    public PortalRole() { }

    public PortalRole(string name) : base(name)
    {
        Id = Guid.NewGuid();
        NormalizedName = name.ToUpperInvariant();
    }
}
