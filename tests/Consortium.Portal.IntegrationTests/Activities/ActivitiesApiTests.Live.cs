using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Bunit;
using Consortium.Portal.Activities;
using Consortium.Portal.Activities.Api;
using Consortium.Portal.Activities.Application;
using Consortium.Portal.Activities.Components;
using Consortium.Portal.Activities.Pages;
using Consortium.Portal.Identity;
using Consortium.Portal.Identity.Domain;
using Consortium.Portal.IntegrationTests.Documents;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.IntegrationTests.Notifications;
using Consortium.Portal.IntegrationTests.Platform;
using Consortium.Portal.Notifications;
using Consortium.Portal.Platform.Security;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Consortium.Portal.IntegrationTests.Activities;

/// <summary>
/// Open event pages and the events list hear of an event's changes through the notifications hub: a registration or a
/// cancellation on the public page, an organiser's edit; only people who see the plan may listen.
/// </summary>
public abstract partial class ActivitiesApiTests<TPortal, TDatabase>
{
    private HubConnection HubOf(HttpClient client)
        => NotificationsPortal<TDatabase>.HubConnectionOf(portal.App, client.DefaultRequestHeaders.GetValues(TestSignInHandler.Header).Single());

    private static async Task<ConcurrentQueue<LiveChangeDto>> ListenAsync(HubConnection connection, params (string Topic, Guid Subject)[] subjects)
    {
        var heard = new ConcurrentQueue<LiveChangeDto>();
        connection.On<LiveChangeDto>(NotificationsHubProtocol.Changed, heard.Enqueue);
        await connection.StartListeningAsync();
        foreach (var (topic, subject) in subjects)
        {
            await connection.InvokeAsync(NotificationsHubProtocol.Watch, topic, subject);
        }
        return heard;
    }

    /// <summary>A member of the demo data (the hub looks its listeners up in the directory), signed in.</summary>
    private async Task<HttpClient> DemoMemberAsync()
    {
        await using var scope = portal.Scope();
        var member = (await scope.ServiceProvider.GetRequiredService<IUserDirectory>().GetPartnerStaffAsync([ConsortiumPartners.Bcsp.Id]))
            .First(u => !u.IsDisabled && u.Roles.Contains(PortalRoles.Member));
        return portal.StaffOf(ConsortiumPartners.Bcsp.Id, userId: member.Id);
    }

