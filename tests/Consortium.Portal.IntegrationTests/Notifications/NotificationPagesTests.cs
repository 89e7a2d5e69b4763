using System.Net;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Notifications;

namespace Consortium.Portal.IntegrationTests.Notifications;

/// <summary>The inbox, the preferences page and the bell as the server first renders them, in the reader's language.</summary>
public abstract class NotificationPagesTests<TPortal, TDatabase>(TPortal portal) : IClassFixture<TPortal>
    where TPortal : NotificationsPortal<TDatabase>
    where TDatabase : PortalAppFactory, new()
{
    [Fact]
    public async Task The_inbox_page_lists_the_readers_notifications_and_the_bell_counts_them()
    {
        var reader = portal.Person();
        await portal.SendAnnouncementAsync("Peer visit to Novi Pazar", reader);
        await portal.SendAnnouncementAsync("Seminar for journalists", reader);
        await portal.DeliverAsync();

        var response = await portal.SignedIn(reader).GetAsync(NotificationsPaths.InboxPage);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Announcement from Coordinator: Peer visit to Novi Pazar", html);
        Assert.Contains("Announcement from Coordinator: Seminar for journalists", html);
        Assert.Contains("2 unread", html);
        Assert.Contains("id=\"notification-bell\" data-unread=\"2\"", html);
    }

    [Fact]
    public async Task The_preferences_page_offers_the_four_choices_for_each_type_in_the_readers_language()
    {
        var response = await portal.SignedIn(portal.Person(), acceptLanguage: "sr-Latn").GetAsync(NotificationsPaths.PreferencesPage);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Podešavanja obaveštenja", html);
        foreach (var choice in new[] { "U portalu", "Imejl odmah", "Dnevni pregled", "Isključeno" })
        {
            Assert.Contains(choice, html);
        }
        Assert.Contains("data-type=\"notifications.announcement\"", html);
        Assert.Contains("data-type=\"identity.member-joined\"", html);
    }

    [Fact]
    public async Task Home_lists_the_replies_addressed_to_the_reader_but_not_what_was_sent_to_many()
    {
        var reader = portal.Person();
        var document = $"Budget {Guid.NewGuid():N}.docx";
        await portal.SendAsync(new NotificationRequest("documents.comment-replied", [reader.Id],
            new Dictionary<string, string> { ["document"] = document, ["author"] = "Blerta Gashi" }, "/documents/" + Guid.NewGuid()));
        await portal.SendAnnouncementAsync("Seminar for journalists", reader);
        await portal.DeliverAsync();

        var home = await HomePage.ReadAsync(portal.SignedIn(reader));

        var mentions = HomePage.Section(home, "home-mentions");
        Assert.Contains($"Blerta Gashi replied to your comment on \"{document}\"", mentions);
        Assert.DoesNotContain("Seminar for journalists", mentions);
        // Another reader's home has none of it.
        Assert.DoesNotContain(document, await HomePage.ReadAsync(portal.SignedIn(portal.Person())));
    }

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_sign_in()
    {
        var response = await portal.Anonymous().GetAsync(NotificationsPaths.InboxPage);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("notification-bell", await response.Content.ReadAsStringAsync());
    }
}

public sealed class NotificationPagesTests_Sqlite(NotificationsSqlitePortal portal) : NotificationPagesTests<NotificationsSqlitePortal, SqlitePortal>(portal);

public sealed class NotificationPagesTests_PostgreSql(NotificationsPostgreSqlPortal portal) : NotificationPagesTests<NotificationsPostgreSqlPortal, PostgreSqlPortal>(portal);
