using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Bunit;
using Consortium.Portal.IntegrationTests.Documents;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.IntegrationTests.Notifications;
using Consortium.Portal.IntegrationTests.Platform;
using Consortium.Portal.Meetings;
using Consortium.Portal.Meetings.Api;
using Consortium.Portal.Meetings.Application;
using Consortium.Portal.Meetings.Pages;
using Consortium.Portal.Notifications;
using Consortium.Portal.Tests;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Consortium.Portal.IntegrationTests.Meetings;

/// <summary>
/// Open meeting pages hear of the meeting's changes through the notifications hub: whoever may see the meeting may join
/// its group (a draft only its organisers), and an edit of its details or a change of its state reaches them once saved.
/// </summary>
public abstract class MeetingLiveChangesTests<TPortal, TDatabase>(TPortal portal) : IClassFixture<TPortal>
    where TPortal : MeetingsPortal<TDatabase>
    where TDatabase : PortalAppFactory, new()
{
    private static readonly DateTime Start = new(2027, 3, 23, 10, 0, 0);

    private HubConnection Connection(Attendee who)
        => NotificationsPortal<TDatabase>.HubConnectionOf(portal.App, who.Client.DefaultRequestHeaders.GetValues(TestSignInHandler.Header).Single());

    private static async Task<ConcurrentQueue<LiveChangeDto>> WatchAsync(HubConnection connection, Guid meetingId)
    {
        var heard = new ConcurrentQueue<LiveChangeDto>();
        connection.On<LiveChangeDto>(NotificationsHubProtocol.Changed, heard.Enqueue);
        await connection.StartListeningAsync();
        await connection.InvokeAsync(NotificationsHubProtocol.Watch, MeetingLiveTopic.TopicName, meetingId);
        return heard;
    }

    private static async Task<MeetingDto> DraftAsync(ForumCast forum)
        => await (await forum.Organiser.Client.PostAsJsonAsync(MeetingsPaths.WorkspaceMeetings(forum.Id),
            new CreateMeetingRequest("Forum meeting", null, Start, Start.AddHours(2), Template: MeetingTemplate.ForumMeeting), DocumentsClient.Json))
            .ReadAsync<MeetingDto>(HttpStatusCode.Created);

    [Fact]
    public async Task An_invitee_hears_an_edit_of_the_details_and_a_change_of_state_once_saved()
    {
        var forum = portal.NewForum();
        var draft = await DraftAsync(forum);
        Assert.Equal(HttpStatusCode.NoContent, (await forum.Organiser.Client.PostAsync($"{MeetingsPaths.Meeting(draft.Id)}/open", null)).StatusCode);
        var meeting = await (await forum.Organiser.Client.GetAsync(MeetingsPaths.Meeting(draft.Id))).ReadAsync<MeetingDto>();
        await using var invitee = Connection(forum.Kosovar);
        var heard = await WatchAsync(invitee, meeting.Id);

        Assert.Equal(HttpStatusCode.OK, (await forum.Organiser.Client.PutAsJsonAsync(MeetingsPaths.Meeting(meeting.Id),
            new UpdateMeetingRequest("Forum meeting in Kraljevo", null, Start.AddHours(1), Start.AddHours(3), null, null, "Kraljevo", null, null, meeting.ConcurrencyStamp),
            DocumentsClient.Json)).StatusCode);
        await Eventually.TrueAsync(() => heard.Any(c => c.Change == MeetingChanges.Details), "the edit to be heard");
        Assert.Equal(HttpStatusCode.NoContent, (await forum.Organiser.Client.PostAsync($"{MeetingsPaths.Meeting(meeting.Id)}/begin", null)).StatusCode);
        await Eventually.TrueAsync(() => heard.Any(c => c.Change == MeetingChanges.State), "the meeting's start to be heard");

        string[] expected = [MeetingChanges.Details, MeetingChanges.State];
        Assert.Equal(expected, heard.Select(c => c.Change));
        Assert.All(heard, c => Assert.Equal((MeetingLiveTopic.TopicName, meeting.Id), (c.Topic, c.SubjectId)));
    }

    [Fact]
    public async Task A_draft_is_watched_by_its_organisers_only_and_a_meeting_by_nobody_outside_its_workspace()
    {
        var forum = portal.NewForum();
        var draft = await DraftAsync(forum);
        await using var organiser = Connection(forum.Organiser);
        var organiserHeard = await WatchAsync(organiser, draft.Id);
        await using var invitee = Connection(forum.Kosovar);
        await invitee.StartListeningAsync();
        await using var outsider = Connection(forum.Outsider);
        await outsider.StartListeningAsync();

        // A member who may not see the draft yet, an outsider, and a meeting that does not exist are refused alike.
        var draftRefused = await Assert.ThrowsAsync<HubException>(() => invitee.InvokeAsync(NotificationsHubProtocol.Watch, MeetingLiveTopic.TopicName, draft.Id));
        var outsiderRefused = await Assert.ThrowsAsync<HubException>(() => outsider.InvokeAsync(NotificationsHubProtocol.Watch, MeetingLiveTopic.TopicName, draft.Id));
        var missing = await Assert.ThrowsAsync<HubException>(() => invitee.InvokeAsync(NotificationsHubProtocol.Watch, MeetingLiveTopic.TopicName, Guid.NewGuid()));
        Assert.Equal(missing.Message, draftRefused.Message);
        Assert.Equal(missing.Message, outsiderRefused.Message);

        // Opened, the meeting is the invitees' to watch too; still not the outsider's.
        Assert.Equal(HttpStatusCode.NoContent, (await forum.Organiser.Client.PostAsync($"{MeetingsPaths.Meeting(draft.Id)}/open", null)).StatusCode);
        await Eventually.TrueAsync(() => organiserHeard.Any(c => c.Change == MeetingChanges.State), "the opening to be heard");
        await invitee.InvokeAsync(NotificationsHubProtocol.Watch, MeetingLiveTopic.TopicName, draft.Id);
        await Assert.ThrowsAsync<HubException>(() => outsider.InvokeAsync(NotificationsHubProtocol.Watch, MeetingLiveTopic.TopicName, draft.Id));
    }

    [Fact]
    public async Task A_page_moved_to_a_meeting_it_may_not_see_shows_the_refusal_and_no_longer_hears_the_meeting_before()
    {
        var forum = portal.NewForum();
        var meeting = await DraftAsync(forum);
        var elsewhere = await DraftAsync(portal.NewForum());
        await using var tab = new PortalPage(portal.App, forum.Organiser.Client);
        var page = tab.Page.Render<MeetingPage>(p => p.Add(c => c.MeetingId, meeting.Id));
        await Eventually.TrueAsync(() => tab.Live.Watched.SequenceEqual([meeting.Id]), "the page to watch its meeting");

        // A link to a meeting of a workspace that is not the organiser's.
        page.Render(p => p.Add(c => c.MeetingId, elsewhere.Id));

        page.WaitForAssertion(() => Assert.Single(page.FindAll(".mud-alert-text-error")));
        Assert.Empty(page.FindAll("[data-test=meeting-heading]"));
        // Released at once, or, when the move came as the feed was handing the watch over, as soon as it is handed over.
        await Eventually.TrueAsync(() => tab.Live.Watched.Count == 0, "the page to release the watch of the meeting before");
        // A change of the one before, even one already on its way, is no longer the page's: no reload, no refusal told again.
        var snackbars = tab.Page.Services.GetRequiredService<ISnackbar>();
        snackbars.Clear();
        await tab.Live.PushAsync(meeting.Id, MeetingChanges.Details);
        Assert.Empty(snackbars.ShownSnackbars);
        Assert.Empty(tab.Live.Watched);
    }
}

public sealed class MeetingLiveChangesTests_Sqlite(MeetingsSqlitePortal portal) : MeetingLiveChangesTests<MeetingsSqlitePortal, SqlitePortal>(portal);

public sealed class MeetingLiveChangesTests_PostgreSql(MeetingsPostgreSqlPortal portal) : MeetingLiveChangesTests<MeetingsPostgreSqlPortal, PostgreSqlPortal>(portal);
