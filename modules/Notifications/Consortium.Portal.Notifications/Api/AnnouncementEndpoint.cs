using System.Security.Claims;
using Consortium.Portal.Notifications.Data;
using Consortium.Portal.Notifications.Delivery;
using Consortium.Portal.Platform.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Notifications.Api;

/// <summary>
/// A coordinator's (or administrator's) word to chosen people, or a partner lead's to the staff of their partner. It
/// goes through the outbox like any module's notification, so the request returns as soon as it is committed.
/// </summary>
internal static class AnnouncementEndpoint
{
    public const int MaxSubjectLength = 200;
    public const int MaxMessageLength = NotificationRequest.MaxParameterLength;

    public static async Task<Results<Accepted, ValidationProblem>> SendAsync(
        AnnouncementInput input,
        ICurrentUser user,
        RecipientDirectory directory,
        INotificationSender notifications,
        NotificationsDbContext db,
        IStringLocalizer<NotificationsResource> text,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var subject = input.Subject?.Trim() ?? "";
        var message = input.Message?.Trim() ?? "";
        if (subject.Length == 0) errors["subject"] = [text["Validation:Required"]];
        else if (subject.Length > MaxSubjectLength) errors["subject"] = [text["Validation:TooLong", MaxSubjectLength]];
        if (message.Length == 0) errors["message"] = [text["Validation:Required"]];
        else if (message.Length > MaxMessageLength) errors["message"] = [text["Validation:TooLong", MaxMessageLength]];
        if (input.Link is { } link && !NotificationTypeRegistry.IsPortalPath(link)) errors["link"] = [text["Validation:Link"]];

        var recipientIds = (input.RecipientIds ?? []).Distinct().ToList();
        if (recipientIds.Count == 0)
        {
            errors["recipientIds"] = [text["Validation:NoRecipients"]];
        }
        else if (recipientIds.Count > NotificationRequest.MaxRecipients)
        {
            errors["recipientIds"] = [text["Validation:TooManyRecipients", NotificationRequest.MaxRecipients]];
        }
        else
        {
            var recipients = await directory.GetKnownAsync(recipientIds, cancellationToken);
            if (recipients.Count != recipientIds.Count)
            {
                errors["recipientIds"] = [text["Validation:UnknownRecipients", recipientIds.Count - recipients.Count]];
            }
            else if (!user.IsInRole(PortalRoles.Administrator) && !user.IsInRole(PortalRoles.Coordinator)
                     && recipients.Any(r => r.PartnerOrganisationId is null || r.PartnerOrganisationId != user.PartnerOrganisationId))
            {
                errors["recipientIds"] = [text["Validation:OwnPartnerOnly"]];
            }
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var sender = user.Principal.FindFirstValue(PortalClaimTypes.DisplayName) is { Length: > 0 } displayName ? displayName : user.UserName ?? "";
        notifications.Send(new NotificationRequest(
            NotificationTypes.Announcement.Name,
            recipientIds,
            new Dictionary<string, string> { ["sender"] = sender, ["subject"] = subject, ["message"] = message },
            input.Link));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Accepted((string?)null);
    }
}
