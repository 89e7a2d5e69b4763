using Consortium.Portal.Identity;
using Consortium.Portal.Notifications;
using Consortium.Portal.Platform.Localization;
using Consortium.Portal.Workflows.Components;
using Consortium.Portal.Workflows.Api;
using Consortium.Portal.Workflows.Domain;

namespace Consortium.Portal.Workflows.Notifications;

internal static class WorkflowNotificationTypes
{
    public static readonly NotificationTypeDefinition TaskAssigned = new(
        "workflows.task-assigned", typeof(WorkflowsResource),
        titleKey: "Notification:TaskAssigned:Title", bodyKey: "Notification:TaskAssigned:Body",
        requiredParameters: ["subject", "workflow"], defaultDelivery: NotificationDelivery.EmailImmediately);

    public static readonly NotificationTypeDefinition TaskReminder = new(
        "workflows.task-reminder", typeof(WorkflowsResource),
        titleKey: "Notification:TaskReminder:Title", bodyKey: "Notification:TaskReminder:Body",
        requiredParameters: ["subject", "workflow"], defaultDelivery: NotificationDelivery.EmailImmediately);

    /// <summary>A stage past its deadline, once per stage and escalation: which stage, how many decisions, whose.</summary>
    public static readonly NotificationTypeDefinition TaskEscalated = new(
        "workflows.task-escalated", typeof(WorkflowsResource),
        titleKey: "Notification:TaskEscalated:Title", bodyKey: "Notification:TaskEscalated:Body",
        requiredParameters: ["subject", "workflow", "stage", "overdue", "waiting"], defaultDelivery: NotificationDelivery.EmailImmediately,
        // Notices stored before they named the stage (one per task then) say what they said.
        earlierTitleKey: "Notification:TaskEscalated:EarlierTitle", earlierBodyKey: "Notification:TaskEscalated:EarlierBody");

    public static readonly NotificationTypeDefinition Incident = new(
        "workflows.incident", typeof(WorkflowsResource),
        titleKey: "Notification:Incident:Title", bodyKey: "Notification:Incident:Body",
        requiredParameters: ["subject", "workflow", "reason"]);

    public static readonly NotificationTypeDefinition Outcome = new(
        "workflows.outcome", typeof(WorkflowsResource),
        titleKey: "Notification:Outcome:Title", bodyKey: "Notification:Outcome:Body",
        requiredParameters: ["subject", "workflow", "outcome"], defaultDelivery: NotificationDelivery.EmailImmediately,
        optionalParameters: ["comment"]);

    public static readonly IReadOnlyList<NotificationTypeDefinition> All = [TaskAssigned, TaskReminder, TaskEscalated, Incident, Outcome];
}

/// <summary>
/// Turns what a step of the engine did into notifications, sent with the step's save (the outbox): a new task and a
/// reminder to the assignee, an escalation and an incident to the coordinators, the outcome to the subject's authors
/// and whoever started the workflow.
/// </summary>
internal sealed class WorkflowNotifier(INotificationSender sender, IUserDirectory users)
{
    /// <param name="announceOpenedTasks">False when the subject's module tells the assignees of these tasks itself
    /// (<see cref="IWorkflowSubjectType.AnnouncesStartingTasks"/>, at the start).</param>
    public async Task SendAsync(WorkflowInstance instance, WorkflowDefinition definition, WorkflowSubject subject, IReadOnlyList<Guid> coordinators,
        IEnumerable<EngineEffect> effects, bool announceOpenedTasks = true, CancellationToken cancellationToken = default)
    {
        var parameters = new Dictionary<string, string> { ["subject"] = instance.SubjectTitle };
        InEachLanguage(parameters, "workflow", definition.Name, fallback: definition.Key);
        var instanceLink = WorkflowsPaths.InstancePage(instance.Id);
        foreach (var effect in effects)
        {
            switch (effect)
            {
                case TaskOpened opened when announceOpenedTasks:
                    sender.Send(new NotificationRequest(WorkflowNotificationTypes.TaskAssigned.Name, [opened.Task.AssigneeId], parameters, WorkflowsPaths.InboxPage));
                    break;
                case ReminderDue due:
                    sender.Send(new NotificationRequest(WorkflowNotificationTypes.TaskReminder.Name, [due.Task.AssigneeId], parameters, WorkflowsPaths.InboxPage));
                    break;
                case StageOverdue overdue when overdue.CoordinatorIds.Count > 0:
                    sender.Send(new NotificationRequest(WorkflowNotificationTypes.TaskEscalated.Name, overdue.CoordinatorIds,
                        await OverdueParametersAsync(parameters, definition, overdue, cancellationToken), instanceLink));
                    break;
                case IncidentRaised raised when coordinators.Count > 0:
                    sender.Send(new NotificationRequest(WorkflowNotificationTypes.Incident.Name, coordinators,
                        new Dictionary<string, string>(parameters) { ["reason:t"] = raised.Incident.ReasonKey }, WorkflowsPaths.InstancesPage));
                    break;
                case WorkflowEnded ended:
                    SendOutcome(instance, subject, parameters, "Outcome." + ended.Status, ended.Comment);
                    break;
                case ChangesWereRequested changes:
                    SendOutcome(instance, subject, parameters, "Outcome.ChangesRequested", changes.Comment);
                    break;
            }
        }
    }

