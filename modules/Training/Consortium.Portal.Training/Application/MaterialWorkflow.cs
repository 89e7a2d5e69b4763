using Consortium.Portal.Platform.Events;
using Consortium.Portal.Training.Api;
using Consortium.Portal.Training.Data;
using Consortium.Portal.Training.Domain;
using Consortium.Portal.Workflows;
using Microsoft.EntityFrameworkCore;

namespace Consortium.Portal.Training.Application;

/// <summary>Materials as workflow subjects: what the engine asks whenever a stage is entered.</summary>
internal sealed class MaterialSubjects(TrainingDbContext db) : IWorkflowSubjectType
{
    public string Name => TrainingConsts.SubjectType;

    public Type LocalizationResource => typeof(TrainingResource);

    public string DisplayNameKey => "Subject.Material";

    /// <summary><c>language</c> (en, sq, sr-Latn, sr-Cyrl), <c>kind</c> and <c>activity</c> for conditions.</summary>
    public IReadOnlyList<string> ConditionFields => ["language", "kind", "activity"];

    /// <summary>Each field's values, named as the material's pages name them.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<WorkflowFieldValue>> ConditionValues { get; } = new Dictionary<string, IReadOnlyList<WorkflowFieldValue>>
    {
        ["language"] = TrainingConditionValues.Languages,
        ["kind"] = Enum.GetValues<MaterialKind>().Select(k => new WorkflowFieldValue(k.ToString(), $"Kind.{k}")).ToList(),
        ["activity"] = Enumerable.Range(TrainingConsts.FirstActivity, TrainingConsts.LastActivity - TrainingConsts.FirstActivity + 1)
            .Select(a => new WorkflowFieldValue(a.ToString(System.Globalization.CultureInfo.InvariantCulture), "Activity.Number", a)).ToList(),
    };

    public async Task<WorkflowSubject?> DescribeAsync(Guid subjectId, CancellationToken cancellationToken = default)
    {
        var m = await db.Materials.AsNoTracking().SingleOrDefaultAsync(x => x.Id == subjectId, cancellationToken);
        return m is null
            ? null
            : new WorkflowSubject(m.Id, m.Title, TrainingPaths.MaterialPage(m.Id), m.CreatedBy is { } author ? [author] : [], m.AuthoringPartnerIds, m.WorkspaceId,
                new Dictionary<string, string>
                {
                    ["language"] = m.Language,
                    ["kind"] = m.Kind.ToString(),
                    ["activity"] = m.Activity.ToString(System.Globalization.CultureInfo.InvariantCulture),
                });
    }
}

/// <summary>The values of Training's condition fields that its two subject types share.</summary>
internal static class TrainingConditionValues
{
    /// <summary>A material's languages (<see cref="TrainingConsts.Languages"/>), by name.</summary>
    public static readonly IReadOnlyList<WorkflowFieldValue> Languages = TrainingConsts.Languages.Select(l => new WorkflowFieldValue(l, $"Language.{l}")).ToList();
}

/// <summary>
/// The workflow's outcome moves the material: completed → public (and its followers hear of it); changes requested,
/// rejected or cancelled → consortium-only and editable again. Other subject types' workflows are not ours.
/// </summary>
internal sealed class MaterialWorkflowOutcomes(TrainingDbContext db, TimeProvider clock)
    : IIntegrationEventHandler<WorkflowCompleted>, IIntegrationEventHandler<WorkflowChangesRequested>,
      IIntegrationEventHandler<WorkflowRejected>, IIntegrationEventHandler<WorkflowCancelled>
{
    public Task HandleAsync(WorkflowCompleted e, IntegrationEventContext context, CancellationToken cancellationToken)
        => OnAsync(e.SubjectType, e.SubjectId, m => m.Publish(clock.GetUtcNow().UtcDateTime), cancellationToken);

    public Task HandleAsync(WorkflowChangesRequested e, IntegrationEventContext context, CancellationToken cancellationToken)
        => OnAsync(e.SubjectType, e.SubjectId, m => m.ReturnToConsortium(), cancellationToken);

    public Task HandleAsync(WorkflowRejected e, IntegrationEventContext context, CancellationToken cancellationToken)
        => OnAsync(e.SubjectType, e.SubjectId, m => m.ReturnToConsortium(), cancellationToken);

    public Task HandleAsync(WorkflowCancelled e, IntegrationEventContext context, CancellationToken cancellationToken)
        => OnAsync(e.SubjectType, e.SubjectId, m => m.ReturnToConsortium(), cancellationToken);

    private async Task OnAsync(string subjectType, Guid id, Action<TrainingMaterial> apply, CancellationToken cancellationToken)
    {
        if (subjectType != TrainingConsts.SubjectType)
        {
            return;
        }
        var material = await db.Materials.SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (material is null)
        {
            return;
        }
        // A save that loses to an author's edit throws; the outbox delivers the event again, to a fresh read.
        apply(material);
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>The publishing review, seeded once: a lead of an authoring partner, then the Coordinator.</summary>
internal static class DefaultMaterialWorkflow
{
    public static PublishWorkflowDefinitionRequest Definition => new(
        TrainingConsts.PublishingWorkflow,
        new LocalizedName("Training material publishing", "Publikimi i materialit trajnues", "Objavljivanje materijala za obuku", null),
        TrainingConsts.SubjectType,
        [
            new WorkflowStageDto("partner-lead", StageKind.Approval,
                new LocalizedName("Authoring partner's lead", "Drejtuesi i partnerit autor", "Rukovodilac partnera autora", null),
                [new AssigneeRule(AssigneeKinds.AuthoringPartnerLeads)], new DecisionRule(DecisionRuleKind.Any),
                new StageDeadline(5, WorkingDays: true, RemindHoursBefore: 24, Escalation: EscalationKind.NotifyCoordinator)),
            new WorkflowStageDto("coordinator", StageKind.Approval,
                new LocalizedName("Coordinator approval", "Miratimi nga koordinatori", "Odobrenje koordinatora", null),
                [new AssigneeRule(AssigneeKinds.Role, Role: Platform.Security.PortalRoles.Coordinator)], new DecisionRule(DecisionRuleKind.Any),
                new StageDeadline(3, WorkingDays: true, RemindHoursBefore: 24, Escalation: EscalationKind.None)),
        ]);
}