    [Fact]
    public async Task A_plan_reader_hears_a_registration_a_cancellation_and_an_edit_of_the_event_on_its_page_and_in_the_list()
    {
        var evt = await RoundtableAsync(capacity: 1);
        await using var member = HubOf(await DemoMemberAsync());
        var heard = await ListenAsync(member, (EventLiveTopic.TopicName, evt.Id), (EventListLiveTopic.TopicName, EventListLiveTopic.ListId));
        bool Heard(string topic, string change) => heard.Any(c => c.Topic == topic && c.Change == change
                                                               && c.SubjectId == (topic == EventLiveTopic.TopicName ? evt.Id : EventListLiveTopic.ListId));

        // Someone registers on the public page: a place taken.
        var visitor = portal.Anonymous();
        var token = await FormTokenAsync(visitor, evt.Id);
        await (await RegisterAsync(visitor, evt.Id, Person("live.ana@example.org", token))).ReadAsync<RegistrationOutcomeDto>(HttpStatusCode.Created);
        await Eventually.TrueAsync(() => Heard(EventLiveTopic.TopicName, EventChanges.Registrations) && Heard(EventListLiveTopic.TopicName, EventChanges.Registrations),
            "the registration to be heard on the event and in the list");
        heard.Clear();

        // Ana cancels through her link.
        await portal.DeliverAsync();
        var anaLink = LinkIn(Assert.Single(portal.Mail.To("live.ana@example.org")).TextBody);
        Assert.Equal(HttpStatusCode.OK, (await visitor.PostAsync($"{ActivitiesPaths.PublicPage(evt.Id)}/registration/cancel",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = anaLink }))).StatusCode);
        await Eventually.TrueAsync(() => Heard(EventLiveTopic.TopicName, EventChanges.Registrations) && Heard(EventListLiveTopic.TopicName, EventChanges.Registrations),
            "the cancellation to be heard on the event and in the list");
        heard.Clear();

        // The Coordinator moves the event an hour later.
        var details = new EventDetails(evt.ActivityId, evt.Kind, evt.Title, evt.Description, evt.LocalStart.AddHours(1), evt.LocalEnd.AddHours(1), evt.TimeZone, evt.TownId,
            null, null, evt.Venue, evt.OrganisingPartners, evt.ParticipatingPartners, evt.Speakers, evt.Agenda, evt.IsPublic, evt.Capacity);
        Assert.Equal(HttpStatusCode.OK, (await Coordinator.PutAsJsonAsync($"{Api}/events/{evt.Id}", new UpdateEventRequest(details, evt.ConcurrencyStamp), DocumentsClient.Json)).StatusCode);
        await Eventually.TrueAsync(() => Heard(EventLiveTopic.TopicName, EventChanges.Details) && Heard(EventListLiveTopic.TopicName, EventChanges.Details),
            "the edit to be heard on the event and in the list");

        // A resource of the event concerns its page, not the list, which shows none.
        heard.Clear();
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4];
        await (await Coordinator.SendAsync(PhotoRequest(evt.Id, png, "Signed forms kept by AKTIV"))).ReadAsync<EventPhotoDto>(HttpStatusCode.Created);
        await Eventually.TrueAsync(() => Heard(EventLiveTopic.TopicName, EventChanges.Resources), "the photo to be heard on the event");
        Assert.DoesNotContain(heard, c => c.Topic == EventListLiveTopic.TopicName);
    }

    [Fact]
    public async Task Only_those_who_see_the_plan_may_listen_to_an_event_or_the_list_and_an_unknown_event_is_refused_alike()
    {
        var evt = await RoundtableAsync(capacity: 5);
        Guid guestId;
        await using (var scope = portal.Scope())
        {
            // A guest in the directory: the hub reads their roles from there.
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var email = $"guest.{Guid.NewGuid():N}@example.org";
            var user = new PortalUser { Id = Guid.CreateVersion7(), UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Test guest" };
            Assert.True((await users.CreateAsync(user)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, PortalRoles.Guest)).Succeeded);
            guestId = user.Id;
        }
        await using var guest = HubOf(portal.SignedIn(PortalRoles.Guest, guestId));
        await guest.StartListeningAsync();
        await using var member = HubOf(await DemoMemberAsync());
        await member.StartListeningAsync();

        var guestRefused = await Assert.ThrowsAsync<HubException>(() => guest.InvokeAsync(NotificationsHubProtocol.Watch, EventLiveTopic.TopicName, evt.Id));
        await Assert.ThrowsAsync<HubException>(() => guest.InvokeAsync(NotificationsHubProtocol.Watch, EventListLiveTopic.TopicName, EventListLiveTopic.ListId));
        var missing = await Assert.ThrowsAsync<HubException>(() => member.InvokeAsync(NotificationsHubProtocol.Watch, EventLiveTopic.TopicName, Guid.NewGuid()));
        await Assert.ThrowsAsync<HubException>(() => member.InvokeAsync(NotificationsHubProtocol.Watch, EventListLiveTopic.TopicName, evt.Id));
        Assert.Equal(missing.Message, guestRefused.Message);

        // A plan reader listens to both.
        await member.InvokeAsync(NotificationsHubProtocol.Watch, EventLiveTopic.TopicName, evt.Id);
        await member.InvokeAsync(NotificationsHubProtocol.Watch, EventListLiveTopic.TopicName, EventListLiveTopic.ListId);
    }

    [Fact]
    public async Task The_event_page_shows_a_registration_made_elsewhere_without_a_reload_and_keeps_what_its_forms_hold()
    {
        var evt = await RoundtableAsync(capacity: 10);
        await using var tab = new PortalPage(portal.App, portal.SignedIn(PortalRoles.Coordinator));
        var page = tab.Page.Render<EventPage>(p => p.Add(c => c.EventId, evt.Id));
        page.WaitForElement("[data-test=add-output]");
        await Eventually.TrueAsync(() => tab.Live.Watched.SequenceEqual([evt.Id]), "the page to watch its event");
        Assert.Contains("0 of 10", page.Find("[data-test=event-places]").TextContent);

        // An output begun and refused for its missing kind: its title and the kind's message are the organiser's.
        await page.InvokeAsync(() => page.Find("#output-title").Change("Op-ed on the roundtable"));
        await page.Find("[data-test=add-output]").SubmitAsync();
        page.WaitForAssertion(() => Assert.Contains("mud-input-error", page.FindComponent<MudSelect<OutputKind?>>().Markup));

        // Someone registers on the public page; the hub tells the tab.
        var visitor = portal.Anonymous();
        await (await RegisterAsync(visitor, evt.Id, Person("live.page@example.org", await FormTokenAsync(visitor, evt.Id)))).ReadAsync<RegistrationOutcomeDto>(HttpStatusCode.Created);
        await tab.Live.PushAsync(evt.Id, EventChanges.Registrations);

        page.WaitForAssertion(() => Assert.Contains("1 of 10", page.Find("[data-test=event-places]").TextContent));
        Assert.Equal("Op-ed on the roundtable", page.Find("#output-title").GetAttribute("value"));
        Assert.Contains("mud-input-error", page.FindComponent<MudSelect<OutputKind?>>().Markup);
    }

    [Fact]
    public async Task The_events_list_shows_the_places_taken_elsewhere_without_a_reload()
    {
        var evt = await RoundtableAsync(capacity: 10);
        await using var tab = new PortalPage(portal.App, portal.SignedIn(PortalRoles.Coordinator));
        var list = tab.Page.Render<EventsTab>();
        await Eventually.TrueAsync(() => tab.Live.Watched.SequenceEqual([EventListLiveTopic.ListId]), "the list to watch the events");
        string Places() => list.FindAll("[data-test=events-list] tr").Single(row => row.TextContent.Contains(evt.Title)).TextContent;
        Assert.Contains("0 of 10", Places());

        var visitor = portal.Anonymous();
        await (await RegisterAsync(visitor, evt.Id, Person("live.list@example.org", await FormTokenAsync(visitor, evt.Id)))).ReadAsync<RegistrationOutcomeDto>(HttpStatusCode.Created);
        await tab.Live.PushAsync(EventListLiveTopic.ListId, EventChanges.Registrations);

        list.WaitForAssertion(() => Assert.Contains("1 of 10", Places()));
    }
}
