using System.Text;
using Consortium.Portal.Meetings.Application;
using Consortium.Portal.Meetings.Calendar;
using Consortium.Portal.Platform.Paging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Consortium.Portal.Meetings.Api;

public static class MeetingsPaths
{
    public const string Api = "/api/meetings";
    public const string Page = "/meetings";
    public const string CalendarPage = "/meetings/calendar";
    public const string DecisionsPage = "/meetings/decisions";
    public const string MyActionItemsPage = "/meetings/action-items";

    public static string WorkspaceMeetings(Guid workspaceId) => $"/api/workspaces/{workspaceId}/meetings";
    public static string Meeting(Guid meetingId) => $"{Api}/{meetingId}";
    public static string Feed(string token) => $"{Api}/feed/{token}";
    public static string MeetingPage(Guid meetingId) => $"{Page}/{meetingId}";
}

/// <summary>
/// The module's API. What a caller may do is the meeting's workspace's answer (View to read and answer, Edit to
/// organise), checked by the application services; bodies are validated by the Platform's filter and refusals become
/// problem details in the Platform's one mapping. The calendar feed alone is anonymous: its secret token is the key.
/// </summary>
internal static class MeetingsEndpoints
{
    public static IEndpointRouteBuilder MapMeetingsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var workspace = endpoints.MapGroup("/api/workspaces/{workspaceId:guid}/meetings").WithTags("Meetings").RequireAuthorization();
        workspace.MapGet("", (Guid workspaceId, [AsParameters] MeetingListQuery query, MeetingViews views, CancellationToken ct) => Ok(views.ListAsync(workspaceId, query, ct)))
            .WithName("ListMeetings").WithSummary("A workspace's upcoming meetings, or its past ones (past=true)");
        workspace.MapPost("", async (Guid workspaceId, CreateMeetingRequest request, MeetingScheduling scheduling, MeetingViews views, CancellationToken ct) =>
            {
                var id = await scheduling.CreateAsync(workspaceId, request, ct);
                return TypedResults.Created(MeetingsPaths.Meeting(id), await views.GetAsync(id, ct));
            })
            .WithName("CreateMeeting").WithSummary("Drafts a meeting, or the meetings of a series; a template pre-fills agenda and invitees");

        var api = endpoints.MapGroup(MeetingsPaths.Api).WithTags("Meetings").RequireAuthorization();
        api.MapGet("/mine", (DateTime from, DateTime to, MeetingViews views, CancellationToken ct) => Ok(views.MineAsync(from.ToUniversalTime(), to.ToUniversalTime(), ct)))
            .WithName("MyMeetings").WithSummary("Meetings of the caller's workspaces between two instants (the calendar view)");
        api.MapGet("/decisions", ([AsParameters] DecisionQuery query, MeetingViews views, CancellationToken ct) => Ok(views.DecisionsAsync(query, ct)))
            .WithName("DecisionsRegister").WithSummary("Decisions of the caller's workspaces, searchable by text and number");
        api.MapGet("/action-items/mine", (bool? includeDone, MeetingViews views, CancellationToken ct) => Ok(views.MyActionItemsAsync(includeDone ?? false, ct)))
            .WithName("MyActionItems").WithSummary("The caller's action items");
        api.MapPost("/action-items/{actionItemId:guid}/close", (Guid actionItemId, CloseActionItemRequest request, MeetingRecords records, CancellationToken ct) => Done(records.CloseActionAsync(actionItemId, request, ct)))
            .WithName("CloseActionItem").WithSummary("Closes an action item with a note (its owner or an organiser)");

        api.MapGet("/calendar-feed", (CalendarFeeds feeds, CancellationToken ct) => Ok(feeds.GetAsync(ct)))
            .WithName("GetCalendarFeed").WithSummary("Whether the caller has a personal feed");
        api.MapPost("/calendar-feed", (CalendarFeeds feeds, CancellationToken ct) => Ok(feeds.RenewAsync(ct)))
            .WithName("RenewCalendarFeed").WithSummary("Makes (or renews) the caller's feed; the URL is told only now");
        api.MapDelete("/calendar-feed", (CalendarFeeds feeds, CancellationToken ct) => Done(feeds.RevokeAsync(ct)))
            .WithName("RevokeCalendarFeed").WithSummary("Revokes the caller's feed: its URL answers 404");
        endpoints.MapGet(MeetingsPaths.Api + "/feed/{token}", async (string token, HttpContext http, CalendarFeeds feeds, CancellationToken ct)
                => Feed(http, await feeds.FeedAsync(token, http.Request.Headers.IfNoneMatch.ToString(), ct)))
            .AllowAnonymous().WithTags("Meetings").WithName("CalendarFeed").WithSummary("A personal calendar feed (RFC 5545); 404 for a wrong or revoked token");

