using Consortium.Portal.Platform.Domain;

namespace Consortium.Portal.Identity.Domain;

/// <summary>One of the consortium's member organisations, on the Kosovo or the Serbia side.</summary>
public sealed class PartnerOrganisation : AggregateRoot<Guid>, IAuditedEntity
{
    private PartnerOrganisation() { }

    public PartnerOrganisation(Guid id, string shortName, string name, PartnerSide side)
    {
        Id = id;
        Rename(shortName, name);
        Side = side;
    }

    public string ShortName { get; private set; } = "";
    public string Name { get; private set; } = "";
    public PartnerSide Side { get; set; }

    public DateTime CreatedAtUtc { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTime? ModifiedAtUtc { get; set; }
    public Guid? ModifiedBy { get; set; }

    public void Rename(string shortName, string name)
    {
        ShortName = shortName.Trim();
        Name = name.Trim();
    }
}
