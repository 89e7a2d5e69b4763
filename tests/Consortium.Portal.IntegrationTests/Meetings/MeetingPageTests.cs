using System.Net;
using System.Net.Http.Json;
using Bunit;
using Consortium.Portal.IntegrationTests.Documents;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Meetings;
using Consortium.Portal.Meetings.Api;
using Consortium.Portal.Meetings.Components;
using Consortium.Portal.Meetings.Data;
using Consortium.Portal.Meetings.Domain;
using Consortium.Portal.Meetings.Pages;
using Consortium.Portal.Tests;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.IntegrationTests.Meetings;

/// <summary>The meeting page on the portal under test (<see cref="PortalPage"/>): what an organiser sees and does there.</summary>
public abstract class MeetingPageTests<TPortal, TDatabase>(TPortal portal) : IClassFixture<TPortal>
    where TPortal : MeetingsPortal<TDatabase>
    where TDatabase : PortalAppFactory, new()
{
    private static readonly DateTime Start = new(2027, 3, 23, 10, 0, 0);

    private static Task<MeetingDto> OpenMeetingAsync(ForumCast forum)
        => ForumMeetings.CreateAsync(forum.Organiser, forum.Id,
            new CreateMeetingRequest("Forum meeting", null, Start, Start.AddHours(2), Template: MeetingTemplate.ForumMeeting));

    /// <summary>
    /// Opens the new meeting form once the list has loaded: the list renders again when its meetings arrive, and an
    /// element found before that render has lost its handlers by the time it is pressed.
    /// </summary>
    private static async Task OpenNewMeetingFormAsync(IRenderedComponent<MeetingList> list)
    {
        list.WaitForAssertion(() => Assert.Empty(list.FindAll(".mud-progress-linear")));
        await list.InvokeAsync(() => list.Find("[data-test=new-meeting]").Click());
        list.WaitForElement("#meeting-title");
    }

    [Fact]
    public async Task Minutes_saved_by_someone_else_meanwhile_show_both_texts_and_the_writer_may_keep_theirs()
    {
        var forum = portal.NewForum();
        var meeting = await OpenMeetingAsync(forum);
        var item = meeting.Agenda[1];
        await using var tab = new PortalPage(portal.App, forum.Organiser.Client);
        var page = tab.Page.Render<MeetingPage>(p => p.Add(c => c.MeetingId, meeting.Id));
        // Once the page has caught up with its watch (its reload after joining), no render of its own comes between.
        await Eventually.TrueAsync(() => tab.Live.Watched.SequenceEqual([meeting.Id]), "the page to watch its meeting");
        await page.InvokeAsync(() => page.Find($"#item-{item.Id} textarea").Change("Mine: agreed the schedule."));

        // Another organiser's tab saved the same item since this page read it.
        Assert.Equal(HttpStatusCode.OK, (await forum.Organiser.Client.PutAsJsonAsync($"{MeetingsPaths.Meeting(meeting.Id)}/agenda/{item.Id}/minutes",
            new MinutesRequest("Theirs: agreed the venue.", item.MinutesStamp), DocumentsClient.Json)).StatusCode);
        await page.InvokeAsync(() => page.Find($"#item-{item.Id} [data-test=minutes-save]").Click());

        var conflict = page.WaitForElement($"#item-{item.Id} .mud-alert");
        Assert.Equal(["Theirs: agreed the venue.", "Mine: agreed the schedule."], conflict.QuerySelectorAll("pre").Select(p => p.TextContent));
        await page.InvokeAsync(() => page.Find($"#item-{item.Id} .mud-alert button").Click());

        page.WaitForAssertion(() => Assert.Empty(page.FindAll($"#item-{item.Id} .mud-alert")));
        var saved = await (await forum.Organiser.Client.GetAsync(MeetingsPaths.Meeting(meeting.Id))).ReadAsync<MeetingDto>();
        Assert.Equal("Mine: agreed the schedule.", saved.Agenda.Single(i => i.Id == item.Id).MinutesText);
    }

    [Fact]
    public async Task A_conflict_shown_on_one_item_stays_when_another_item_s_minutes_are_saved()
    {
        var forum = portal.NewForum();
        var meeting = await OpenMeetingAsync(forum);
        var (item, other) = (meeting.Agenda[1], meeting.Agenda[2]);
        await using var tab = new PortalPage(portal.App, forum.Organiser.Client);
        var page = tab.Page.Render<MeetingPage>(p => p.Add(c => c.MeetingId, meeting.Id));
        await Eventually.TrueAsync(() => tab.Live.Watched.SequenceEqual([meeting.Id]), "the page to watch its meeting");
        await page.InvokeAsync(() => page.Find($"#item-{item.Id} textarea").Change("Mine: agreed the schedule."));
        Assert.Equal(HttpStatusCode.OK, (await forum.Organiser.Client.PutAsJsonAsync($"{MeetingsPaths.Meeting(meeting.Id)}/agenda/{item.Id}/minutes",
            new MinutesRequest("Theirs: agreed the venue.", item.MinutesStamp), DocumentsClient.Json)).StatusCode);
        await page.InvokeAsync(() => page.Find($"#item-{item.Id} [data-test=minutes-save]").Click());
        page.WaitForElement($"#item-{item.Id} .mud-alert");

        await page.InvokeAsync(() => page.Find($"#item-{other.Id} textarea").Change("Budget noted."));
        await page.InvokeAsync(() => page.Find($"#item-{other.Id} [data-test=minutes-save]").Click());

        await Eventually.TrueAsync(async () => (await (await forum.Organiser.Client.GetAsync(MeetingsPaths.Meeting(meeting.Id))).ReadAsync<MeetingDto>())
            .Agenda.Single(i => i.Id == other.Id).MinutesText == "Budget noted.", "the other item's minutes to be saved");
        // The first item's comparison is still there to decide on.
        Assert.Equal(["Theirs: agreed the venue.", "Mine: agreed the schedule."], page.Find($"#item-{item.Id} .mud-alert").QuerySelectorAll("pre").Select(p => p.TextContent));
    }

    [Fact]
    public async Task The_next_item_s_title_typed_while_an_item_is_added_stays_in_the_field()
    {
        var forum = portal.NewForum();
        var meeting = await OpenMeetingAsync(forum);
        await using var tab = new PortalPage(portal.App, forum.Organiser.Client);
        var page = tab.Page.Render<MeetingPage>(p => p.Add(c => c.MeetingId, meeting.Id));
        await Eventually.TrueAsync(() => tab.Live.Watched.SequenceEqual([meeting.Id]), "the page to watch its meeting");
        await page.InvokeAsync(() => page.Find("#agenda-title").Change("Budget"));
        var held = portal.Saves.HoldSaveOf(meeting.Id);
        var add = page.InvokeAsync(() => page.Find("#agenda-title").Closest("form")!.Submit());
        await held.Reached.Task;

        await page.InvokeAsync(() => page.Find("#agenda-title").Change("Venue"));
        held.Released.SetResult();
        await add;

        page.WaitForAssertion(() => Assert.Contains(page.FindAll("[data-test=agenda-item]"), i => i.GetAttribute("data-title") == "Budget"));
        Assert.Equal("Venue", page.Find("#agenda-title").GetAttribute("value"));
    }

    [Fact]
    public async Task The_next_proposal_typed_while_a_proposal_is_sent_stays_in_the_field()
    {
        var forum = portal.NewForum();
        var meeting = await OpenMeetingAsync(forum);
        await using var tab = new PortalPage(portal.App, forum.Organiser.Client);
        var page = tab.Page.Render<MeetingPage>(p => p.Add(c => c.MeetingId, meeting.Id));
        await Eventually.TrueAsync(() => tab.Live.Watched.SequenceEqual([meeting.Id]), "the page to watch its meeting");
        await page.InvokeAsync(() => page.Find("#proposal-title").Change("Media plan"));
        var held = portal.Saves.HoldSaveOf(meeting.Id);
        var propose = page.InvokeAsync(() => page.Find("#proposal-title").Closest("form")!.Submit());
        await held.Reached.Task;

        await page.InvokeAsync(() => page.Find("#proposal-title").Change("Youth exchange"));
        held.Released.SetResult();
        await propose;

        page.WaitForAssertion(() => Assert.Contains(page.FindAll("#backlog-heading ~ *"), p => p.TextContent.Contains("Media plan", StringComparison.Ordinal)));
        Assert.Equal("Youth exchange", page.Find("#proposal-title").GetAttribute("value"));
    }

    [Fact]
    public async Task The_next_decision_typed_while_a_decision_is_recorded_stays_in_the_field()
    {
        var forum = portal.NewForum();
        var meeting = await OpenMeetingAsync(forum);
        await using var tab = new PortalPage(portal.App, forum.Organiser.Client);
        var page = await OpenOutcomesAsync(tab, meeting);
        await page.InvokeAsync(() => page.Find("#decision-text").Change("The forum meets in Prizren."));
        var held = portal.Saves.HoldSaveOf(meeting.Id);
        var decide = page.InvokeAsync(() => page.Find("#decision-text").Closest("form")!.Submit());
        await held.Reached.Task;

        await page.InvokeAsync(() => page.Find("#decision-text").Change("The report is due in May."));
        held.Released.SetResult();
        await decide;

        page.WaitForAssertion(() => Assert.Contains(page.FindAll("[data-test=decision]"), d => d.TextContent.Contains("The forum meets in Prizren.", StringComparison.Ordinal)));
        Assert.Contains("The report is due in May.", page.Find("#decision-text").OuterHtml);
    }

    [Fact]
    public async Task The_next_action_typed_while_an_action_is_assigned_stays_in_the_field()
    {
        var forum = portal.NewForum();
        var meeting = await OpenMeetingAsync(forum);
        await using var tab = new PortalPage(portal.App, forum.Organiser.Client);
        var page = await OpenOutcomesAsync(tab, meeting);
        await page.InvokeAsync(() => page.Find("#action-what").Change("Book the venue"));
        var owner = page.FindComponents<MudBlazor.MudSelect<Guid>>().Single();
        await page.InvokeAsync(() => owner.Instance.ValueChanged.InvokeAsync(forum.Kosovar.Id));
        var held = portal.Saves.HoldSaveOf(meeting.Id);
        var assign = page.InvokeAsync(() => page.Find("#action-what").Closest("form")!.Submit());
        await held.Reached.Task;

        await page.InvokeAsync(() => page.Find("#action-what").Change("Send the invitations"));
        held.Released.SetResult();
        await assign;

        page.WaitForAssertion(() => Assert.Contains(page.FindAll("[data-test=action-item]"), a => a.TextContent.Contains("Book the venue", StringComparison.Ordinal)));
        Assert.Equal("Send the invitations", page.Find("#action-what").GetAttribute("value"));
    }

    /// <summary>Renders the meeting page once it watches its meeting, on its Outcomes tab (decisions and actions).</summary>
    private static async Task<IRenderedComponent<MeetingPage>> OpenOutcomesAsync(PortalPage tab, MeetingDto meeting)
    {
        var page = tab.Page.Render<MeetingPage>(p => p.Add(c => c.MeetingId, meeting.Id));
        await Eventually.TrueAsync(() => tab.Live.Watched.SequenceEqual([meeting.Id]), "the page to watch its meeting");
        await page.InvokeAsync(() => page.FindAll(".mud-tabs .mud-tab")[2].Click());
        page.WaitForElement("#decision-text");
        return page;
    }

    [Fact]
    public async Task Minutes_typed_while_their_save_is_on_its_way_stay_on_screen_and_unsaved()
    {
        var forum = portal.NewForum();
        var meeting = await OpenMeetingAsync(forum);
        var item = meeting.Agenda[1];
        await using var tab = new PortalPage(portal.App, forum.Organiser.Client);
        var page = tab.Page.Render<MeetingPage>(p => p.Add(c => c.MeetingId, meeting.Id));
        await Eventually.TrueAsync(() => tab.Live.Watched.SequenceEqual([meeting.Id]), "the page to watch its meeting");
        await page.InvokeAsync(() => page.Find($"#item-{item.Id} textarea").Change("Agreed the schedule."));
        var held = portal.Saves.HoldSaveOf(meeting.Id);
        var save = page.InvokeAsync(() => page.Find($"#item-{item.Id} [data-test=minutes-save]").Click());
        await held.Reached.Task;

        // The writer goes on typing while the first part is saved.
        await page.InvokeAsync(() => page.Find($"#item-{item.Id} textarea").Change("Agreed the schedule. Venue next time."));
        held.Released.SetResult();
        await save;

        await Eventually.TrueAsync(async () => (await (await forum.Organiser.Client.GetAsync(MeetingsPaths.Meeting(meeting.Id))).ReadAsync<MeetingDto>())
            .Agenda.Single(i => i.Id == item.Id).MinutesText == "Agreed the schedule.", "the first part to be saved");
        // The click's handler has reloaded the meeting by now: what was typed meanwhile is still in the field.
        Assert.Contains("Venue next time.", page.Find($"#item-{item.Id} textarea").OuterHtml);
    }

    [Fact]
    public async Task Just_after_midnight_in_Belgrade_a_new_meeting_is_a_week_from_the_organiser_s_today_not_the_server_s()
    {
        // Sunday 23:30 UTC is Monday 00:30 in Belgrade: the calendar's week is Monday 8 to Sunday 14 March, and a meeting
        // "a week ahead" is on Monday 15 March, in the next one. The server's date (UTC) would have made it Sunday 14.
        portal.Clock.SetUtcNow(new DateTimeOffset(2027, 3, 7, 23, 30, 0, TimeSpan.Zero));
        var forum = portal.NewForum();
        await using var tab = new PortalPage(portal.App, forum.Organiser.Client);
        var list = tab.Page.Render<MeetingList>(p => p.Add(c => c.WorkspaceId, forum.Id));

        await OpenNewMeetingFormAsync(list);
        await list.InvokeAsync(() => list.Find("#meeting-title").Change("After midnight"));
        await list.InvokeAsync(() => list.Find("form").Submit());

        var navigation = tab.Page.Services.GetRequiredService<NavigationManager>();
        list.WaitForAssertion(() => Assert.Matches("/meetings/[0-9a-f-]{36}$", navigation.Uri));
        var meeting = await (await forum.Organiser.Client.GetAsync(MeetingsPaths.Meeting(Guid.Parse(navigation.Uri[^36..])))).ReadAsync<MeetingDto>();
        Assert.Equal(new DateTime(2027, 3, 15, 10, 0, 0), meeting.LocalStart);
        Assert.Equal("Europe/Belgrade", meeting.TimeZoneId);
    }

    [Fact]
    public async Task Create_pressed_again_while_the_first_press_saves_makes_one_meeting()
    {
        var forum = portal.NewForum();
        await using var tab = new PortalPage(portal.App, forum.Organiser.Client);
        var list = tab.Page.Render<MeetingList>(p => p.Add(c => c.WorkspaceId, forum.Id));
        await OpenNewMeetingFormAsync(list);
        await list.InvokeAsync(() => list.Find("#meeting-title").Change("Forum meeting on the dialogue"));

        var held = portal.Saves.HoldCreate(forum.Id);
        var first = list.Find("form").SubmitAsync();
        await held.Reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
        list.WaitForAssertion(() => Assert.True(list.Find("[data-test=create-meeting]").HasAttribute("disabled")));
        // A press already on its way when the button was disabled: the page refuses it rather than drafting another.
        await list.Find("form").SubmitAsync();
        held.Released.SetResult();
        await first;

        await using var scope = portal.App.Services.CreateAsyncScope();
        var meetings = await scope.ServiceProvider.GetRequiredService<MeetingsDbContext>().Set<ForumMeeting>()
            .Where(m => m.WorkspaceId == forum.Id).Select(m => m.Id).ToListAsync();
        var meeting = Assert.Single(meetings);
        Assert.EndsWith(MeetingsPaths.MeetingPage(meeting), tab.Page.Services.GetRequiredService<NavigationManager>().Uri);
    }
}

public sealed class MeetingPageTests_Sqlite(MeetingsSqlitePortal portal) : MeetingPageTests<MeetingsSqlitePortal, SqlitePortal>(portal);

public sealed class MeetingPageTests_PostgreSql(MeetingsPostgreSqlPortal portal) : MeetingPageTests<MeetingsPostgreSqlPortal, PostgreSqlPortal>(portal);
