using Consortium.Portal.Platform.Domain;

namespace Consortium.Portal.Documents.Domain;

/// <summary>A folder of a workspace's documents; folders nest. Deleting one sends it, with all it holds, to the recycle bin.</summary>
public sealed class Folder : AggregateRoot<Guid>, IAuditedEntity, ISoftDelete, IRecyclable
{
    private Folder() { }

    public Folder(Guid workspaceId, Guid? parentId, string name)
    {
        Id = Guid.CreateVersion7();
        WorkspaceId = workspaceId;
        ParentId = parentId;
        Name = name;
    }

    public Guid WorkspaceId { get; private set; }
    public Guid? ParentId { get; private set; }
    public string Name { get; private set; } = "";

    public DateTime CreatedAtUtc { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTime? ModifiedAtUtc { get; set; }
    public Guid? ModifiedBy { get; set; }
    public bool IsDeleted { get; set; }
    public DateTime? DeletedAtUtc { get; set; }
    public Guid? DeletedBy { get; set; }
    public Guid? RecycledWithFolderId { get; set; }

    public void Rename(string name) => Name = name;

    public void MoveTo(Guid? parentId) => ParentId = parentId;
}

/// <summary>Something that goes to the recycle bin; <see cref="RecycledWithFolderId"/> names the folder whose deletion took it there.</summary>
public interface IRecyclable
{
    Guid? RecycledWithFolderId { get; set; }
}
