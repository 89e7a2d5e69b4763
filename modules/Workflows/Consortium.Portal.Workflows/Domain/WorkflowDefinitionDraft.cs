using System.Text.Json;
using Consortium.Portal.Platform.Domain;

namespace Consortium.Portal.Workflows.Domain;

/// <summary>
/// The next version of a definition while a coordinator works on it: one draft per key, kept until it is published or
/// discarded, so an unfinished change survives a reload and another coordinator can take it over. A draft need not be
/// valid; publishing checks it as any definition. Two coordinators saving the same draft: one wins, the other gets a 409.
/// </summary>
public sealed class WorkflowDefinitionDraft : AggregateRoot<Guid>, IAuditedEntity
{
    // Not mapped (EF maps properties, and these are fields): the parse of StagesJson and the JSON it was made from.
    private string? _parsedStagesJson;
    private IReadOnlyList<WorkflowStageDto> _parsedStages = [];

    private WorkflowDefinitionDraft() { }

    public static WorkflowDefinitionDraft Start(string key) => new() { Id = Guid.CreateVersion7(), Key = key };

    public string Key { get; private set; } = "";
    public string NameEn { get; private set; } = "";
    public string NameSq { get; private set; } = "";
    public string NameSrLatn { get; private set; } = "";
    public string NameSrCyrl { get; private set; } = "";
    public string? SubjectType { get; private set; }
    public string StagesJson { get; private set; } = "[]";

    public DateTime CreatedAtUtc { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTime? ModifiedAtUtc { get; set; }
    public Guid? ModifiedBy { get; set; }

    public LocalizedName Name => new(NameEn, NameSq, NameSrLatn, NameSrCyrl);

    /// <summary>The stages parsed from <see cref="StagesJson"/>, once per value of it.</summary>
    public IReadOnlyList<WorkflowStageDto> Stages
    {
        get
        {
            // Compared by reference, not through a setter: EF writes StagesJson through its backing field when it reads a
            // row, so only the value itself tells whether the stages parsed last are still its stages.
            if (!ReferenceEquals(_parsedStagesJson, StagesJson))
            {
                _parsedStages = JsonSerializer.Deserialize<List<WorkflowStageDto>>(StagesJson, WorkflowDefinition.Json) ?? [];
                _parsedStagesJson = StagesJson;
            }
            return _parsedStages;
        }
    }

    /// <summary>When and by whom it was last saved.</summary>
    public (DateTime AtUtc, Guid? By) Saved => (ModifiedAtUtc ?? CreatedAtUtc, ModifiedBy ?? CreatedBy);

    /// <summary>Takes what the editor holds now, whole (a draft is saved as a coordinator sees it, not merged).</summary>
    public void Replace(LocalizedName? name, string? subjectType, IReadOnlyList<WorkflowStageDto>? stages)
    {
        NameEn = name?.En?.Trim() ?? "";
        NameSq = name?.Sq?.Trim() ?? "";
        NameSrLatn = name?.SrLatn?.Trim() ?? "";
        NameSrCyrl = name?.SrCyrl?.Trim() ?? "";
        SubjectType = string.IsNullOrWhiteSpace(subjectType) ? null : subjectType.Trim();
        StagesJson = JsonSerializer.Serialize(stages ?? [], WorkflowDefinition.Json);
    }

    public PublishWorkflowDefinitionRequest ToPublishRequest() => new(Key, Name, SubjectType, Stages);
}
