using System.Security.Claims;
using Consortium.Portal.Notifications.Data;
using Consortium.Portal.Platform.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Consortium.Portal.Notifications.Api;

/// <summary>
/// A coordinator's (or administrator's) word to chosen people, or a partner lead's to the staff of their partner. It
/// goes through the outbox like any module's notification, so the request returns as soon as it is committed.
/// </summary>
internal static class AnnouncementEndpoint
{
    // The input was checked by AnnouncementInputValidator before this runs (the Platform's RequestValidationFilter).
    public static async Task<Accepted> SendAsync(
        AnnouncementInput input,
        ICurrentUser user,
        INotificationSender notifications,
        NotificationsDbContext db,
        CancellationToken cancellationToken)
    {
        var sender = user.Principal.FindFirstValue(PortalClaimTypes.DisplayName) is { Length: > 0 } displayName ? displayName : user.UserName ?? "";
        notifications.Send(new NotificationRequest(
            NotificationTypes.Announcement.Name,
            (input.RecipientIds ?? []).Distinct().ToList(),
            new Dictionary<string, string> { ["sender"] = sender, ["subject"] = input.Subject!.Trim(), ["message"] = input.Message!.Trim() },
            input.Link));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Accepted((string?)null);
    }
}
