using System.Globalization;
using Consortium.Portal.Notifications.Delivery;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Notifications.Api;

/// <summary>The inbox API: every signed-in user reads and manages their own notifications and preferences.</summary>
internal static class NotificationEndpoints
{
    public static IEndpointRouteBuilder MapNotificationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(NotificationsPaths.Api)
            .WithTags("Notifications")
            .RequireAuthorization();

        group.MapGet("/", ListAsync)
            .WithName("ListNotifications")
            .WithSummary("The caller's notifications, newest first, rendered in the request's language")
            .WithDescription("Filters: module, type, unread=true. page starts at 1; pageSize is at most 200. after=<notification id or ISO 8601 instant> " +
                             "lists only what came after it (with two seconds of overlap; clients drop what they have by id): the catch-up after a reconnect.");
        group.MapGet("/unread-count", UnreadCountAsync).WithName("CountUnreadNotifications").WithSummary("How many of the caller's notifications are unread");
        group.MapPost("/{id:guid}/read", MarkReadAsync).WithName("MarkNotificationRead").WithSummary("Marks one of the caller's notifications read");
        group.MapPost("/read-all", MarkAllReadAsync).WithName("MarkAllNotificationsRead")
            .WithSummary("Marks all of the caller's notifications read (of one module or type, when given in the query)");
        group.MapGet("/types", Types).WithName("ListNotificationTypes").WithSummary("The notification types, with their names in the request's language");
        group.MapGet("/preferences", GetPreferencesAsync).WithName("GetNotificationPreferences").WithSummary("The caller's delivery choice per notification type");
        group.MapPut("/preferences", SetPreferencesAsync).WithName("SetNotificationPreferences")
            .WithSummary("Changes the caller's delivery choice of some types: InApp, EmailImmediately, DailyDigest or Off");
        group.MapPost("/announcements", AnnouncementEndpoint.SendAsync)
            .RequirePermission(NotificationsPermissions.Announcements.Send)
            .WithName("SendAnnouncement")
            .WithSummary("Sends an announcement to chosen people; a partner lead to the staff of their own partner only");
        return endpoints;
    }

    private static Guid Caller(ICurrentUser user)
        => user.Id ?? throw new ForbiddenException("The signed-in principal has no user id.");

    // The parameters were checked by InboxQueryValidator before this runs (the Platform's RequestValidationFilter).
    private static async Task<Ok<NotificationPageDto>> ListAsync(
        [AsParameters] InboxQueryParameters parameters,
        NotificationInbox inbox,
        ICurrentUser user,
        IStringLocalizer<NotificationsResource> text,
        CancellationToken cancellationToken)
    {
        var page = await inbox.GetPageAsync(Caller(user), parameters.ToQuery(), CultureInfo.CurrentUICulture, cancellationToken);
        // Whether the cursor is one of the caller's own notifications is known only on reading the inbox.
        return page is null
            ? throw RequestValidationException.For("after", text["Validation:AfterUnknown"])
            : TypedResults.Ok(page);
    }

    private static async Task<Ok<UnreadCountDto>> UnreadCountAsync(NotificationInbox inbox, ICurrentUser user, CancellationToken cancellationToken)
        => TypedResults.Ok(new UnreadCountDto(await inbox.UnreadCountAsync(Caller(user), cancellationToken)));

    private static async Task<Results<NoContent, NotFound>> MarkReadAsync(Guid id, NotificationInbox inbox, ICurrentUser user, CancellationToken cancellationToken)
        => await inbox.MarkReadAsync(Caller(user), id, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<Ok<UnreadCountDto>> MarkAllReadAsync(string? module, string? type, NotificationInbox inbox, ICurrentUser user, CancellationToken cancellationToken)
    {
        var userId = Caller(user);
        await inbox.MarkAllReadAsync(userId, module, type, cancellationToken);
        return TypedResults.Ok(new UnreadCountDto(await inbox.UnreadCountAsync(userId, cancellationToken)));
    }

    private static Ok<IReadOnlyList<NotificationTypeDto>> Types(NotificationInbox inbox)
        => TypedResults.Ok(inbox.Types(CultureInfo.CurrentUICulture));

    private static async Task<Ok<IReadOnlyList<NotificationPreferenceDto>>> GetPreferencesAsync(NotificationInbox inbox, ICurrentUser user, CancellationToken cancellationToken)
        => TypedResults.Ok(await inbox.GetPreferencesAsync(Caller(user), CultureInfo.CurrentUICulture, cancellationToken));

    // The body was checked by NotificationPreferencesUpdateValidator before this runs.
    private static async Task<Ok<IReadOnlyList<NotificationPreferenceDto>>> SetPreferencesAsync(
        NotificationPreferencesUpdate body,
        NotificationInbox inbox,
        ICurrentUser user,
        CancellationToken cancellationToken)
    {
        var userId = Caller(user);
        await inbox.SetPreferencesAsync(userId, body.Deliveries!, cancellationToken);
        return TypedResults.Ok(await inbox.GetPreferencesAsync(userId, CultureInfo.CurrentUICulture, cancellationToken));
    }
}
