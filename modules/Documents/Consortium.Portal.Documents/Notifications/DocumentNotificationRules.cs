using System.Globalization;
using Consortium.Portal.Documents.Application;
using Consortium.Portal.Identity;
using Consortium.Portal.Notifications;

namespace Consortium.Portal.Documents.Notifications;

/// <summary>
/// Turns the Documents module's events into notifications. The events already name their recipients (the module knows
/// who follows, who muted, who was mentioned); the rules add the people's names and the link.
/// </summary>
internal sealed class DocumentNotificationRules(IUserDirectory users) :
    INotificationRule<ReviewRequested>,
    INotificationRule<ReviewAnswered>,
    INotificationRule<ReviewDueSoon>,
    INotificationRule<DocumentCommentAdded>,
    INotificationRule<DocumentMemberMentioned>,
    INotificationRule<FollowedDocumentChanged>
{
    public async Task<IReadOnlyList<NotificationRequest>> NotificationsForAsync(ReviewRequested e, CancellationToken cancellationToken)
    {
        var reviewers = e.ReviewerIds.Where(id => id != e.RequestedBy).Distinct().ToList();
        if (reviewers.Count == 0)
        {
            return [];
        }
        var parameters = new Dictionary<string, string>
        {
            ["document"] = e.DocumentName,
            ["version"] = e.VersionNumber.ToString(CultureInfo.InvariantCulture),
            ["dueDate"] = e.DueDate.ToString(NotificationTypeDefinition.DateFormat, CultureInfo.InvariantCulture),
        };
        await AddPersonAsync(parameters, "requester", e.RequestedBy, cancellationToken);
        if (!string.IsNullOrWhiteSpace(e.Message))
        {
            parameters["message"] = Shorten(e.Message);
        }
        return [new NotificationRequest(DocumentNotificationTypes.ReviewRequested.Name, reviewers, parameters, DocumentLinks.Reviews(e.DocumentId))];
    }

    public async Task<IReadOnlyList<NotificationRequest>> NotificationsForAsync(ReviewAnswered e, CancellationToken cancellationToken)
    {
        var type = e.Decision switch
        {
            ReviewDecision.Approved => DocumentNotificationTypes.ReviewApproved,
            ReviewDecision.ChangesRequested => DocumentNotificationTypes.ChangesRequested,
            _ => null,
        };
        if (type is null || e.ReviewerId == e.RequestedBy)
        {
            return [];
        }
        var parameters = new Dictionary<string, string> { ["document"] = e.DocumentName };
        await AddPersonAsync(parameters, "reviewer", e.ReviewerId, cancellationToken);
        return [new NotificationRequest(type.Name, [e.RequestedBy], parameters, DocumentLinks.Reviews(e.DocumentId))];
    }

    public Task<IReadOnlyList<NotificationRequest>> NotificationsForAsync(ReviewDueSoon e, CancellationToken cancellationToken)
        => Task.FromResult<IReadOnlyList<NotificationRequest>>(
        [
            new NotificationRequest(DocumentNotificationTypes.ReviewDue.Name, [e.ReviewerId],
                new Dictionary<string, string>
                {
                    ["document"] = e.DocumentName,
                    ["dueDate"] = e.DueDate.ToString(NotificationTypeDefinition.DateFormat, CultureInfo.InvariantCulture),
                },
                DocumentLinks.Reviews(e.DocumentId)),
        ]);

    public async Task<IReadOnlyList<NotificationRequest>> NotificationsForAsync(DocumentCommentAdded e, CancellationToken cancellationToken)
        => await ByAuthorAsync(DocumentNotificationTypes.CommentAdded, e.DocumentId, e.DocumentName, e.AuthorId, e.RecipientIds, cancellationToken);

    public async Task<IReadOnlyList<NotificationRequest>> NotificationsForAsync(DocumentMemberMentioned e, CancellationToken cancellationToken)
        => await ByAuthorAsync(DocumentNotificationTypes.Mentioned, e.DocumentId, e.DocumentName, e.AuthorId, e.MentionedUserIds, cancellationToken);

    public async Task<IReadOnlyList<NotificationRequest>> NotificationsForAsync(FollowedDocumentChanged e, CancellationToken cancellationToken)
    {
        var recipients = e.RecipientIds.Where(id => id != e.AuthorId).Distinct().ToList();
        if (recipients.Count == 0)
        {
            return [];
        }
        var parameters = new Dictionary<string, string>
        {
            ["document"] = e.DocumentName,
            ["version"] = e.VersionNumber.ToString(CultureInfo.InvariantCulture),
        };
        await AddPersonAsync(parameters, "author", e.AuthorId, cancellationToken);
        return [new NotificationRequest(DocumentNotificationTypes.NewVersion.Name, recipients, parameters, DocumentLinks.Page(e.DocumentId))];
    }

    private async Task<IReadOnlyList<NotificationRequest>> ByAuthorAsync(
        NotificationTypeDefinition type, Guid documentId, string documentName, Guid authorId, IReadOnlyList<Guid> recipientIds, CancellationToken cancellationToken)
    {
        var recipients = recipientIds.Where(id => id != authorId).Distinct().ToList();
        if (recipients.Count == 0)
        {
            return [];
        }
        var parameters = new Dictionary<string, string> { ["document"] = documentName };
        await AddPersonAsync(parameters, "author", authorId, cancellationToken);
        return [new NotificationRequest(type.Name, recipients, parameters, DocumentLinks.Comments(documentId))];
    }

    /// <summary>
    /// The person's name as <paramref name="parameter"/>; someone no longer in the directory still did what the event
    /// says, and is named "Former member" in each reader's language (a parameter the renderer translates).
    /// </summary>
    private async Task AddPersonAsync(Dictionary<string, string> parameters, string parameter, Guid userId, CancellationToken cancellationToken)
    {
        var user = await users.FindUserAsync(userId, cancellationToken);
        if (user is null)
        {
            parameters[parameter + NotificationTypeDefinition.TranslatedSuffix] = "Member:Unknown";
            return;
        }
        parameters[parameter] = string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email : user.DisplayName;
    }

    // A long review message belongs on the document page; the notification carries its start.
    private static string Shorten(string text)
    {
        var single = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return single.Length <= 280 ? single : single[..279] + "…";
    }
}
