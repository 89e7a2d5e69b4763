using System.Net;
using System.Net.Http.Json;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Notifications;
using Consortium.Portal.Platform.Security;

namespace Consortium.Portal.IntegrationTests.Notifications;

/// <summary>Every endpoint of the inbox API against every role and an anonymous caller: a new endpoint without a check fails here.</summary>
public abstract class NotificationsAuthorizationTests<TPortal, TDatabase>(TPortal portal) : IClassFixture<TPortal>
    where TPortal : NotificationsPortal<TDatabase>
    where TDatabase : PortalAppFactory, new()
{
    private const string Api = NotificationsPaths.Api;

    public static TheoryData<string> Endpoints =>
    [
        "GET /",
        "GET /unread-count",
        "POST /{id}/read",
        "POST /read-all",
        "GET /types",
        "GET /preferences",
        "PUT /preferences",
        "POST /announcements",
    ];

    public static TheoryData<string, string> EndpointsByRole
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var endpoint in Endpoints)
            {
                foreach (var role in PortalRoles.All)
                {
                    data.Add(endpoint, role);
                }
            }
            return data;
        }
    }

    /// <summary>What each role may do; everything else is refused with 403.</summary>
    private static bool IsAllowed(string endpoint, string role) => endpoint switch
    {
        "POST /announcements" => role is PortalRoles.Administrator or PortalRoles.Coordinator or PortalRoles.PartnerLead,
        _ => true,
    };

    private async Task<HttpResponseMessage> CallAsync(HttpClient client, string endpoint, TestPerson? caller)
    {
        var notificationId = Guid.NewGuid();
        if (caller is not null && endpoint == "POST /{id}/read")
        {
            await portal.SendAnnouncementAsync("For the matrix", caller);
            await portal.DeliverAsync();
            notificationId = (await (await client.GetAsync(Api)).Content.ReadFromJsonAsync<NotificationPageDto>())!.Items[0].Id;
        }
        var recipient = portal.Person(PortalRoles.Member, caller?.PartnerId);
        return endpoint switch
        {
            "GET /" => await client.GetAsync(Api),
            "GET /unread-count" => await client.GetAsync($"{Api}/unread-count"),
            "POST /{id}/read" => await client.PostAsync($"{Api}/{notificationId}/read", null),
            "POST /read-all" => await client.PostAsync($"{Api}/read-all", null),
            "GET /types" => await client.GetAsync($"{Api}/types"),
            "GET /preferences" => await client.GetAsync($"{Api}/preferences"),
            "PUT /preferences" => await client.PutAsJsonAsync($"{Api}/preferences",
                new NotificationPreferencesUpdate(new Dictionary<string, NotificationDelivery> { ["notifications.announcement"] = NotificationDelivery.DailyDigest })),
            "POST /announcements" => await client.PostAsJsonAsync($"{Api}/announcements",
                new AnnouncementInput("Matrix", "Who may announce", [recipient.Id], null)),
            _ => throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, "Not an endpoint of the matrix."),
        };
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task An_anonymous_caller_is_refused_with_401(string endpoint)
    {
        var response = await CallAsync(portal.Anonymous(), endpoint, null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(EndpointsByRole))]
    public async Task Each_role_is_allowed_or_refused_with_403(string endpoint, string role)
    {
        var caller = portal.Person(role, role == PortalRoles.PartnerLead ? Guid.NewGuid() : null);

        var response = await CallAsync(portal.SignedIn(caller), endpoint, caller);

        if (IsAllowed(endpoint, role))
        {
            Assert.True(response.IsSuccessStatusCode, $"{endpoint} as {role}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        else
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }
}

public sealed class NotificationsAuthorizationTests_Sqlite(NotificationsSqlitePortal portal)
    : NotificationsAuthorizationTests<NotificationsSqlitePortal, SqlitePortal>(portal);

public sealed class NotificationsAuthorizationTests_PostgreSql(NotificationsPostgreSqlPortal portal)
    : NotificationsAuthorizationTests<NotificationsPostgreSqlPortal, PostgreSqlPortal>(portal);
