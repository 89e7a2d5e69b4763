using Consortium.Portal.Platform.Domain;

namespace Consortium.Portal.Training.Domain;

/// <summary>An ordered set of materials for a programme (a curriculum, a seminar pack).</summary>
public sealed class TrainingCollection : AggregateRoot<Guid>, IAuditedEntity
{
    private TrainingCollection() { }

    public static TrainingCollection Create(string title, string? description, IReadOnlyList<Guid> materialIds)
    {
        var id = Guid.CreateVersion7();
        return new TrainingCollection
        {
            Id = id, Title = title, Description = description, MaterialIds = materialIds.ToList(),
            Slug = Platform.Text.Slugs.For(title, id),
        };
    }

    public string Slug { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string? Description { get; private set; }
    /// <summary>The materials in their order.</summary>
    public List<Guid> MaterialIds { get; private set; } = [];
    public bool IsPublic { get; private set; }

    public DateTime CreatedAtUtc { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTime? ModifiedAtUtc { get; set; }
    public Guid? ModifiedBy { get; set; }

    public void Edit(string title, string? description, IReadOnlyList<Guid> materialIds)
    {
        Title = title;
        Description = description;
        MaterialIds = materialIds.ToList();
    }

    /// <summary>Public only while every material is: <paramref name="allMaterialsPublic"/> is checked by the caller against the database.</summary>
    public void SetPublic(bool isPublic, bool allMaterialsPublic)
    {
        if (isPublic && !allMaterialsPublic)
        {
            throw new DomainRuleException("Collection.NotAllPublic", typeof(TrainingResource));
        }
        IsPublic = isPublic;
    }
}
