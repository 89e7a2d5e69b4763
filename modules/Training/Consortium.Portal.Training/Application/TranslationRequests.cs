using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Events;
using Consortium.Portal.Training.Api;
using Consortium.Portal.Training.Data;
using Consortium.Portal.Training.Domain;
using Consortium.Portal.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Training.Application;

/// <summary>
/// A missing translation is asked for as a task: a <see cref="TranslationRequest"/> runs the seeded one-stage workflow
/// "translation request", whose task is in the authoring partners' leads' inbox. It is done when a material in that
/// language joins the group (the workflow is withdrawn, the task leaves the inbox) or when the lead declines with a comment.
/// </summary>
internal sealed class TranslationRequests(
    TrainingDbContext db,
    IWorkflows workflows,
    IWorkflowWithdrawals withdrawals,
    IIntegrationEventPublisher events,
    SharedTransaction sharedTransaction,
    IStringLocalizer<TrainingResource> localizer,
    TimeProvider clock)
{
    public async Task<TranslationRequest> OpenAsync(TrainingMaterial material, string language, Guid requestedBy, string? message, CancellationToken cancellationToken)
    {
        if (await db.GroupHasLanguageAsync(material.TranslationGroupId, language, except: null, cancellationToken))
        {
            throw new DomainRuleException("Translation.Exists", typeof(TrainingResource), language);
        }
        // One open request per language for the whole group, whichever of its materials it was asked on.
        var group = db.Materials.Where(m => m.TranslationGroupId == material.TranslationGroupId).Select(m => m.Id);
        if (await db.TranslationRequests.AnyAsync(r => r.Status == TranslationRequestStatus.Open && r.Language == language && group.Contains(r.MaterialId), cancellationToken))
        {
            throw new DomainRuleException("Translation.AlreadyRequested", typeof(TrainingResource), language);
        }
        var request = TranslationRequest.Open(material.Id, language, requestedBy, message, clock.GetUtcNow().UtcDateTime);
        // The request and its task together, or neither (the workflow's runtime joins this unit).
        await sharedTransaction.RunAsync(db, async () =>
        {
            db.TranslationRequests.Add(request);
            events.Publish(new TrainingTranslationRequested(material.Id, material.Title, language, requestedBy, material.AuthoringPartnerIds.ToList(), message));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // The open key is unique: somebody asked for the same language on this material at the same moment.
                throw new DomainRuleException("Translation.AlreadyRequested", typeof(TrainingResource), language);
            }
            await workflows.StartAsync(new StartWorkflowRequest(TrainingConsts.TranslationRequestSubjectType, request.Id, TrainingConsts.TranslationRequestWorkflow),
                cancellationToken);
            return true;
        }, cancellationToken);
        return request;
    }

    /// <summary>
    /// The open requests that the group's languages now answer (after a link or a changed language) are fulfilled and
    /// their tasks withdrawn.
    /// </summary>
    public async Task FulfilAsync(Guid translationGroupId, CancellationToken cancellationToken)
    {
        var members = await db.Materials.AsNoTracking().Where(m => m.TranslationGroupId == translationGroupId)
            .Select(m => new { m.Id, m.Language }).ToListAsync(cancellationToken);
        var ids = members.Select(m => m.Id).ToList();
        var languages = members.Select(m => m.Language).Distinct().ToList();
        var answered = await db.TranslationRequests
            .Where(r => r.Status == TranslationRequestStatus.Open && ids.Contains(r.MaterialId) && languages.Contains(r.Language))
            .ToListAsync(cancellationToken);
        if (answered.Count == 0)
        {
            return;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await sharedTransaction.RunAsync(db, async () =>
        {
            foreach (var request in answered)
            {
                request.Close(TranslationRequestStatus.Fulfilled, now);
            }
            await db.SaveChangesAsync(cancellationToken);
            foreach (var request in answered)
            {
                await withdrawals.WithdrawAsync(TrainingConsts.TranslationRequestSubjectType, request.Id, WithdrawalReason(request.Language), cancellationToken);
            }
            return true;
        }, cancellationToken);
    }

    // The workflow's history keeps this sentence as written, so it is in the language of the person whose link ended
    // the request (the request's culture), as a coordinator's typed reason is in theirs: never the code's English.
    private string WithdrawalReason(string language) =>
        localizer["Translation.WithdrawnLinked", localizer["Language." + language].Value].Value;
}

/// <summary>
/// Translation requests as workflow subjects: the material's authoring partners are the request's. Training tells the
/// leads of a new request itself (<see cref="TranslationRequestedRule"/>: who asked, their message, a link to the task),
/// so the engine does not announce the task a second time; and a lead's approval is taken only once the translation is
/// linked (linking closes the task by itself, so "approve" without it would mark a request done that is not).
/// </summary>
internal sealed class TranslationRequestSubjects(TrainingDbContext db, IStringLocalizer<TrainingResource> localizer) : IWorkflowSubjectType
{
    public string Name => TrainingConsts.TranslationRequestSubjectType;

    public Type LocalizationResource => typeof(TrainingResource);

    public string DisplayNameKey => "Subject.TranslationRequest";

