using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Notifications;
using Consortium.Portal.Platform.Security;
using static Consortium.Portal.IntegrationTests.Matrix.MatrixRequests;

namespace Consortium.Portal.IntegrationTests.Matrix.Rows;

/// <summary>
/// The Notifications module: each signed-in user's own inbox and preferences, and its hub; sending an announcement
/// needs a permission (partner leads and the managers by default).
/// </summary>
public sealed class NotificationsMatrixRows : IEndpointMatrixRows
{
    private const string Api = NotificationsPaths.Api;

    public IEnumerable<MatrixRow> Rows() =>
    [
        MatrixRow.Http("GET", $"{Api}/", Expect.SignedIn, _ => Get(Api)),
        MatrixRow.Http("GET", $"{Api}/unread-count", Expect.SignedIn, _ => Get($"{Api}/unread-count")),
        MatrixRow.Http("POST", $"{Api}/{{id:guid}}/read", Expect.SignedIn, c => Send(HttpMethod.Post, $"{Api}/{c.Scene.NotificationOf(c.Caller)}/read")),
        MatrixRow.Http("POST", $"{Api}/read-all", Expect.SignedIn, _ => Send(HttpMethod.Post, $"{Api}/read-all")),
        MatrixRow.Http("GET", $"{Api}/types", Expect.SignedIn, _ => Get($"{Api}/types")),
        MatrixRow.Http("GET", $"{Api}/preferences", Expect.SignedIn, _ => Get($"{Api}/preferences")),
        MatrixRow.Http("PUT", $"{Api}/preferences", Expect.SignedIn, _ => Json(HttpMethod.Put, $"{Api}/preferences",
            new NotificationPreferencesUpdate(new Dictionary<string, NotificationDelivery> { ["notifications.announcement"] = NotificationDelivery.DailyDigest }))),
        // A partner lead announces to their own partner's staff: the recipient is one of the caller's colleagues.
        MatrixRow.Http("POST", $"{Api}/announcements", Expect.Roles(PortalRoles.Administrator, PortalRoles.Coordinator, PortalRoles.PartnerLead), async c =>
        {
            var partner = c.Caller == Caller.Anonymous ? null : c.Scene.Person(c.Caller).PartnerId;
            var recipient = await c.Scene.Portal.CreateUserAsync($"recipient.{Guid.NewGuid():N}@example.org", PortalRoles.Member, partner, password: null);
            return Json(HttpMethod.Post, $"{Api}/announcements", new AnnouncementInput("Matrix", "Who may announce", [recipient], null));
        }),

        MatrixRow.Hub(NotificationsPaths.Hub, NotificationsHubProtocol.Ping, Expect.SignedIn, _ => Task.FromResult<object?[]>([0L])),
        MatrixRow.Hub(NotificationsPaths.Hub, NotificationsHubProtocol.Subscribe, Expect.SignedIn, c => Task.FromResult<object?[]>([c.Person!.Id])),
        MatrixRow.Hub(NotificationsPaths.Hub, NotificationsHubProtocol.Unwatch, Expect.SignedIn, _ => Task.FromResult<object?[]>(["documents.document", Guid.NewGuid()])),
        MatrixRow.Hub(NotificationsPaths.Hub, NotificationsHubProtocol.MarkRead, Expect.SignedIn, c => Task.FromResult<object?[]>([c.Scene.NotificationOf(c.Caller)])),
    ];
}
