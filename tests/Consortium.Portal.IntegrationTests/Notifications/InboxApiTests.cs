using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Notifications;
using Consortium.Portal.Notifications.Data;
using Consortium.Portal.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.IntegrationTests.Notifications;

public abstract class InboxApiTests<TPortal, TDatabase>(TPortal portal) : IClassFixture<TPortal>
    where TPortal : NotificationsPortal<TDatabase>
    where TDatabase : PortalAppFactory, new()
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private const string Api = NotificationsPaths.Api;

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    private async Task<NotificationPageDto> InboxOfAsync(TestPerson person, string query = "")
        => await ReadAsync<NotificationPageDto>(await portal.SignedIn(person).GetAsync($"{Api}?{query}"));

    [Fact]
    public async Task A_user_reads_only_their_own_notifications_newest_first()
    {
        var ana = portal.Person();
        var besnik = portal.Person();
        await portal.SendAnnouncementAsync("Forum meeting moved", ana, besnik);
        await portal.SendAnnouncementAsync("Minutes to approve", ana);
        await portal.DeliverAsync();

        var anas = await InboxOfAsync(ana);
        var besniks = await InboxOfAsync(besnik);

        Assert.Equal(["Announcement from Coordinator: Minutes to approve", "Announcement from Coordinator: Forum meeting moved"], anas.Items.Select(i => i.Title));
        Assert.Equal(2, anas.UnreadCount);
        Assert.Equal("Details of Minutes to approve", anas.Items[0].Body);
        Assert.Equal("/meetings/forum-7", anas.Items[0].Link);
        Assert.Equal("notifications", anas.Items[0].Module);
        Assert.Equal(["Announcement from Coordinator: Forum meeting moved"], besniks.Items.Select(i => i.Title));
        Assert.DoesNotContain(besniks.Items, b => anas.Items.Any(a => a.Id == b.Id));
    }

    [Fact]
    public async Task Pages_split_the_inbox_and_carry_the_totals()
    {
        var reader = portal.Person();
        for (var i = 1; i <= 5; i++)
        {
            await portal.SendAnnouncementAsync($"Item {i}", reader);
        }
        await portal.DeliverAsync();

        var pages = new List<NotificationPageDto>();
        for (var page = 1; page <= 3; page++)
        {
            pages.Add(await InboxOfAsync(reader, $"pageSize=2&page={page}"));
        }

        Assert.All(pages, p => Assert.Equal(5, p.TotalCount));
        Assert.Equal([2, 2, 1], pages.Select(p => p.Items.Count));
        Assert.Equal(["Item 5", "Item 4", "Item 3", "Item 2", "Item 1"], pages.SelectMany(p => p.Items).Select(i => i.Title.Split(": ")[1]));
    }

    [Fact]
    public async Task Marking_one_read_lowers_the_unread_count_and_the_unread_filter_leaves_it_out()
    {
        var reader = portal.Person();
        await portal.SendAnnouncementAsync("First", reader);
        await portal.SendAnnouncementAsync("Second", reader);
        await portal.DeliverAsync();
        var client = portal.SignedIn(reader);
        var first = (await InboxOfAsync(reader)).Items.Single(i => i.Title.EndsWith("First", StringComparison.Ordinal));

        var marked = await client.PostAsync($"{Api}/{first.Id}/read", null);

        Assert.Equal(HttpStatusCode.NoContent, marked.StatusCode);
        Assert.Equal(1, (await ReadAsync<UnreadCountDto>(await client.GetAsync($"{Api}/unread-count"))).UnreadCount);
        var unread = await InboxOfAsync(reader, "unread=true");
        Assert.Equal(["Second"], unread.Items.Select(i => i.Title.Split(": ")[1]));
        Assert.NotNull((await InboxOfAsync(reader)).Items.Single(i => i.Id == first.Id).ReadAtUtc);
    }

    [Fact]
    public async Task Marking_all_read_leaves_nothing_unread()
    {
        var reader = portal.Person();
        await portal.SendAnnouncementAsync("One", reader);
        await portal.SendAnnouncementAsync("Two", reader);
        await portal.DeliverAsync();

        var result = await ReadAsync<UnreadCountDto>(await portal.SignedIn(reader).PostAsync($"{Api}/read-all", null));

        Assert.Equal(0, result.UnreadCount);
        Assert.All((await InboxOfAsync(reader)).Items, i => Assert.NotNull(i.ReadAtUtc));
    }

    [Fact]
    public async Task Nobody_can_mark_or_see_another_users_notification()
    {
        var owner = portal.Person();
        var other = portal.Person();
        await portal.SendAnnouncementAsync("Private", owner);
        await portal.DeliverAsync();
        var notification = (await InboxOfAsync(owner)).Items.Single();

        var marked = await portal.SignedIn(other).PostAsync($"{Api}/{notification.Id}/read", null);
        var catchUp = await portal.SignedIn(other).GetAsync($"{Api}?after={notification.Id}");

        Assert.Equal(HttpStatusCode.NotFound, marked.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, catchUp.StatusCode);
        Assert.Null((await InboxOfAsync(owner)).Items.Single().ReadAtUtc);
    }

    [Fact]
    public async Task Catching_up_after_a_notification_lists_only_what_came_after_it()
    {
        var reader = portal.Person();
        await portal.SendAnnouncementAsync("Seen before going offline", reader);
        await portal.DeliverAsync();
        var seen = (await InboxOfAsync(reader)).Items.Single();
        await portal.SendAnnouncementAsync("While offline 1", reader);
        await portal.SendAnnouncementAsync("While offline 2", reader);
        await portal.DeliverAsync();

        var byId = await InboxOfAsync(reader, $"after={seen.Id}");
        var byTime = await InboxOfAsync(reader, $"after={Uri.EscapeDataString(seen.CreatedAtUtc.AddSeconds(10).ToString("O"))}");

        Assert.Equal(["While offline 2", "While offline 1"], byId.Items.Select(i => i.Title.Split(": ")[1]));
        Assert.Empty(byTime.Items);
    }

    [Fact]
    public async Task The_inbox_is_filtered_by_module_and_type()
    {
        var reader = portal.Person();
        await portal.SendAnnouncementAsync("Filtered", reader);
        await portal.DeliverAsync();

        Assert.Single((await InboxOfAsync(reader, "module=notifications")).Items);
        Assert.Single((await InboxOfAsync(reader, "type=notifications.announcement")).Items);
        Assert.Empty((await InboxOfAsync(reader, "module=documents")).Items);
        Assert.Empty((await InboxOfAsync(reader, "type=documents.review-requested")).Items);
    }

    [Fact]
    public async Task Bad_query_values_get_problem_details_with_an_error_per_field()
    {
        var response = await portal.SignedIn(portal.Person()).GetAsync($"{Api}?page=0&pageSize=500&unread=maybe&after=yesterday");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors");
        Assert.Equal(["after", "page", "pageSize", "unread"], errors.EnumerateObject().Select(e => e.Name).Order());
    }

    [Fact]
    public async Task A_type_turned_off_is_not_delivered_and_the_choice_is_listed()
    {
        var reader = portal.Person();
        var client = portal.SignedIn(reader);

        var saved = await client.PutAsJsonAsync($"{Api}/preferences",
            new NotificationPreferencesUpdate(new Dictionary<string, NotificationDelivery> { ["notifications.announcement"] = NotificationDelivery.Off }), Json);
        await portal.SendAnnouncementAsync("Not wanted", reader);
        await portal.DeliverAsync();

        var preferences = await ReadAsync<List<NotificationPreferenceDto>>(saved);
        var announcement = Assert.Single(preferences, p => p.Type == "notifications.announcement");
        Assert.Equal(NotificationDelivery.Off, announcement.Delivery);
        Assert.Equal(NotificationDelivery.EmailImmediately, announcement.DefaultDelivery);
        Assert.Empty((await InboxOfAsync(reader)).Items);
    }

    [Fact]
    public async Task Preferences_of_unknown_types_are_refused()
    {
        var response = await portal.SignedIn(portal.Person()).PutAsJsonAsync($"{Api}/preferences",
            new NotificationPreferencesUpdate(new Dictionary<string, NotificationDelivery> { ["documents.nothing-like-this"] = NotificationDelivery.InApp }), Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("deliveries.documents.nothing-like-this", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_same_outbox_message_delivered_twice_notifies_nobody_twice()
    {
        var reader = portal.Person();
        await portal.SendAnnouncementAsync("Once only", reader);
        await portal.DeliverAsync();
        await using (var scope = portal.Scope())
        {
            // The dispatcher's record is lost (a crash between the handler's commit and the record): the message runs again.
            var platform = scope.ServiceProvider.GetRequiredService<Consortium.Portal.Platform.PlatformDbContext>();
            await platform.ProcessedMessages.ExecuteDeleteAsync();
            await platform.OutboxMessages.ExecuteUpdateAsync(s => s.SetProperty(m => m.ProcessedAtUtc, (DateTime?)null));
        }

        await portal.DeliverAsync();

        await using var read = portal.Scope();
        Assert.Equal(1, await read.ServiceProvider.GetRequiredService<NotificationsDbContext>().Notifications.CountAsync(n => n.RecipientId == reader.Id));
    }

    [Fact]
    public async Task Notifications_follow_audited_changes_and_write_no_audit_lines_of_their_own()
    {
        var reader = portal.Person();
        await portal.SendAnnouncementAsync("Not audited", reader);
        await portal.DeliverAsync();
        var notification = (await InboxOfAsync(reader)).Items.Single();
        await portal.SignedIn(reader).PostAsync($"{Api}/{notification.Id}/read", null);

        await using var scope = portal.Scope();
        var audit = scope.ServiceProvider.GetRequiredService<Consortium.Portal.Platform.PlatformDbContext>().AuditLog;
        Assert.False(await audit.AnyAsync(a => a.EntityType == "Notification" && a.EntityId == notification.Id.ToString()));
    }

    [Fact]
    public async Task A_coordinator_announces_through_the_api_and_the_recipients_hear_it()
    {
        var coordinator = portal.Person(PortalRoles.Coordinator);
        var member = portal.Person();

        var response = await portal.SignedIn(coordinator).PostAsJsonAsync($"{Api}/announcements",
            new AnnouncementInput("Consortium Forum on 12 March", "Agenda attached in the library.", [member.Id], "/meetings"), Json);
        await portal.DeliverAsync();

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var item = Assert.Single((await InboxOfAsync(member)).Items);
        Assert.Equal($"Announcement from {coordinator.DisplayName}: Consortium Forum on 12 March", item.Title);
        Assert.Equal("Agenda attached in the library.", item.Body);
    }

    [Fact]
    public async Task A_partner_lead_announces_only_to_the_staff_of_their_own_partner()
    {
        var bprg = Guid.NewGuid();
        var lead = portal.Person(PortalRoles.PartnerLead, bprg);
        var colleague = portal.Person(PortalRoles.Member, bprg);
        var otherPartner = portal.Person(PortalRoles.Member, Guid.NewGuid());
        var client = portal.SignedIn(lead);

        var own = await client.PostAsJsonAsync($"{Api}/announcements", new AnnouncementInput("Staff meeting", "Friday 10:00", [colleague.Id], null), Json);
        var others = await client.PostAsJsonAsync($"{Api}/announcements", new AnnouncementInput("Staff meeting", "Friday 10:00", [otherPartner.Id], null), Json);

        Assert.Equal(HttpStatusCode.Accepted, own.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, others.StatusCode);
        Assert.Contains("recipientIds", await others.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_announcement_without_subject_message_or_known_recipients_gets_an_error_per_field()
    {
        var response = await portal.SignedIn(portal.Person(PortalRoles.Coordinator)).PostAsJsonAsync($"{Api}/announcements",
            new AnnouncementInput(" ", null, [Guid.NewGuid()], "https://elsewhere.example"), Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(["link", "message", "recipientIds", "subject"], problem.RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
    }

    [Fact]
    public async Task A_refused_change_of_preferences_or_announcement_changes_nothing()
    {
        var reader = portal.Person();
        var client = portal.SignedIn(reader);
        var subject = "Refused " + Guid.NewGuid();
        var before = await ReadAsync<List<NotificationPreferenceDto>>(await client.GetAsync($"{Api}/preferences"));

        var preferences = await client.PutAsJsonAsync($"{Api}/preferences", new NotificationPreferencesUpdate(new Dictionary<string, NotificationDelivery>
        {
            ["notifications.announcement"] = NotificationDelivery.Off,
            ["documents.nothing-like-this"] = NotificationDelivery.InApp,
        }), Json);
        var announcement = await portal.SignedIn(portal.Person(PortalRoles.Coordinator)).PostAsJsonAsync($"{Api}/announcements",
            new AnnouncementInput(subject, "", [reader.Id], null), Json);

        Assert.Equal(HttpStatusCode.BadRequest, preferences.StatusCode);
        using (var problem = JsonDocument.Parse(await preferences.Content.ReadAsStringAsync()))
        {
            Assert.Equal(["deliveries.documents.nothing-like-this"], problem.RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        }
        Assert.Equal(HttpStatusCode.BadRequest, announcement.StatusCode);
        Assert.Equal(before, await ReadAsync<List<NotificationPreferenceDto>>(await client.GetAsync($"{Api}/preferences")));
        await using var scope = portal.Scope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<Consortium.Portal.Platform.PlatformDbContext>().OutboxMessages.AnyAsync(m => m.Payload.Contains(subject)));
    }
}

public sealed class InboxApiTests_Sqlite(NotificationsSqlitePortal portal) : InboxApiTests<NotificationsSqlitePortal, SqlitePortal>(portal);

public sealed class InboxApiTests_PostgreSql(NotificationsPostgreSqlPortal portal) : InboxApiTests<NotificationsPostgreSqlPortal, PostgreSqlPortal>(portal);
