using Consortium.Portal.Identity;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Localization;

namespace Consortium.Portal.Activities.Domain;

/// <summary>One of the project's eleven activities: its names, lead partners, period and the targets promised to donors.</summary>
public sealed class ProjectActivity : AggregateRoot<Guid>, IAuditedEntity
{
    private ProjectActivity() { }

    public ProjectActivity(Guid id, int number, string nameEn, string nameSq, string nameSrLatn, IEnumerable<string> leads, DateOnly startsOn, DateOnly endsOn,
        IEnumerable<ActivityTarget> targets)
    {
        Id = id;
        Number = number;
        Update(nameEn, nameSq, nameSrLatn, leads, startsOn, endsOn, targets);
    }

    public int Number { get; private set; }
    public string NameEn { get; private set; } = "";
    public string NameSq { get; private set; } = "";
    public string NameSrLatn { get; private set; } = "";
    public List<string> LeadPartners { get; private set; } = [];
    public DateOnly StartsOn { get; private set; }
    public DateOnly EndsOn { get; private set; }
    public List<ActivityTarget> Targets { get; private set; } = [];

    public DateTime CreatedAtUtc { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTime? ModifiedAtUtc { get; set; }
    public Guid? ModifiedBy { get; set; }

    /// <summary>The name in a portal language; Serbian Cyrillic is transliterated by the caller from the Latin one.</summary>
    public string NameIn(string culture) => culture switch
    {
        _ when culture.StartsWith("sq", StringComparison.OrdinalIgnoreCase) => NameSq,
        _ when culture.StartsWith("sr", StringComparison.OrdinalIgnoreCase) => NameSrLatn,
        _ => NameEn,
    };

    public bool Covers(DateOnly day) => day >= StartsOn && day <= EndsOn;

    public void Update(string nameEn, string nameSq, string nameSrLatn, IEnumerable<string> leads, DateOnly startsOn, DateOnly endsOn, IEnumerable<ActivityTarget> targets)
    {
        if (endsOn < startsOn)
        {
            throw new DomainRuleException("Problem.PeriodReversed", typeof(ActivitiesResource));
        }
        (NameEn, NameSq, NameSrLatn, StartsOn, EndsOn) = (nameEn, nameSq, nameSrLatn, startsOn, endsOn);
        LeadPartners = leads.ToList();
        Targets = targets.ToList();
    }
}

/// <summary>A promised number (see <see cref="TargetDto"/>), kept inside its activity.</summary>
public sealed class ActivityTarget
{
    public TargetMeasure Measure { get; set; }
    public int Count { get; set; }
    public EventKind? EventKind { get; set; }
    public OutputKind? OutputKind { get; set; }
    public PartnerSide? Side { get; set; }

    public static ActivityTarget Of(TargetDto dto) => new()
    {
        Measure = dto.Measure, Count = dto.Count, EventKind = dto.EventKind, OutputKind = dto.OutputKind, Side = dto.Side,
    };

    public TargetDto ToDto() => new(Measure, Count, EventKind, OutputKind, Side);
}

/// <summary>
/// A town events are held in, and which side of the dialogue it is on. The plan's towns have their Albanian and Serbian
/// names; a town someone adds has only the name typed, which every language shows as it is.
/// </summary>
public sealed class Town : Entity<Guid>
{
    private Town() { }

    public Town(Guid id, string name, PartnerSide side, string? nameSq = null, string? nameSrLatn = null)
        => (Id, Name, NameKey, Side, NameSq, NameSrLatn) = (id, name, KeyOf(name), side, nameSq, nameSrLatn);

    /// <summary>The stable name: the English one of the plan's towns, or as typed. The unique key and the API's <c>townName</c> match it.</summary>
    public string Name { get; private set; } = "";

    public string? NameSq { get; private set; }

    public string? NameSrLatn { get; private set; }

    /// <summary>The name in a portal language, else the stable one; Serbian Cyrillic is transliterated by the caller from the Latin one.</summary>
    public string NameIn(string culture) => culture switch
    {
        _ when culture.StartsWith("sq", StringComparison.OrdinalIgnoreCase) => NameSq ?? Name,
        _ when culture.StartsWith("sr", StringComparison.OrdinalIgnoreCase) => NameSrLatn ?? Name,
        _ => Name,
    };

    /// <summary>Gives a town of the plan the names it lacks (a database seeded before towns had them); a name it has stays.</summary>
    public void TakeMissingNames(Town planned) => (NameSq, NameSrLatn) = (NameSq ?? planned.NameSq, NameSrLatn ?? planned.NameSrLatn);

    /// <summary>The name folded for the unique key, so "peja" and "Peja " are one town.</summary>
    public string NameKey { get; private set; } = "";

    public PartnerSide Side { get; private set; }

    public static string KeyOf(string name) => name.Trim().ToUpperInvariant();

    /// <summary>Whether a folded name (<see cref="KeyOf"/>) is one of the town's names in another language or script.</summary>
    public bool IsCalled(string key)
        => (NameSq is not null && KeyOf(NameSq) == key)
           || (NameSrLatn is not null && (KeyOf(NameSrLatn) == key || KeyOf(SerbianTransliterator.ToCyrillic(NameSrLatn)) == key));
}
