using System.Net.Http.Json;
using Consortium.Portal.Documents;
using Consortium.Portal.Identity;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Notifications;
using Consortium.Portal.Notifications.Data;
using Consortium.Portal.Platform.Events;
using Consortium.Portal.Platform.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.IntegrationTests.Notifications;

/// <summary>A module's event, through the outbox and a notification rule, into the inbox, rendered in the reader's language.</summary>
public abstract class NotificationRuleTests<TPortal, TDatabase>(TPortal portal) : IClassFixture<TPortal>
    where TPortal : NotificationsPortal<TDatabase>
    where TDatabase : PortalAppFactory, new()
{
    [Fact]
    public async Task The_lead_who_invited_someone_is_told_in_their_language_when_the_invitation_is_accepted()
    {
        var lead = portal.Person(PortalRoles.PartnerLead, Guid.NewGuid(), culture: "sq");
        var newcomer = portal.Person(PortalRoles.Member, lead.PartnerId);
        await using (var scope = portal.Scope())
        {
            scope.ServiceProvider.GetRequiredService<IIntegrationEventPublisher>()
                .Publish(new UserJoined(newcomer.Id, lead.PartnerId, PortalRoles.Member, InvitedBy: lead.Id));
            await scope.ServiceProvider.GetRequiredService<NotificationsDbContext>().SaveChangesAsync();
        }

        await portal.DeliverAsync();

        var inbox = (await portal.SignedIn(lead, acceptLanguage: "sq").GetFromJsonAsync<NotificationPageDto>(NotificationsPaths.Api))!;
        var item = Assert.Single(inbox.Items);
        Assert.Equal($"{newcomer.DisplayName} u bashkua me portalin", item.Title);
        Assert.Equal("identity", item.Module);
        Assert.Equal("/admin/users", item.Link);
    }

    [Fact]
    public async Task A_reviewer_hears_of_a_review_request_in_their_language_with_a_link_to_the_document()
    {
        var editor = portal.Person(PortalRoles.Member);
        var reviewer = portal.Person(PortalRoles.Member, culture: "sr-Latn");
        var documentId = Guid.NewGuid();
        await using (var scope = portal.Scope())
        {
            scope.ServiceProvider.GetRequiredService<IIntegrationEventPublisher>().Publish(new ReviewRequested(
                Guid.NewGuid(), documentId, "Policy brief.docx", Guid.NewGuid(), 2, editor.Id, [reviewer.Id, editor.Id],
                new DateOnly(2026, 12, 4), "Please check the figures"));
            await scope.ServiceProvider.GetRequiredService<NotificationsDbContext>().SaveChangesAsync();
        }

        await portal.DeliverAsync();

        var inbox = (await portal.SignedIn(reviewer, acceptLanguage: "sr-Latn").GetFromJsonAsync<NotificationPageDto>(NotificationsPaths.Api))!;
        var item = Assert.Single(inbox.Items);
        Assert.Equal($"{editor.DisplayName} vas moli da pregledate „Policy brief.docx“", item.Title);
        // The due date in the reader's culture, not as it was sent.
        var due = new DateOnly(2026, 12, 4).ToString("d", System.Globalization.CultureInfo.GetCultureInfo("sr-Latn"));
        Assert.Equal($"Verzija 2 dokumenta „Policy brief.docx“ čeka vaš pregled do {due}. Please check the figures", item.Body);
        Assert.Equal("documents", item.Module);
        Assert.Equal($"/documents/{documentId}?tab=reviews", item.Link);
        var requesterInbox = (await portal.SignedIn(editor).GetFromJsonAsync<NotificationPageDto>(NotificationsPaths.Api))!;
        Assert.Empty(requesterInbox.Items);
    }
}

public sealed class NotificationRuleTests_Sqlite(NotificationsSqlitePortal portal) : NotificationRuleTests<NotificationsSqlitePortal, SqlitePortal>(portal);

public sealed class NotificationRuleTests_PostgreSql(NotificationsPostgreSqlPortal portal) : NotificationRuleTests<NotificationsPostgreSqlPortal, PostgreSqlPortal>(portal);
