using System.Net;
using System.Net.Http.Json;
using Bunit;
using Consortium.Portal.IntegrationTests.Documents;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Meetings;
using Consortium.Portal.Meetings.Api;
using Consortium.Portal.Meetings.Pages;

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

    [Fact]
    public async Task Minutes_saved_by_someone_else_meanwhile_show_both_texts_and_the_writer_may_keep_theirs()
    {
        var forum = portal.NewForum();
        var meeting = await OpenMeetingAsync(forum);
        var item = meeting.Agenda[1];
        await using var tab = new PortalPage(portal.App, forum.Organiser.Client);
        var page = tab.Page.Render<MeetingPage>(p => p.Add(c => c.MeetingId, meeting.Id));
        page.WaitForElement($"#item-{item.Id} textarea").Change("Mine: agreed the schedule.");

        // Another organiser's tab saved the same item since this page read it.
        Assert.Equal(HttpStatusCode.OK, (await forum.Organiser.Client.PutAsJsonAsync($"{MeetingsPaths.Meeting(meeting.Id)}/agenda/{item.Id}/minutes",
            new MinutesRequest("Theirs: agreed the venue.", item.MinutesStamp), DocumentsClient.Json)).StatusCode);
        page.Find($"#item-{item.Id} [data-test=minutes-save]").Click();

        var conflict = page.WaitForElement($"#item-{item.Id} .mud-alert");
        Assert.Equal(["Theirs: agreed the venue.", "Mine: agreed the schedule."], conflict.QuerySelectorAll("pre").Select(p => p.TextContent));
        conflict.QuerySelector("button")!.Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll($"#item-{item.Id} .mud-alert")));
        var saved = await (await forum.Organiser.Client.GetAsync(MeetingsPaths.Meeting(meeting.Id))).ReadAsync<MeetingDto>();
        Assert.Equal("Mine: agreed the schedule.", saved.Agenda.Single(i => i.Id == item.Id).MinutesText);
    }
}

public sealed class MeetingPageTests_Sqlite(MeetingsSqlitePortal portal) : MeetingPageTests<MeetingsSqlitePortal, SqlitePortal>(portal);

public sealed class MeetingPageTests_PostgreSql(MeetingsPostgreSqlPortal portal) : MeetingPageTests<MeetingsPostgreSqlPortal, PostgreSqlPortal>(portal);
