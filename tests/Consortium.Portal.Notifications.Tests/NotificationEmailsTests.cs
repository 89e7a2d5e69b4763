using System.Globalization;
using Consortium.Portal.Notifications.Delivery;
using Consortium.Portal.Notifications.Domain;
using Consortium.Portal.Notifications.Email;
using Consortium.Portal.Notifications.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Consortium.Portal.Notifications.Tests;

public sealed class NotificationEmailsTests
{
    private static NotificationEmails Emails() => new(
        new NotificationRenderer(new NotificationTypeRegistry([NotificationTypes.Announcement]), new ModuleTexts()),
        new ModuleTexts(),
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Portal:PublicBaseUrl"] = "https://portal.kspag.example/" }).Build());

    private static Notification Announcement(string subject, string message) => new(
        Guid.NewGuid(), NotificationTypes.Announcement,
        new Dictionary<string, string> { ["sender"] = "Jelena <coordinator>", ["subject"] = subject, ["message"] = message },
        "/meetings/7", Guid.NewGuid(), DateTime.UtcNow, DateTime.UtcNow, NotificationDelivery.EmailImmediately);

    private static Recipient In(string culture) => new(Guid.NewGuid(), "reader@kspag.example", "Reader", CultureInfo.GetCultureInfo(culture),
        TimeZoneInfo.FindSystemTimeZoneById("Europe/Belgrade"), false);

    [Fact]
    public void The_email_of_a_notification_is_in_the_recipients_language_with_its_link_and_the_way_to_unsubscribe()
    {
        var email = Emails().Immediate(Announcement("Takimi i Forumit", "Axhenda është në bibliotekë."), In("sq"));

        Assert.Equal("reader@kspag.example", email.To);
        Assert.Equal("Lajmërim nga Jelena <coordinator>: Takimi i Forumit", email.Subject);
        Assert.Contains("Axhenda është në bibliotekë.", email.TextBody);
        Assert.Contains("Hapeni në portal:\nhttps://portal.kspag.example/meetings/7", email.TextBody);
        Assert.Contains("Ndryshoni ose fikni këto e-mail-e:\nhttps://portal.kspag.example/notifications/preferences", email.TextBody);
    }

    [Fact]
    public void Each_action_is_a_button_in_its_order_with_its_label_in_the_readers_language_and_the_link_stays()
    {
        var now = DateTime.UtcNow;
        var notification = new Notification(Guid.NewGuid(), NotificationTypes.Announcement,
            new Dictionary<string, string> { ["sender"] = "Jelena", ["subject"] = "Forum", ["message"] = "Answer, please." },
            "/meetings/7", Guid.NewGuid(), now, now, NotificationDelivery.EmailImmediately,
            [new NotificationAction("Email:Open", "/meetings/7?rsvp=yes"), new NotificationAction("Email:Unsubscribe", "/meetings/7?rsvp=no")]);

        var email = Emails().Immediate(notification, In("sq"));
        var html = email.HtmlBody!;

        var yes = html.IndexOf("<a href=\"https://portal.kspag.example/meetings/7?rsvp=yes\"", StringComparison.Ordinal);
        var no = html.IndexOf("<a href=\"https://portal.kspag.example/meetings/7?rsvp=no\"", StringComparison.Ordinal);
        Assert.True(yes >= 0 && no > yes, html);
        Assert.Equal(2, html.Split("data-action=").Length - 1);
        Assert.Contains(System.Net.WebUtility.HtmlEncode("Ndryshoni ose fikni këto e-mail-e:") + "</a>", html[no..]);
        Assert.Contains("https://portal.kspag.example/meetings/7?rsvp=no\n", email.TextBody);
        Assert.Contains("href=\"https://portal.kspag.example/meetings/7\"", html);
        Assert.Equal("/meetings/7", notification.Link);
        Assert.Equal(2, notification.Actions.Count);
    }

    [Fact]
    public void A_name_given_in_several_languages_is_written_in_the_recipients_in_the_email_and_the_digest()
    {
        var now = DateTime.UtcNow;
        var notification = new Notification(Guid.NewGuid(), NotificationTypes.Announcement,
            new Dictionary<string, string>
            {
                ["sender"] = "Jelena", ["subject"] = "Consortium Forum", ["message"] = "Agenda",
                [NotificationTypeDefinition.InLanguage("subject", "sq")] = "Forumi i Konsorciumit",
                [NotificationTypeDefinition.InLanguage("subject", "sr-Latn")] = "Forum konzorcijuma",
            },
            "/meetings/7", Guid.NewGuid(), now, now, NotificationDelivery.EmailImmediately);

        Assert.Equal("Lajmërim nga Jelena: Forumi i Konsorciumit", Emails().Immediate(notification, In("sq")).Subject);
        Assert.Contains("Jelena: Consortium Forum", Emails().Immediate(notification, In("en")).Subject);
        Assert.Contains("Jelena: Forum konzorcijuma", Emails().Digest([notification], In("sr-Latn")).TextBody);
    }

    [Fact]
    public void What_users_wrote_is_encoded_in_the_html_body()
    {
        var email = Emails().Immediate(Announcement("Agenda", "<script>alert(1)</script>"), In("en"));

        Assert.DoesNotContain("<script>", email.HtmlBody);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", email.HtmlBody);
        Assert.Contains("href=\"https://portal.kspag.example/notifications/preferences\"", email.HtmlBody);
    }

    [Fact]
    public void A_digest_lists_each_notification_with_its_time_on_the_readers_clock()
    {
        var first = Announcement("Forum", "Agenda");
        var email = Emails().Digest([first, Announcement("Seminar", "Rule of law")], In("sr-Latn"));

        Assert.Equal("Vaš dnevni pregled: novih obaveštenja 2", email.Subject);
        Assert.Contains("Saopštenje – Jelena <coordinator>: Forum", email.TextBody);
        Assert.Contains("Saopštenje – Jelena <coordinator>: Seminar", email.TextBody);
        var local = TimeZoneInfo.ConvertTimeFromUtc(first.CreatedAtUtc, TimeZoneInfo.FindSystemTimeZoneById("Europe/Belgrade"));
        Assert.Contains(local.ToString("g", CultureInfo.GetCultureInfo("sr-Latn")), email.TextBody);
    }

    [Fact]
    public void Retries_wait_twice_as_long_each_time()
    {
        var options = new NotificationsOptions { EmailRetryDelay = TimeSpan.FromSeconds(30) };

        Assert.Equal([30, 60, 120, 240], Enumerable.Range(1, 4).Select(a => options.RetryDelayAfter(a).TotalSeconds));
    }
}
