using System.Text.Json;
using Consortium.Portal.Platform.Domain;

namespace Consortium.Portal.Workflows.Domain;

/// <summary>
/// One published version of a definition. Versions are never changed: publishing makes the next one, and running
/// instances keep the version they started with (they point at this row).
/// </summary>
public sealed class WorkflowDefinition : AggregateRoot<Guid>, IAuditedEntity
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private IReadOnlyList<WorkflowStageDto>? _stages;

    private WorkflowDefinition() { }

    public static WorkflowDefinition Publish(string key, int version, LocalizedName name, string? subjectType,
        IReadOnlyList<WorkflowStageDto> stages, DateTime nowUtc, Guid? publishedBy) => new()
    {
        Id = Guid.CreateVersion7(),
        Key = key,
        Version = version,
        NameEn = name.En?.Trim() ?? "",
        NameSq = name.Sq?.Trim() ?? "",
        NameSrLatn = name.SrLatn?.Trim() ?? "",
        NameSrCyrl = name.SrCyrl?.Trim() ?? "",
        SubjectType = subjectType,
        StagesJson = JsonSerializer.Serialize(stages, Json),
        PublishedAtUtc = nowUtc,
        PublishedBy = publishedBy,
    };

    public string Key { get; private set; } = "";
    public int Version { get; private set; }
    public string NameEn { get; private set; } = "";
    public string NameSq { get; private set; } = "";
    public string NameSrLatn { get; private set; } = "";
    public string NameSrCyrl { get; private set; } = "";
    public string? SubjectType { get; private set; }
    public string StagesJson { get; private set; } = "[]";
    public DateTime PublishedAtUtc { get; private set; }
    public Guid? PublishedBy { get; private set; }

    public DateTime CreatedAtUtc { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTime? ModifiedAtUtc { get; set; }
    public Guid? ModifiedBy { get; set; }

    public LocalizedName Name => new(NameEn, NameSq, NameSrLatn, NameSrCyrl);

    public IReadOnlyList<WorkflowStageDto> Stages => _stages ??= JsonSerializer.Deserialize<List<WorkflowStageDto>>(StagesJson, Json) ?? [];

    public WorkflowDefinitionDto ToDto() => new(Key, Version, Name, SubjectType, Stages, PublishedAtUtc, PublishedBy);
}
