using Consortium.Portal.Platform.Events;
using Consortium.Portal.Publications.Api;
using Consortium.Portal.Publications.Data;
using Consortium.Portal.Publications.Domain;
using Consortium.Portal.Workflows;
using Microsoft.EntityFrameworkCore;

namespace Consortium.Portal.Publications.Application;

/// <summary>Publications as workflow subjects: what the engine asks whenever a stage is entered.</summary>
internal sealed class PublicationSubjects(PublicationsDbContext db) : IWorkflowSubjectType
{
    public string Name => PublicationsConsts.SubjectType;

    public Type LocalizationResource => typeof(PublicationsResource);

    public string DisplayNameKey => "Subject.Publication";

    /// <summary><c>type</c> (OpEd, ResearchReport…), <c>activity</c> (1, 4) and <c>languages</c> (en,sq,sr) for conditions.</summary>
    public IReadOnlyList<string> ConditionFields => ["type", "activity", "languages"];

    /// <summary>The type and the activity are chosen from their values, named as the publication's pages name them; the languages are a list, any text.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<WorkflowFieldValue>> ConditionValues { get; } = new Dictionary<string, IReadOnlyList<WorkflowFieldValue>>
    {
        ["type"] = Enum.GetValues<PublicationType>().Select(t => new WorkflowFieldValue(t.ToString(), $"Type.{t}")).ToList(),
        ["activity"] = PublicationsConsts.Activities
            .Select(a => new WorkflowFieldValue(a.ToString(System.Globalization.CultureInfo.InvariantCulture), "Activity", a)).ToList(),
    };

    public async Task<WorkflowSubject?> DescribeAsync(Guid subjectId, CancellationToken cancellationToken = default)
    {
        var p = await db.Publications.AsNoTracking().SingleOrDefaultAsync(x => x.Id == subjectId, cancellationToken);
        return p is null
            ? null
            : new WorkflowSubject(p.Id, p.Title, PublicationsPaths.DetailPage(p.Id), p.AuthorIds, p.AuthoringPartnerIds, p.WorkspaceId,
                new Dictionary<string, string>
                {
                    ["type"] = p.Type.ToString(),
                    ["activity"] = p.Activity.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["languages"] = string.Join(',', p.Languages),
                });
    }
}

/// <summary>
/// The workflow's outcome moves the publication: completed → Approved, changes requested → back to its authors,
/// rejected or cancelled → a draft again with the comment. Other subject types' workflows are not ours.
/// </summary>
internal sealed class PublicationWorkflowOutcomes(PublicationsDbContext db, TimeProvider clock)
    : IIntegrationEventHandler<WorkflowCompleted>, IIntegrationEventHandler<WorkflowChangesRequested>,
      IIntegrationEventHandler<WorkflowRejected>, IIntegrationEventHandler<WorkflowCancelled>
{
    public Task HandleAsync(WorkflowCompleted e, IntegrationEventContext context, CancellationToken cancellationToken)
        => OnAsync(e.SubjectType, e.SubjectId, (p, now) => p.WorkflowCompleted(now), cancellationToken);

    public Task HandleAsync(WorkflowChangesRequested e, IntegrationEventContext context, CancellationToken cancellationToken)
        => OnAsync(e.SubjectType, e.SubjectId, (p, now) => p.WorkflowRequestedChanges(e.Comment, now), cancellationToken);

    public Task HandleAsync(WorkflowRejected e, IntegrationEventContext context, CancellationToken cancellationToken)
        => OnAsync(e.SubjectType, e.SubjectId, (p, now) => p.WorkflowEnded(e.Comment, now), cancellationToken);

    public Task HandleAsync(WorkflowCancelled e, IntegrationEventContext context, CancellationToken cancellationToken)
        => OnAsync(e.SubjectType, e.SubjectId, (p, now) => p.WorkflowEnded(e.Reason, now), cancellationToken);

    private async Task OnAsync(string subjectType, Guid id, Action<Publication, DateTime> apply, CancellationToken cancellationToken)
    {
        if (subjectType != PublicationsConsts.SubjectType)
        {
            return;
        }
        var publication = await db.Publications.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (publication is null)
        {
            return;
        }
        // A save that loses to an author's edit throws; the outbox delivers the event again, to a fresh read.
        apply(publication, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>The default joint review, seeded once: co-authors (all), a PartnerLead from each side, the Coordinator.</summary>
internal static class DefaultPublicationWorkflow
{
    public static PublishWorkflowDefinitionRequest Definition => new(
        PublicationsConsts.DefaultWorkflow,
        new LocalizedName("Joint publication review", "Shqyrtimi i publikimit të përbashkët", "Pregled zajedničke publikacije", null),
        PublicationsConsts.SubjectType,
        [
            new WorkflowStageDto("co-authors", StageKind.Approval,
                new LocalizedName("Co-author review", "Shqyrtimi nga bashkautorët", "Pregled koautora", null),
                [new AssigneeRule(AssigneeKinds.Authors)], new DecisionRule(DecisionRuleKind.All),
                new StageDeadline(5, WorkingDays: true, RemindHoursBefore: 24, Escalation: EscalationKind.NotifyCoordinator)),
            new WorkflowStageDto("cross-partner", StageKind.Approval,
                new LocalizedName("Cross-partner review", "Shqyrtimi ndërpartnerësh", "Međupartnerski pregled", null),
                [new AssigneeRule(AssigneeKinds.PartnerLeads)], new DecisionRule(DecisionRuleKind.Any, EachSide: true),
                new StageDeadline(5, WorkingDays: true, RemindHoursBefore: 24, Escalation: EscalationKind.NotifyCoordinator)),
            new WorkflowStageDto("coordinator", StageKind.Approval,
                new LocalizedName("Coordinator approval", "Miratimi nga koordinatori", "Odobrenje koordinatora", null),
                [new AssigneeRule(AssigneeKinds.Role, Role: Platform.Security.PortalRoles.Coordinator)], new DecisionRule(DecisionRuleKind.Any),
                new StageDeadline(3, WorkingDays: true, RemindHoursBefore: 24, Escalation: EscalationKind.None)),
        ]);
}