    /// <summary><c>language</c>: the language asked for.</summary>
    public IReadOnlyList<string> ConditionFields => ["language"];

    public IReadOnlyDictionary<string, IReadOnlyList<WorkflowFieldValue>> ConditionValues { get; } =
        new Dictionary<string, IReadOnlyList<WorkflowFieldValue>> { ["language"] = TrainingConditionValues.Languages };

    public async Task<WorkflowSubject?> DescribeAsync(Guid subjectId, CancellationToken cancellationToken = default)
    {
        var found = await (from r in db.TranslationRequests.AsNoTracking()
                           join m in db.Materials.AsNoTracking() on r.MaterialId equals m.Id
                           where r.Id == subjectId
                           select new { Request = r, Material = m }).SingleOrDefaultAsync(cancellationToken);
        return found is null
            ? null
            : new WorkflowSubject(found.Request.Id, $"{found.Material.Title} → {found.Request.Language}", TrainingPaths.MaterialPage(found.Material.Id),
                [found.Request.RequestedBy], found.Material.AuthoringPartnerIds, found.Material.WorkspaceId,
                new Dictionary<string, string> { ["language"] = found.Request.Language });
    }

    public bool AnnouncesStartingTasks => true;

    public async Task EnsureMayApproveAsync(Guid subjectId, CancellationToken cancellationToken = default)
    {
        var request = await db.TranslationRequests.AsNoTracking().Where(r => r.Id == subjectId)
            .Select(r => new { r.Language, r.MaterialId, r.Status }).SingleOrDefaultAsync(cancellationToken);
        if (request is not { Status: TranslationRequestStatus.Open })
        {
            return;
        }
        var group = await db.Materials.Where(m => m.Id == request.MaterialId).Select(m => (Guid?)m.TranslationGroupId).FirstOrDefaultAsync(cancellationToken);
        if (group is null || !await db.GroupHasLanguageAsync(group.Value, request.Language, except: null, cancellationToken))
        {
            throw new DomainRuleException("Translation.ApproveNeedsLink", typeof(TrainingResource), localizer["Language." + request.Language].Value);
        }
    }
}

/// <summary>
/// The task's outcome closes the request: declined (rejected, or changes asked for: there is nothing to change) with
/// the lead's comment; approved means the lead says it is done; a coordinator's cancellation withdraws it.
/// </summary>
internal sealed class TranslationRequestOutcomes(TrainingDbContext db, IWorkflowWithdrawals withdrawals, TimeProvider clock)
    : IIntegrationEventHandler<WorkflowCompleted>, IIntegrationEventHandler<WorkflowChangesRequested>,
      IIntegrationEventHandler<WorkflowRejected>, IIntegrationEventHandler<WorkflowCancelled>
{
    public Task HandleAsync(WorkflowCompleted e, IntegrationEventContext context, CancellationToken cancellationToken)
        => CloseAsync(e.SubjectType, e.SubjectId, TranslationRequestStatus.Fulfilled, null, cancellationToken);

    public async Task HandleAsync(WorkflowChangesRequested e, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        if (await CloseAsync(e.SubjectType, e.SubjectId, TranslationRequestStatus.Declined, e.Comment, cancellationToken))
        {
            // The workflow would wait for a resubmission that never comes: it ends here.
            await withdrawals.WithdrawAsync(e.SubjectType, e.SubjectId, e.Comment, cancellationToken);
        }
    }

    public Task HandleAsync(WorkflowRejected e, IntegrationEventContext context, CancellationToken cancellationToken)
        => CloseAsync(e.SubjectType, e.SubjectId, TranslationRequestStatus.Declined, e.Comment, cancellationToken);

    public Task HandleAsync(WorkflowCancelled e, IntegrationEventContext context, CancellationToken cancellationToken)
        => CloseAsync(e.SubjectType, e.SubjectId, TranslationRequestStatus.Withdrawn, e.Reason, cancellationToken);

    private async Task<bool> CloseAsync(string subjectType, Guid id, TranslationRequestStatus status, string? comment, CancellationToken cancellationToken)
    {
        if (subjectType != TrainingConsts.TranslationRequestSubjectType)
        {
            return false;
        }
        var request = await db.TranslationRequests.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is not { IsOpen: true })
        {
            return false;
        }
        request.Close(status, clock.GetUtcNow().UtcDateTime, comment);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}

/// <summary>The translation request, seeded once: one stage, any lead of an authoring partner.</summary>
internal static class DefaultTranslationRequestWorkflow
{
    public static PublishWorkflowDefinitionRequest Definition => new(
        TrainingConsts.TranslationRequestWorkflow,
        new LocalizedName("Translation request", "Kërkesë për përkthim", "Zahtev za prevod", null),
        TrainingConsts.TranslationRequestSubjectType,
        [
            new WorkflowStageDto("translate", StageKind.Approval,
                new LocalizedName("Translation by the authoring partner", "Përkthimi nga partneri autor", "Prevod partnera autora", null),
                [new AssigneeRule(AssigneeKinds.AuthoringPartnerLeads)], new DecisionRule(DecisionRuleKind.Any),
                new StageDeadline(20, WorkingDays: true, RemindHoursBefore: 48, Escalation: EscalationKind.None)),
        ]);
}
