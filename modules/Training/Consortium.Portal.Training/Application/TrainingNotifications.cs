using Consortium.Portal.Identity;
using Consortium.Portal.Notifications;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Training.Api;
using Consortium.Portal.Training.Data;
using Consortium.Portal.Workflows;
using Microsoft.EntityFrameworkCore;

namespace Consortium.Portal.Training.Application;

internal static class TrainingNotificationTypes
{
    /// <summary>"A new material in {language}: {title}" to those who follow one of its topics, audiences or its language.</summary>
    public static readonly NotificationTypeDefinition MaterialPublished = new(
        "training.material-published", typeof(TrainingResource),
        titleKey: "Notification:MaterialPublished:Title",
        bodyKey: "Notification:MaterialPublished:Body",
        requiredParameters: ["material", "language"],
        defaultDelivery: NotificationDelivery.InApp);

    /// <summary>
    /// "{requestedBy} asks for {material} in {language}" to the authoring partners' leads: the one notice of the request's
    /// task (the engine does not announce it again), so it links to the task inbox and is e-mailed at once by default, as
    /// the engine's "your approval is asked" is.
    /// </summary>
    public static readonly NotificationTypeDefinition TranslationRequested = new(
        "training.translation-requested", typeof(TrainingResource),
        titleKey: "Notification:TranslationRequested:Title",
        bodyKey: "Notification:TranslationRequested:Body",
        requiredParameters: ["material", "language", "requestedBy"],
        defaultDelivery: NotificationDelivery.EmailImmediately,
        optionalParameters: ["message"]);
}

/// <summary>A published material reaches whoever follows one of its topics, audiences or its language, once each.</summary>
internal sealed class MaterialPublishedRule(TrainingDbContext db) : INotificationRule<TrainingMaterialPublished>
{
    public async Task<IReadOnlyList<NotificationRequest>> NotificationsForAsync(TrainingMaterialPublished e, CancellationToken cancellationToken)
    {
        var topics = e.Topics.ToList();
        var audiences = e.Audiences.Select(a => a.ToString()).ToList();
        var followers = await db.Follows.AsNoTracking()
            .Where(f => (f.Kind == FollowKind.Topic && topics.Contains(f.Value))
                        || (f.Kind == FollowKind.Audience && audiences.Contains(f.Value))
                        || (f.Kind == FollowKind.Language && f.Value == e.Language))
            .Select(f => f.UserId).Distinct().ToListAsync(cancellationToken);
        return followers.Count == 0
            ? []
            : [new NotificationRequest(TrainingNotificationTypes.MaterialPublished.Name, followers,
                new Dictionary<string, string> { ["material"] = e.Title, ["language:t"] = "Language." + e.Language },
                TrainingPaths.MaterialPage(e.MaterialId))];
    }
}

/// <summary>
/// A translation request is a task for the leads of the material's authoring partners: this is its one notice, with who
/// asked and their message, linking to the task inbox (the translation request workflow sends no task notice of its own).
/// </summary>
internal sealed class TranslationRequestedRule(IUserDirectory users) : INotificationRule<TrainingTranslationRequested>
{
    public async Task<IReadOnlyList<NotificationRequest>> NotificationsForAsync(TrainingTranslationRequested e, CancellationToken cancellationToken)
    {
        var leads = (await users.GetPartnerStaffAsync(e.AuthoringPartnerIds.ToList(), cancellationToken))
            .Where(u => !u.IsDisabled && u.Roles.Contains(PortalRoles.PartnerLead)).Select(u => u.Id).ToList();
        var requester = await users.FindUserAsync(e.RequestedBy, cancellationToken);
        if (leads.Count == 0)
        {
            return [];
        }
        var parameters = new Dictionary<string, string>
        {
            ["material"] = e.Title, ["language:t"] = "Language." + e.Language, ["requestedBy"] = requester?.DisplayName ?? "",
        };
        if (e.Message is { } message)
        {
            parameters["message"] = message;
        }
        return [new NotificationRequest(TrainingNotificationTypes.TranslationRequested.Name, leads, parameters, WorkflowLinks.TaskInbox)];
    }
}