    /// <summary>
    /// The stage by its name in each language (as the workflow is named in every notification), the number of overdue decisions and
    /// who owes them; someone the directory no longer knows is counted, and named "someone no longer in the directory".
    /// </summary>
    private async Task<Dictionary<string, string>> OverdueParametersAsync(Dictionary<string, string> parameters, WorkflowDefinition definition,
        StageOverdue overdue, CancellationToken cancellationToken)
    {
        var stage = new DefinitionGraph(definition.Stages)[overdue.StageId].Stage;
        var assignees = overdue.Overdue.Select(t => t.AssigneeId).Distinct().ToList();
        var found = await users.GetUsersAsync(assignees, cancellationToken);
        var names = found.Select(u => string.IsNullOrWhiteSpace(u.DisplayName) ? u.Email : u.DisplayName).Order(StringComparer.CurrentCulture).ToList();
        var withStage = new Dictionary<string, string>(parameters)
        {
            ["overdue"] = overdue.Overdue.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        InEachLanguage(withStage, "stage", stage.Name, fallback: overdue.StageId);
        if (names.Count == assignees.Count)
        {
            withStage["waiting"] = Shorten(string.Join(", ", names));
        }
        else if (names.Count == 0)
        {
            withStage["waiting" + NotificationTypeDefinition.TranslatedSuffix] = "Notification:TaskEscalated:Someone";
        }
        else
        {
            // Rare (an assignee removed from the directory): the known names, and the count says there are more.
            withStage["waiting"] = Shorten(string.Join(", ", names) + ", …");
        }
        return withStage;
    }

    /// <summary>
    /// A name people gave in the four languages, stored whole so each reader's notice (in the bell, the inbox, an e-mail)
    /// names it in their own language when it is rendered: English as the plain parameter (and for any other reader),
    /// the others under <c>{parameter}@{language}</c>; <paramref name="fallback"/> when it has no English name.
    /// </summary>
    private static void InEachLanguage(Dictionary<string, string> parameters, string parameter, LocalizedName? name, string fallback)
    {
        var english = name.In(PortalCultures.English);
        parameters[parameter] = string.IsNullOrWhiteSpace(english) ? fallback : english;
        foreach (var culture in PortalCultures.All.Where(c => c != PortalCultures.English))
        {
            if (name.In(culture) is { Length: > 0 } inCulture && inCulture != parameters[parameter])
            {
                parameters[NotificationTypeDefinition.InLanguage(parameter, culture)] = inCulture;
            }
        }
    }

    private static string Shorten(string text)
        => text.Length > NotificationRequest.MaxParameterLength ? text[..(NotificationRequest.MaxParameterLength - 1)] + "…" : text;

    private void SendOutcome(WorkflowInstance instance, WorkflowSubject subject, Dictionary<string, string> parameters, string outcomeKey, string? comment)
    {
        var recipients = subject.AuthorIds.Concat(instance.StartedBy is { } starter ? [starter] : []).Distinct().ToList();
        if (recipients.Count == 0)
        {
            return;
        }
        var withOutcome = new Dictionary<string, string>(parameters) { ["outcome:t"] = outcomeKey };
        if (!string.IsNullOrWhiteSpace(comment))
        {
            withOutcome["comment"] = comment.Length > NotificationRequest.MaxParameterLength ? comment[..NotificationRequest.MaxParameterLength] : comment;
        }
        sender.Send(new NotificationRequest(WorkflowNotificationTypes.Outcome.Name, recipients, withOutcome, subject.Link ?? WorkflowsPaths.InstancePage(instance.Id)));
    }
}
