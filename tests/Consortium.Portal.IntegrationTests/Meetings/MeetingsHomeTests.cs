using System.Net;
using System.Net.Http.Json;
using Consortium.Portal.IntegrationTests.Documents;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Meetings;
using Consortium.Portal.Meetings.Api;

namespace Consortium.Portal.IntegrationTests.Meetings;

/// <summary>The home page, "my work", as the Meetings module fills it: the action items a person owes, the meetings ahead.</summary>
public abstract class MeetingsHomeTests<TPortal, TDatabase>(TPortal portal) : IClassFixture<TPortal>
    where TPortal : MeetingsPortal<TDatabase>
    where TDatabase : PortalAppFactory, new()
{
    private static Task<string> HomeAsync(Attendee who) => HomePage.ReadAsync(who.Client);

    private static string Section(string html, string test) => HomePage.Section(html, test);

    [Fact]
    public async Task A_member_sees_the_action_items_they_owe_and_the_meetings_ahead_and_an_outsider_neither()
    {
        var forum = portal.NewForum();
        var title = $"Forum {Guid.NewGuid():N}";
        // Three days after the fixture's clock (1 March 2027): inside the section's two weeks.
        var start = new DateTime(2027, 3, 4, 10, 0, 0);
        var created = await forum.Organiser.Client.PostAsJsonAsync(MeetingsPaths.WorkspaceMeetings(forum.Id),
            new CreateMeetingRequest(title, null, start, start.AddHours(2), null, "Hotel Sirius", "Prishtina", null, MeetingTemplate.ForumMeeting, null, null),
            DocumentsClient.Json);
        var meeting = await created.ReadAsync<MeetingDto>(HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.NoContent, (await forum.Organiser.Client.PostAsync($"{MeetingsPaths.Meeting(meeting.Id)}/open", null)).StatusCode);
        var what = $"Send the budget {Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.Created, (await forum.Organiser.Client.PostAsJsonAsync($"{MeetingsPaths.Meeting(meeting.Id)}/action-items",
            new ActionItemRequest(what, forum.Serbian.Id, new DateOnly(2027, 2, 26)), DocumentsClient.Json)).StatusCode);

        var serbiansHome = await HomeAsync(forum.Serbian);
        var outsidersHome = await HomeAsync(forum.Outsider);

        var actions = Section(serbiansHome, "home-actions");
        Assert.Contains(what, actions);
        Assert.Contains("overdue since", actions);
        Assert.Contains($"href=\"{MeetingsPaths.MeetingPage(meeting.Id)}\"", actions);
        var meetings = Section(serbiansHome, "home-meetings");
        Assert.Contains(title, meetings);
        Assert.Contains("your answer: No answer", meetings);
        Assert.Contains("data-test=\"home-actions-empty\"", outsidersHome);
        Assert.Contains("data-test=\"home-meetings-empty\"", outsidersHome);
        Assert.DoesNotContain(title, outsidersHome);
        Assert.DoesNotContain(what, outsidersHome);
    }
}

public sealed class MeetingsHomeTests_Sqlite(MeetingsSqlitePortal portal) : MeetingsHomeTests<MeetingsSqlitePortal, SqlitePortal>(portal);

public sealed class MeetingsHomeTests_PostgreSql(MeetingsPostgreSqlPortal portal) : MeetingsHomeTests<MeetingsPostgreSqlPortal, PostgreSqlPortal>(portal);