        var meeting = api.MapGroup("/{meetingId:guid}");
        meeting.MapGet("", (Guid meetingId, MeetingViews views, CancellationToken ct) => Ok(views.GetAsync(meetingId, ct)))
            .WithName("GetMeeting").WithSummary("A meeting with its agenda, answers, attendance, decisions and action items");
        meeting.MapPut("", async (Guid meetingId, UpdateMeetingRequest request, MeetingScheduling scheduling, MeetingViews views, CancellationToken ct) =>
            {
                await scheduling.UpdateAsync(meetingId, request, ct);
                return TypedResults.Ok(await views.GetAsync(meetingId, ct));
            })
            .WithName("UpdateMeeting").WithSummary("Changes a meeting (or it and the following ones of its series); 409 when it changed since read");
        meeting.MapPost("/open", (Guid meetingId, MeetingScheduling s, CancellationToken ct) => Done(s.OpenAsync(meetingId, ct))).WithName("OpenMeeting").WithSummary("Sends the invitations");
        meeting.MapPost("/begin", (Guid meetingId, MeetingScheduling s, CancellationToken ct) => Done(s.BeginAsync(meetingId, ct))).WithName("BeginMeeting").WithSummary("The meeting is in progress");
        meeting.MapPost("/close", (Guid meetingId, MeetingScheduling s, CancellationToken ct) => Done(s.CloseAsync(meetingId, ct))).WithName("CloseMeeting").WithSummary("Closes the meeting: read-only");
        meeting.MapPost("/reopen", (Guid meetingId, MeetingScheduling s, CancellationToken ct) => Done(s.ReopenAsync(meetingId, null, ct))).WithName("ReopenMeeting").WithSummary("Reopens a closed meeting (kept in its history)");
        meeting.MapPost("/cancel", (Guid meetingId, CancelMeetingRequest request, MeetingScheduling s, CancellationToken ct) => Done(s.CancelAsync(meetingId, request, ct)))
            .WithName("CancelMeeting").WithSummary("Cancels the meeting (or it and the following ones) and tells the invitees");
        meeting.MapPut("/rsvp", (Guid meetingId, RsvpRequest request, MeetingScheduling s, CancellationToken ct) => Done(s.RespondAsync(meetingId, request, ct)))
            .WithName("AnswerInvitation").WithSummary("Yes, no or maybe, with a note");
        meeting.MapGet("/attendance", (Guid meetingId, MeetingViews views, CancellationToken ct) => Ok(views.OverviewAsync(meetingId, ct)))
            .WithName("MeetingCoverage").WithSummary("Who comes, per partner and side");
        meeting.MapPut("/attendance", (Guid meetingId, AttendanceRequest request, MeetingRecords records, CancellationToken ct) => Done(records.RecordAttendanceAsync(meetingId, request, ct)))
            .WithName("RecordAttendance").WithSummary("Who was present, in person or online, and counts by gender");
        meeting.MapGet("/ics", async (Guid meetingId, CalendarFeeds feeds, CancellationToken ct) => Calendar(await feeds.MeetingAsync(meetingId, ct), $"meeting-{meetingId:N}.ics"))
            .WithName("MeetingIcs").WithSummary("The meeting as an .ics file");
        meeting.MapPost("/minutes/submit", (Guid meetingId, Minutes.MinutesApproval approval, CancellationToken ct) => Done(approval.SubmitAsync(meetingId, ct)))
            .WithName("SubmitMinutes").WithSummary("Sends a closed meeting's minutes to the attending partners' leads for approval");
        meeting.MapGet("/minutes.docx", async (Guid meetingId, Minutes.MinutesExport export, CancellationToken ct) =>
            {
                var (content, fileName) = await export.DocxAsync(meetingId, ct);
                return Results.File(content, Minutes.MinutesDocument.ContentType, fileName);
            })
            .WithName("MinutesDocx").WithSummary("The minutes as a .docx: header, attendance, items, decisions and action items");

