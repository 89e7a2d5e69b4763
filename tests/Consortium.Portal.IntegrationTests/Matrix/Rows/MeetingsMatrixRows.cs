using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using Consortium.Portal.IntegrationTests.Documents;
using Consortium.Portal.Meetings;
using Consortium.Portal.Meetings.Api;
using Consortium.Portal.Workspaces;
using static Consortium.Portal.IntegrationTests.Matrix.MatrixRequests;

namespace Consortium.Portal.IntegrationTests.Matrix.Rows;

/// <summary>
/// The Meetings module: what the meeting's workspace allows, View to read and answer, Edit to organise (403 below the
/// role, 404 outside the workspace). Answering and proposing are for invitees (the workspace's members), so those who
/// manage every workspace without being members get 403. A draft is hidden from those who may not organise it (404).
/// Rows that change a meeting's state or agenda get a meeting of their own, made by the Owner a week ahead.
/// </summary>
public sealed class MeetingsMatrixRows : IEndpointMatrixRows
{
    private const string Workspace = "/api/workspaces/{workspaceId:guid}/meetings";
    private const string Meeting = MeetingsPaths.Api + "/{meetingId:guid}";
    private static readonly ConditionalWeakTable<MatrixScene, Task<MeetingDto>> Shared = new();

    public IEnumerable<MatrixRow> Rows()
    {
        var view = Expect.InWorkspace(WorkspaceAction.View);
        var edit = Expect.InWorkspace(WorkspaceAction.Edit);
        var invitee = view.With(Caller.Administrator, Outcome.Refused(HttpStatusCode.Forbidden)).With(Caller.Coordinator, Outcome.Refused(HttpStatusCode.Forbidden));
        var editDraft = edit.With(Caller.Reviewer, Outcome.Refused(HttpStatusCode.NotFound)).With(Caller.Viewer, Outcome.Refused(HttpStatusCode.NotFound));
        return
        [
            MatrixRow.Http("GET", Workspace + "/", view, c => Get(MeetingsPaths.WorkspaceMeetings(c.Scene.WorkspaceId))),
            MatrixRow.Http("POST", Workspace + "/", edit, c => Json(HttpMethod.Post, MeetingsPaths.WorkspaceMeetings(c.Scene.WorkspaceId), NewMeeting())),
            MatrixRow.Http("GET", MeetingsPaths.Api + "/mine", Expect.SignedIn, _ => Get($"{MeetingsPaths.Api}/mine?from=2027-01-01T00:00:00Z&to=2027-02-01T00:00:00Z")),
            MatrixRow.Http("GET", MeetingsPaths.Api + "/decisions", Expect.SignedIn, _ => Get($"{MeetingsPaths.Api}/decisions?search=budget")),
            MatrixRow.Http("GET", MeetingsPaths.Api + "/action-items/mine", Expect.SignedIn, _ => Get($"{MeetingsPaths.Api}/action-items/mine")),
            MatrixRow.Http("POST", MeetingsPaths.Api + "/action-items/{actionItemId:guid}/close", edit, async c =>
            {
                var meeting = await SharedMeetingAsync(c.Scene);
                var created = await c.Owner.PostAsJsonAsync($"{MeetingsPaths.Meeting(meeting.Id)}/action-items",
                    new ActionItemRequest("Send the figures", c.Scene.Person(Caller.Owner).Id, new DateOnly(2027, 6, 1)), DocumentsClient.Json);
                var item = await created.ReadAsync<ActionItemDto>(HttpStatusCode.Created);
                return Json(HttpMethod.Post, $"{MeetingsPaths.Api}/action-items/{item.Id}/close", new CloseActionItemRequest("Sent"));
            }),
            MatrixRow.Http("GET", MeetingsPaths.Api + "/calendar-feed", Expect.SignedIn, _ => Get($"{MeetingsPaths.Api}/calendar-feed")),
            MatrixRow.Http("POST", MeetingsPaths.Api + "/calendar-feed", Expect.SignedIn, _ => Send(HttpMethod.Post, $"{MeetingsPaths.Api}/calendar-feed")),
            MatrixRow.Http("DELETE", MeetingsPaths.Api + "/calendar-feed", Expect.SignedIn, _ => Send(HttpMethod.Delete, $"{MeetingsPaths.Api}/calendar-feed")),
            // The token is the key: a wrong one is not found, whoever asks.
            MatrixRow.Http("GET", MeetingsPaths.Api + "/feed/{token}", Expect.Everyone(HttpStatusCode.NotFound), _ => Get(MeetingsPaths.Feed("not-a-token"))),

            MatrixRow.Http("GET", Meeting + "/", view, async c => Get(MeetingsPaths.Meeting((await SharedMeetingAsync(c.Scene)).Id))),
            MatrixRow.Http("PUT", Meeting + "/", edit, async c =>
            {
                var meeting = await NewOpenMeetingAsync(c);
                return Json(HttpMethod.Put, MeetingsPaths.Meeting(meeting.Id), new UpdateMeetingRequest(Unique("Moved "), null, meeting.LocalStart.AddHours(1),
                    meeting.LocalEnd.AddHours(1), meeting.TimeZoneId, "Hotel", "Ohrid", null, null, meeting.ConcurrencyStamp));
            }),
            MatrixRow.Http("POST", Meeting + "/open", editDraft, async c => Send(HttpMethod.Post, $"{MeetingsPaths.Meeting((await NewDraftAsync(c)).Id)}/open")),
            MatrixRow.Http("POST", Meeting + "/begin", edit, async c => Send(HttpMethod.Post, $"{MeetingsPaths.Meeting((await NewOpenMeetingAsync(c)).Id)}/begin")),
            MatrixRow.Http("POST", Meeting + "/close", edit, async c => Send(HttpMethod.Post, $"{MeetingsPaths.Meeting((await NewOpenMeetingAsync(c)).Id)}/close")),
            MatrixRow.Http("POST", Meeting + "/reopen", edit, async c =>
            {
                var meeting = await NewOpenMeetingAsync(c);
                (await c.Owner.PostAsync($"{MeetingsPaths.Meeting(meeting.Id)}/close", null)).EnsureSuccessStatusCode();
                return Send(HttpMethod.Post, $"{MeetingsPaths.Meeting(meeting.Id)}/reopen");
            }),
            MatrixRow.Http("POST", Meeting + "/cancel", edit, async c =>
                Json(HttpMethod.Post, $"{MeetingsPaths.Meeting((await NewOpenMeetingAsync(c)).Id)}/cancel", new CancelMeetingRequest("Postponed"))),
            MatrixRow.Http("PUT", Meeting + "/rsvp", invitee, async c =>
                Json(HttpMethod.Put, $"{MeetingsPaths.Meeting((await SharedMeetingAsync(c.Scene)).Id)}/rsvp", new RsvpRequest(RsvpAnswer.Yes, "Coming"))),
            MatrixRow.Http("GET", Meeting + "/attendance", view, async c => Get($"{MeetingsPaths.Meeting((await SharedMeetingAsync(c.Scene)).Id)}/attendance")),
            MatrixRow.Http("PUT", Meeting + "/attendance", edit, async c =>
                Json(HttpMethod.Put, $"{MeetingsPaths.Meeting((await SharedMeetingAsync(c.Scene)).Id)}/attendance", new AttendanceRequest([], 1, 2, 0))),
            MatrixRow.Http("POST", Meeting + "/minutes/submit", edit, async c =>
            {
                var meeting = await NewOpenMeetingAsync(c);
                (await c.Owner.PostAsync($"{MeetingsPaths.Meeting(meeting.Id)}/close", null)).EnsureSuccessStatusCode();
                return Send(HttpMethod.Post, $"{MeetingsPaths.Meeting(meeting.Id)}/minutes/submit");
            }),
            MatrixRow.Http("GET", Meeting + "/minutes.docx", view, async c => Get($"{MeetingsPaths.Meeting((await SharedMeetingAsync(c.Scene)).Id)}/minutes.docx")),
            MatrixRow.Http("GET", Meeting + "/ics", view, async c => Get($"{MeetingsPaths.Meeting((await SharedMeetingAsync(c.Scene)).Id)}/ics")),
            MatrixRow.Http("POST", Meeting + "/agenda", edit, async c =>
                Json(HttpMethod.Post, $"{MeetingsPaths.Meeting((await NewOpenMeetingAsync(c)).Id)}/agenda", new AgendaItemRequest("Budget", null, 15, null))),
            MatrixRow.Http("POST", Meeting + "/proposals", invitee, async c =>
                Json(HttpMethod.Post, $"{MeetingsPaths.Meeting((await NewOpenMeetingAsync(c)).Id)}/proposals", new AgendaItemRequest("Visibility", null, 10, null))),
            MatrixRow.Http("PUT", Meeting + "/agenda/order", edit, async c =>
            {
                var meeting = await NewOpenMeetingAsync(c);
                return Json(HttpMethod.Put, $"{MeetingsPaths.Meeting(meeting.Id)}/agenda/order", new ReorderAgendaRequest(meeting.Agenda.Select(i => i.Id).Reverse().ToList()));
            }),
            MatrixRow.Http("PUT", Meeting + "/agenda/{itemId:guid}", edit, async c =>
            {
                var meeting = await NewOpenMeetingAsync(c);
                return Json(HttpMethod.Put, $"{MeetingsPaths.Meeting(meeting.Id)}/agenda/{meeting.Agenda[0].Id}", new AgendaItemRequest("Renamed", null, 20, "More"));
            }),
            MatrixRow.Http("DELETE", Meeting + "/agenda/{itemId:guid}", edit, async c =>
            {
                var meeting = await NewOpenMeetingAsync(c);
                return Send(HttpMethod.Delete, $"{MeetingsPaths.Meeting(meeting.Id)}/agenda/{meeting.Agenda[0].Id}");
            }),
            MatrixRow.Http("POST", Meeting + "/agenda/{itemId:guid}/accept", edit, async c =>
            {
                var meeting = await NewOpenMeetingAsync(c);
                var proposed = await c.Owner.PostAsJsonAsync($"{MeetingsPaths.Meeting(meeting.Id)}/proposals", new AgendaItemRequest("Proposal", null, 5, null), DocumentsClient.Json);
                var id = (await proposed.ReadAsync<CreatedId>(HttpStatusCode.Created)).Id;
                return Send(HttpMethod.Post, $"{MeetingsPaths.Meeting(meeting.Id)}/agenda/{id}/accept");
            }),
            MatrixRow.Http("POST", Meeting + "/agenda/{itemId:guid}/carry-forward", edit, async c =>
            {
                var meeting = await NewOpenMeetingAsync(c, new SeriesSpec(SeriesFrequency.Weekly, 1, null, 2));
                return Send(HttpMethod.Post, $"{MeetingsPaths.Meeting(meeting.Id)}/agenda/{meeting.Agenda[0].Id}/carry-forward");
            }),
            MatrixRow.Http("PUT", Meeting + "/agenda/{itemId:guid}/minutes", edit, async c =>
            {
                var meeting = await NewOpenMeetingAsync(c);
                var item = meeting.Agenda[0];
                return Json(HttpMethod.Put, $"{MeetingsPaths.Meeting(meeting.Id)}/agenda/{item.Id}/minutes", new MinutesRequest("Agreed.", item.MinutesStamp));
            }),
            MatrixRow.Http("POST", Meeting + "/decisions", edit, async c =>
                Json(HttpMethod.Post, $"{MeetingsPaths.Meeting((await SharedMeetingAsync(c.Scene)).Id)}/decisions", new DecisionRequest("The budget is adopted."))),
            MatrixRow.Http("POST", Meeting + "/action-items", edit, async c =>
                Json(HttpMethod.Post, $"{MeetingsPaths.Meeting((await SharedMeetingAsync(c.Scene)).Id)}/action-items",
                    new ActionItemRequest("Draft the report", c.Scene.Person(Caller.Owner).Id, new DateOnly(2027, 6, 1)))),
        ];
    }

