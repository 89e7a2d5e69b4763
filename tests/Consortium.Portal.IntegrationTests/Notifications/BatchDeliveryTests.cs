using System.Net.Http.Json;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Notifications;
using Consortium.Portal.Notifications.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.IntegrationTests.Notifications;

/// <summary>
/// A burst of notifications (one request each, as the notification bench sends them) is delivered per outbox pass with
/// one save and one unread-count query, not one of each per message; and a batch that meets notifications delivered
/// before still notifies nobody twice. Both databases: the unique key that refuses the second writing is theirs.
/// </summary>
public abstract class BatchDeliveryTests<TPortal, TDatabase>(TPortal portal) : IClassFixture<TPortal>
    where TPortal : NotificationsPortal<TDatabase>
    where TDatabase : PortalAppFactory, new()
{
    private async Task<NotificationPageDto> InboxOfAsync(TestPerson person)
        => (await portal.SignedIn(person).GetFromJsonAsync<NotificationPageDto>(NotificationsPaths.Api))!;

    [Fact]
    public async Task Single_requests_sent_one_after_another_are_delivered_with_one_save_and_one_unread_count()
    {
        var readers = Enumerable.Range(0, 6).Select(_ => portal.Person()).ToList();
        foreach (var reader in readers)
        {
            await portal.SendAnnouncementAsync($"Agenda for {reader.DisplayName}", reader);
        }
        await portal.SendAnnouncementAsync("Minutes of the forum", readers[0], readers[1]);
        portal.Statements.Reset();

        await portal.DeliverAsync();

        Assert.Equal(1, portal.Statements.Saves);
        Assert.Equal(1, portal.Statements.UnreadCounts);
        foreach (var reader in readers)
        {
            var inbox = await InboxOfAsync(reader);
            Assert.Contains(inbox.Items, n => n.Title.Contains($"Agenda for {reader.DisplayName}", StringComparison.Ordinal));
            Assert.Equal(reader == readers[0] || reader == readers[1] ? 2 : 1, inbox.Items.Count);
        }
    }

    [Fact]
    public async Task A_batch_delivered_again_after_a_lost_record_notifies_nobody_twice()
    {
        var (ardita, milan) = (portal.Person(), portal.Person());
        await portal.SendAnnouncementAsync("Study visit", ardita);
        await portal.SendAnnouncementAsync("Peer review", milan);
        await portal.SendAnnouncementAsync("Peer review, second round", milan);
        await portal.DeliverAsync();
        await using (var scope = portal.Scope())
        {
            // The dispatcher's record is lost (a crash between the handler's commit and the record): the batch runs again,
            // the unique key refuses its writing, and each message is then delivered on its own from what exists.
            var platform = scope.ServiceProvider.GetRequiredService<Consortium.Portal.Platform.PlatformDbContext>();
            await platform.ProcessedMessages.ExecuteDeleteAsync();
            await platform.OutboxMessages.ExecuteUpdateAsync(s => s.SetProperty(m => m.ProcessedAtUtc, (DateTime?)null));
        }

        await portal.DeliverAsync();

        await using var read = portal.Scope();
        var notifications = read.ServiceProvider.GetRequiredService<NotificationsDbContext>().Notifications;
        Assert.Equal(1, await notifications.CountAsync(n => n.RecipientId == ardita.Id));
        Assert.Equal(2, await notifications.CountAsync(n => n.RecipientId == milan.Id));
        await using var platformRead = portal.Scope();
        Assert.False(await platformRead.ServiceProvider.GetRequiredService<Consortium.Portal.Platform.PlatformDbContext>()
            .OutboxMessages.AnyAsync(m => m.ProcessedAtUtc == null));
    }
}

public sealed class BatchDeliveryTests_Sqlite(NotificationsSqlitePortal portal) : BatchDeliveryTests<NotificationsSqlitePortal, SqlitePortal>(portal);

public sealed class BatchDeliveryTests_PostgreSql(NotificationsPostgreSqlPortal portal) : BatchDeliveryTests<NotificationsPostgreSqlPortal, PostgreSqlPortal>(portal);
