using Consortium.Portal.Platform.Domain;

namespace Consortium.Portal.TemplateModule.Domain;

/// <summary>The module's aggregate. Rename it to what it is in the consortium's words (ForumMeeting, TrainingMaterial…).</summary>
public sealed class TemplateModuleItem : AggregateRoot<Guid>, IAuditedEntity
{
    private TemplateModuleItem() { }

    public static TemplateModuleItem Add(string name)
    {
        var item = new TemplateModuleItem { Id = Guid.CreateVersion7(), Name = name };
        item.Raise(new TemplateModuleItemAdded(item.Id, name));
        return item;
    }

    public string Name { get; private set; } = "";

    public DateTime CreatedAtUtc { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTime? ModifiedAtUtc { get; set; }
    public Guid? ModifiedBy { get; set; }

    public void Rename(string name) => Name = name;
}