    private sealed record CreatedId(Guid Id);

    private static CreateMeetingRequest NewMeeting(SeriesSpec? series = null)
    {
        var start = DateTime.UtcNow.Date.AddDays(7).AddHours(10);
        return new CreateMeetingRequest(Unique("Forum "), null, start, start.AddHours(2), "Europe/Belgrade", "Hotel", "Tirana", null,
            MeetingTemplate.ForumMeeting, Series: series);
    }

    private static Task<MeetingDto> SharedMeetingAsync(MatrixScene scene)
        => Shared.GetValue(scene, s => CreateAsync(s.Person(Caller.Owner).Client, s.WorkspaceId, open: true, null));

    private static Task<MeetingDto> NewDraftAsync(MatrixCall call) => CreateAsync(call.Owner, call.Scene.WorkspaceId, open: false, null);

    private static Task<MeetingDto> NewOpenMeetingAsync(MatrixCall call, SeriesSpec? series = null) => CreateAsync(call.Owner, call.Scene.WorkspaceId, open: true, series);

    private static async Task<MeetingDto> CreateAsync(HttpClient owner, Guid workspaceId, bool open, SeriesSpec? series)
    {
        var created = await owner.PostAsJsonAsync(MeetingsPaths.WorkspaceMeetings(workspaceId), NewMeeting(series), DocumentsClient.Json);
        var meeting = await created.ReadAsync<MeetingDto>(HttpStatusCode.Created);
        if (!open)
        {
            return meeting;
        }
        (await owner.PostAsync($"{MeetingsPaths.Meeting(meeting.Id)}/open", null)).EnsureSuccessStatusCode();
        return await (await owner.GetAsync(MeetingsPaths.Meeting(meeting.Id))).ReadAsync<MeetingDto>();
    }
}