        meeting.MapPost("/agenda", async (Guid meetingId, AgendaItemRequest request, MeetingAgenda agenda, CancellationToken ct)
                => TypedResults.Created($"{MeetingsPaths.Meeting(meetingId)}/agenda", new AgendaItemCreatedDto(await agenda.AddAsync(meetingId, request, ct))))
            .WithName("AddAgendaItem").WithSummary("Adds an agenda item");
        meeting.MapPost("/proposals", async (Guid meetingId, AgendaItemRequest request, MeetingAgenda agenda, CancellationToken ct)
                => TypedResults.Created($"{MeetingsPaths.Meeting(meetingId)}/agenda", new AgendaItemCreatedDto(await agenda.ProposeAsync(meetingId, request, ct))))
            .WithName("ProposeAgendaItem").WithSummary("An invitee proposes an item to the backlog, before the cut-off");
        meeting.MapPut("/agenda/order", (Guid meetingId, ReorderAgendaRequest request, MeetingAgenda agenda, CancellationToken ct) => Done(agenda.ReorderAsync(meetingId, request, ct)))
            .WithName("ReorderAgenda").WithSummary("Puts the agenda in the given order");
        meeting.MapPut("/agenda/{itemId:guid}", (Guid meetingId, Guid itemId, AgendaItemRequest request, MeetingAgenda agenda, CancellationToken ct) => Done(agenda.UpdateAsync(meetingId, itemId, request, ct)))
            .WithName("UpdateAgendaItem").WithSummary("Changes an agenda item");
        meeting.MapDelete("/agenda/{itemId:guid}", (Guid meetingId, Guid itemId, MeetingAgenda agenda, CancellationToken ct) => Done(agenda.RemoveAsync(meetingId, itemId, ct)))
            .WithName("RemoveAgendaItem").WithSummary("Removes an agenda item");
        meeting.MapPost("/agenda/{itemId:guid}/accept", (Guid meetingId, Guid itemId, MeetingAgenda agenda, CancellationToken ct) => Done(agenda.AcceptAsync(meetingId, itemId, ct)))
            .WithName("AcceptProposal").WithSummary("Takes a proposal from the backlog into the agenda");
        meeting.MapPost("/agenda/{itemId:guid}/carry-forward", async (Guid meetingId, Guid itemId, MeetingAgenda agenda, CancellationToken ct)
                => TypedResults.Ok(new AgendaItemCarriedDto(await agenda.CarryForwardAsync(meetingId, itemId, ct))))
            .WithName("CarryAgendaItemForward").WithSummary("Puts an item not reached on the next meeting of the series, with its notes");
        meeting.MapPut("/agenda/{itemId:guid}/minutes", async (Guid meetingId, Guid itemId, MinutesRequest request, MeetingRecords records, CancellationToken ct)
                => TypedResults.Ok(new MinutesSavedDto(await records.WriteMinutesAsync(meetingId, itemId, request, ct))))
            .WithName("WriteMinutes").WithSummary("An item's minutes in Markdown; 409 with both texts when someone else saved first");
        meeting.MapPost("/decisions", async (Guid meetingId, DecisionRequest request, MeetingRecords records, CancellationToken ct)
                => TypedResults.Created(MeetingsPaths.DecisionsPage, await records.RecordDecisionAsync(meetingId, request, ct)))
            .WithName("RecordDecision").WithSummary("Records a decision with the workspace's next number");
        meeting.MapPost("/action-items", async (Guid meetingId, ActionItemRequest request, MeetingRecords records, CancellationToken ct)
                => TypedResults.Created(MeetingsPaths.MyActionItemsPage, await records.AssignActionAsync(meetingId, request, ct)))
            .WithName("AssignActionItem").WithSummary("Records an action item: what, owner, due date");
        return endpoints;
    }

    private static async Task<Ok<T>> Ok<T>(Task<T> task) => TypedResults.Ok(await task);

    private static async Task<NoContent> Done(Task task)
    {
        await task;
        return TypedResults.NoContent();
    }

    // Calendar programs poll the feed: they ask again with the ETag and get a 304 while nothing changed. "no-cache" makes
    // every poll ask (a moved meeting shows at the next poll), and "private" keeps the token's calendar out of shared caches.
    private static IResult Feed(HttpContext http, CalendarFeedText feed)
    {
        http.Response.Headers.ETag = feed.ETag;
        http.Response.Headers.CacheControl = "private, no-cache";
        return feed.Text is null ? Results.StatusCode(StatusCodes.Status304NotModified) : Calendar(feed.Text, null);
    }

    private static IResult Calendar(string text, string? fileName)
        => fileName is null
            ? Results.Text(text, MeetingCalendar.ContentType, Encoding.UTF8)
            : Results.File(Encoding.UTF8.GetBytes(text), MeetingCalendar.ContentType, fileName);
}
