using Consortium.Portal.Documents;
using Consortium.Portal.Identity;
using Consortium.Portal.Meetings.Application;
using Consortium.Portal.Meetings.Data;
using Consortium.Portal.Meetings.Domain;
using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Events;
using Consortium.Portal.Workflows;
using Consortium.Portal.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Consortium.Portal.Meetings.Minutes;

/// <summary>
/// Minutes approval through the Workflows module: the closed meeting's minutes go to the seeded definition, in which the
/// leads of every partner present approve (all of them) and any of them may ask for changes; on completion the minutes
/// are locked.
/// </summary>
internal static class MinutesWorkflow
{
    public const string SubjectType = "meetings.minutes";
    public const string DefinitionKey = "meetings.minutes-approval";

    public static PublishWorkflowDefinitionRequest Definition => new(
        DefinitionKey,
        new LocalizedName("Minutes approval", "Miratimi i procesverbalit", "Odobravanje zapisnika", null),
        SubjectType,
        [
            new WorkflowStageDto("attending-leads", StageKind.Approval,
                new LocalizedName("The attending partners' leads approve", "Drejtuesit e partnerëve të pranishëm miratojnë", "Rukovodioci prisutnih partnera odobravaju", null),
                [new AssigneeRule(AssigneeKinds.AuthoringPartnerLeads)],
                new DecisionRule(DecisionRuleKind.All)),
        ]);
}

/// <summary>The minutes as a workflow subject: their "authoring partners" are the partners present at the meeting.</summary>
internal sealed class MinutesSubjects(MeetingsDbContext db) : IWorkflowSubjectType
{
    public string Name => MinutesWorkflow.SubjectType;
    public Type LocalizationResource => typeof(MeetingsResource);
    public string DisplayNameKey => "Workflow.Subject";
    public IReadOnlyList<string> ConditionFields => [];

    public async Task<WorkflowSubject?> DescribeAsync(Guid subjectId, CancellationToken cancellationToken = default)
    {
        var meeting = await db.Meetings.AsNoTracking().Include(m => m.Attendees).Include(m => m.Participants).AsSplitQuery()
            .SingleOrDefaultAsync(m => m.Id == subjectId, cancellationToken);
        if (meeting is null)
        {
            return null;
        }
        // Without recorded attendance, those who said they would come stand for the partners present.
        var partners = (meeting.Attendees.Count > 0
                ? meeting.Attendees.Select(a => a.PartnerOrganisationId)
                : meeting.Participants.Where(p => p.Answer == RsvpAnswer.Yes).Select(p => p.PartnerOrganisationId))
            .OfType<Guid>().Distinct().ToList();
        return new WorkflowSubject(meeting.Id, meeting.Title, Api.MeetingsPaths.MeetingPage(meeting.Id), [meeting.OrganiserId], partners,
            meeting.WorkspaceId, new Dictionary<string, string>());
    }
}

internal sealed class MinutesApproval(MeetingsDbContext db, MeetingAccess access, IWorkflows workflows, SharedTransaction sharedTransaction, TimeProvider clock)
{
    /// <summary>
    /// Sends a closed meeting's minutes for approval, or back after the changes asked for. The meeting's submission and
    /// the workflow's start are one transaction (<see cref="SharedTransaction"/>): a refused start (one already running:
    /// 409) or a crash between the two leaves neither. The meeting's save under its stamp comes first, so of a submit and a
    /// concurrent reopening only one stands.
    /// </summary>
    public async Task SubmitAsync(Guid meetingId, CancellationToken cancellationToken = default)
    {
        var meeting = await db.Meetings.SingleOrDefaultAsync(m => m.Id == meetingId, cancellationToken)
                      ?? throw new EntityNotFoundException(nameof(ForumMeeting), meetingId);
        await access.RequireAsync(meeting, WorkspaceAction.Edit, cancellationToken);
        meeting.SubmitMinutes(clock.GetUtcNow().UtcDateTime);
        var current = await workflows.FindForSubjectAsync(MinutesWorkflow.SubjectType, meetingId, cancellationToken);
        await sharedTransaction.RunAsync(db, async () =>
        {
            await db.SaveChangesAsync(cancellationToken);
            if (current?.Status == WorkflowStatus.ChangesRequested)
            {
                await workflows.ResubmitAsync(MinutesWorkflow.SubjectType, meetingId, null, cancellationToken);
            }
            else
            {
                await workflows.StartAsync(new StartWorkflowRequest(MinutesWorkflow.SubjectType, meetingId, MinutesWorkflow.DefinitionKey), cancellationToken);
            }
            return true;
        }, cancellationToken);
    }
}

/// <summary>
/// The leads approved: the minutes are locked, then their .docx is kept in the meeting's workspace. Each step looks at
/// what is done already, so a redelivered event neither approves nor stores twice.
/// </summary>
internal sealed class MinutesApprovedHandler(MeetingsDbContext db, MinutesArchive archive) : IIntegrationEventHandler<WorkflowCompleted>
{
    public async Task HandleAsync(WorkflowCompleted integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        if (integrationEvent.SubjectType != MinutesWorkflow.SubjectType)
        {
            return;
        }
        var meeting = await db.Meetings.SingleOrDefaultAsync(m => m.Id == integrationEvent.SubjectId, cancellationToken);
        if (meeting is null)
        {
            return;
        }
        if (!meeting.MinutesApproved)
        {
            meeting.ApproveMinutes();
            await db.SaveChangesAsync(cancellationToken);
        }
        await archive.KeepAsync(meeting, cancellationToken);
    }
}

/// <summary>
/// Keeps approved minutes as a .docx in the meeting's workspace (the "Minutes" folder, in the organiser's language), stored
/// by the system on the organiser's behalf. The document and the meeting's link to it are saved in one transaction, so
/// the link says exactly whether the minutes are kept: a crash between the two leaves neither, and the event's next
/// delivery stores them once.
/// </summary>
internal sealed class MinutesArchive(
    MeetingsDbContext db,
    SharedTransaction sharedTransaction,
    IDocumentStorage storage,
    MinutesExport export,
    IUserDirectory users,
    IWorkspaceAccess workspaces,
    ILogger<MinutesArchive> logger)
{
    public async Task KeepAsync(ForumMeeting meeting, CancellationToken cancellationToken)
    {
        if (!meeting.MinutesApproved || meeting.MinutesDocumentId is not null)
        {
            return;
        }
        // Asked before the transaction: a refusal inside it would write its audit line on a connection of its own.
        if (!await workspaces.CanAsync(meeting.WorkspaceId, meeting.OrganiserId, WorkspaceAction.Edit, cancellationToken))
        {
            // Nobody to keep them for: the minutes stay approved, and the meeting's page still offers the .docx.
            logger.LogWarning("The organiser of meeting {MeetingId} may no longer edit its workspace; its approved minutes are not kept there", meeting.Id);
            return;
        }
        var culture = (await users.FindUserAsync(meeting.OrganiserId, cancellationToken))?.PreferredCulture ?? "en";
        var (content, fileName, folder) = await export.ForWorkspaceAsync(meeting.Id, culture, cancellationToken);
        await sharedTransaction.RunAsync(db, async () =>
        {
            using var stream = new MemoryStream(content, writable: false);
            var stored = await storage.StoreForUserAsync(meeting.OrganiserId, meeting.WorkspaceId, folder, fileName, stream, cancellationToken);
            meeting.KeepMinutesAs(stored.DocumentId);
            await db.SaveChangesAsync(cancellationToken);
            return stored.DocumentId;
        }, cancellationToken);
    }
}
