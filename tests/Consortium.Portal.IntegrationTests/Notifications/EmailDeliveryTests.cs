using System.Net.Http.Json;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Notifications;
using Consortium.Portal.Notifications.Data;
using Consortium.Portal.Notifications.Domain;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.IntegrationTests.Notifications;

/// <summary>The portal with its outbox and job server running and its mail going to an SMTP sink started by the test.</summary>
public abstract class MailingPortal<TDatabase> : NotificationsPortal<TDatabase> where TDatabase : PortalAppFactory, new()
{
    public const string PublicBaseUrl = "https://portal.kspag.example";

    public SmtpSink Smtp { get; } = new();

    protected override bool RunsBackgroundWork => true;

    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        builder.UseSetting("Smtp:Host", "127.0.0.1");
        builder.UseSetting("Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Smtp:Security", "None");
        builder.UseSetting("Smtp:Timeout", "00:00:05");
        builder.UseSetting("Smtp:From", "Consortium Portal <portal@kspag.example>");
        builder.UseSetting("Portal:PublicBaseUrl", PublicBaseUrl);
        builder.UseSetting("Notifications:EmailRetryDelay", "00:00:01");
        builder.UseSetting("Outbox:PollInterval", "00:00:00.200");
    }

    public async Task<Notification> NotificationOfAsync(TestPerson person)
    {
        await using var scope = Scope();
        return await scope.ServiceProvider.GetRequiredService<NotificationsDbContext>().Notifications.AsNoTracking().SingleAsync(n => n.RecipientId == person.Id);
    }

    /// <summary>Waits until the person's notification is in the state the test expects.</summary>
    public async Task<Notification> WaitForNotificationAsync(TestPerson person, Func<Notification, bool> done, TimeSpan timeout)
    {
        var notification = await Eventually.GetAsync(
            async () =>
            {
                await using var scope = Scope();
                return await scope.ServiceProvider.GetRequiredService<NotificationsDbContext>().Notifications.AsNoTracking()
                    .SingleOrDefaultAsync(n => n.RecipientId == person.Id);
            },
            found => found is not null && done(found),
            $"the notification of {person.Email} to reach the expected state", timeout,
            found => $"{found?.EmailState}, {found?.EmailAttempts} attempt(s)");
        return notification!;
    }
}

public sealed class MailingSqlitePortal : MailingPortal<SqlitePortal>;

public sealed class MailingPostgreSqlPortal : MailingPortal<PostgreSqlPortal>;

public abstract class EmailDeliveryTests<TPortal, TDatabase>(TPortal portal) : IClassFixture<TPortal>
    where TPortal : MailingPortal<TDatabase>
    where TDatabase : PortalAppFactory, new()
{
    // Generous: a retry waits for the job server's scheduler, which looks for due jobs every 15 seconds.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_notification_wanted_at_once_arrives_by_email_in_the_recipients_language_with_its_link_and_a_way_out()
    {
        portal.Smtp.Start();
        var reader = portal.Person(culture: "sq");

        await portal.SendAnnouncementAsync("Takimi i Forumit të Konsorciumit", reader);

        var email = await portal.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == reader.Email), Patience);
        Assert.Equal("Lajmërim nga Coordinator: Takimi i Forumit të Konsorciumit", email.Subject);
        Assert.Contains($"Hapeni në portal:\n{MailingPortal<TDatabase>.PublicBaseUrl}/meetings/forum-7", email.TextBody!.ReplaceLineEndings("\n"));
        Assert.Contains($"{MailingPortal<TDatabase>.PublicBaseUrl}/notifications/preferences", email.TextBody);
        Assert.Contains($"href=\"{MailingPortal<TDatabase>.PublicBaseUrl}/notifications/preferences\"", email.HtmlBody);
        Assert.Equal(EmailState.Sent, (await portal.WaitForNotificationAsync(reader, n => n.EmailState == EmailState.Sent, Patience)).EmailState);
    }

    [Fact]
    public async Task With_the_SMTP_server_down_the_notification_is_in_the_inbox_at_once_and_the_email_follows_when_it_is_back()
    {
        await portal.Smtp.StopAsync();
        var reader = portal.Person();

        await portal.SendAnnouncementAsync("Sent while the mail server is down", reader);

        var failed = await portal.WaitForNotificationAsync(reader, n => n.EmailAttempts >= 1, Patience);
        Assert.Equal(EmailState.Pending, failed.EmailState);
        Assert.NotNull(failed.EmailError);
        var inbox = (await portal.SignedIn(reader).GetFromJsonAsync<NotificationPageDto>(NotificationsPaths.Api))!;
        Assert.EndsWith("Sent while the mail server is down", Assert.Single(inbox.Items).Title);

        portal.Smtp.Start();

        var email = await portal.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == reader.Email), Patience);
        Assert.EndsWith("Sent while the mail server is down", email.Subject);
        var sent = await portal.WaitForNotificationAsync(reader, n => n.EmailState == EmailState.Sent, Patience);
        Assert.True(sent.EmailAttempts >= 2);
    }

    [Fact]
    public async Task A_recipient_without_an_address_gets_the_notification_in_the_portal_only()
    {
        portal.Smtp.Start();
        var reader = portal.Person(withEmail: false);

        await portal.SendAnnouncementAsync("No address on file", reader);

        var notification = await portal.WaitForNotificationAsync(reader, n => n.EmailState != EmailState.Pending, Patience);
        Assert.Equal(EmailState.NoAddress, notification.EmailState);
        var inbox = (await portal.SignedIn(reader).GetFromJsonAsync<NotificationPageDto>(NotificationsPaths.Api))!;
        Assert.Single(inbox.Items);
    }
}

public sealed class EmailDeliveryTests_Sqlite(MailingSqlitePortal portal) : EmailDeliveryTests<MailingSqlitePortal, SqlitePortal>(portal);

public sealed class EmailDeliveryTests_PostgreSql(MailingPostgreSqlPortal portal) : EmailDeliveryTests<MailingPostgreSqlPortal, PostgreSqlPortal>(portal);
