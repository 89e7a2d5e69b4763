using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Consortium.Portal.Documents;
using Consortium.Portal.IntegrationTests.Documents;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Meetings;
using Consortium.Portal.Meetings.Api;
using Consortium.Portal.Meetings.Application;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Identity;
using Consortium.Portal.Meetings.Jobs;
using Consortium.Portal.Platform.Paging;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Meetings.Data;
using Consortium.Portal.Meetings.Minutes;
using Consortium.Portal.Platform;
using Consortium.Portal.Platform.Events;
using Microsoft.EntityFrameworkCore;
using Consortium.Portal.Workflows;
using Ical.Net;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.IntegrationTests.Meetings;

/// <summary>The Meetings API as the Forum uses it, on both databases.</summary>
public abstract class MeetingApiTests<TPortal, TDatabase>(TPortal portal) : IClassFixture<TPortal>
    where TPortal : MeetingsPortal<TDatabase>
    where TDatabase : PortalAppFactory, new()
{
    private static readonly DateTime Start = new(2027, 3, 23, 10, 0, 0);

    private static CreateMeetingRequest Forum(SeriesSpec? series = null, IReadOnlyList<InviteeSpec>? invitees = null)
        => new("Forum meeting", "Activity 11", Start, Start.AddHours(2), null, "Hotel Sirius", "Prishtina", "https://meet.example.org/forum",
            MeetingTemplate.ForumMeeting, invitees, series);

    private static Task<MeetingDto> CreateAsync(Attendee organiser, Guid workspaceId, CreateMeetingRequest request, bool open = true)
        => ForumMeetings.CreateAsync(organiser, workspaceId, request, open);

    private static async Task<MeetingDto> GetAsync(Attendee who, Guid meetingId)
        => await (await who.Client.GetAsync(MeetingsPaths.Meeting(meetingId))).ReadAsync<MeetingDto>();

    [Fact]
    public async Task A_forum_meeting_from_the_template_invites_the_members_who_answer_and_both_sides_are_covered()
    {
        var forum = portal.NewForum();
        var draft = await CreateAsync(forum.Organiser, forum.Id, Forum(), open: false);
        Assert.Equal(MeetingState.Draft, draft.State);
        Assert.Equal(4, draft.Agenda.Count);
        Assert.Equal(new DateTime(2027, 3, 23, 9, 0, 0, DateTimeKind.Utc), draft.StartUtc);
        Assert.Equal(HttpStatusCode.NotFound, (await forum.Kosovar.Client.GetAsync(MeetingsPaths.Meeting(draft.Id))).StatusCode);

        // Invitees by person and by whole partner organisation: the Serbian member, and every KCSS member of the workspace.
        var chosen = await CreateAsync(forum.Organiser, forum.Id, Forum(invitees:
            [new InviteeSpec(InviteeKind.User, forum.Serbian.Id), new InviteeSpec(InviteeKind.PartnerOrganisation, ConsortiumPartners.Kcss.Id)]) with { Title = "Partners only" });
        var invited = chosen.Participants.Select(p => p.UserId).ToHashSet();
        Assert.Contains(forum.Serbian.Id, invited);
        Assert.Contains(forum.Kosovar.Id, invited);
        Assert.DoesNotContain(forum.Outsider.Id, invited);

        Assert.Equal(HttpStatusCode.NoContent, (await forum.Organiser.Client.PostAsync($"{MeetingsPaths.Meeting(draft.Id)}/open", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await forum.Kosovar.Client.PutAsJsonAsync($"{MeetingsPaths.Meeting(draft.Id)}/rsvp", new RsvpRequest(RsvpAnswer.Yes, "From Prishtina"), DocumentsClient.Json)).StatusCode);
        var half = await (await forum.Organiser.Client.GetAsync($"{MeetingsPaths.Meeting(draft.Id)}/attendance")).ReadAsync<AttendanceOverviewDto>();
        Assert.False(half.BothSidesRepresented);
        Assert.Equal(HttpStatusCode.NoContent, (await forum.Serbian.Client.PutAsJsonAsync($"{MeetingsPaths.Meeting(draft.Id)}/rsvp", new RsvpRequest(RsvpAnswer.Yes, null), DocumentsClient.Json)).StatusCode);

        var meeting = await GetAsync(forum.Organiser, draft.Id);
        Assert.Equal(3, meeting.Participants.Count);
        Assert.Equal("From Prishtina", meeting.Participants.Single(p => p.UserId == forum.Kosovar.Id).Note);
        var coverage = await (await forum.Organiser.Client.GetAsync($"{MeetingsPaths.Meeting(draft.Id)}/attendance")).ReadAsync<AttendanceOverviewDto>();
        Assert.True(coverage.BothSidesRepresented);
        Assert.False(coverage.EveryInvitedPartnerRepresented); // the organiser's own partner has not answered
        Assert.Equal(HttpStatusCode.NotFound, (await forum.Outsider.Client.PutAsJsonAsync($"{MeetingsPaths.Meeting(draft.Id)}/rsvp", new RsvpRequest(RsvpAnswer.Yes, null), DocumentsClient.Json)).StatusCode);
    }

    [Fact]
    public async Task Bad_meetings_are_refused_field_by_field_and_nothing_is_made()
    {
        var forum = portal.NewForum();
        async Task<string[]> Refused(CreateMeetingRequest request)
            => await DocumentsClient.FieldErrorsAsync(await forum.Organiser.Client.PostAsJsonAsync(MeetingsPaths.WorkspaceMeetings(forum.Id), request, DocumentsClient.Json));

        Assert.Equal(["end"], await Refused(Forum() with { End = Start.AddHours(-1) }));
        Assert.Equal(["timeZoneId"], await Refused(Forum() with { TimeZoneId = "Europe/Atlantis" }));
        Assert.Equal(["series"], await Refused(Forum(new SeriesSpec(SeriesFrequency.Weekly))));
        Assert.Equal(["series"], await Refused(Forum(new SeriesSpec(SeriesFrequency.Weekly, 1, Until: DateOnly.FromDateTime(Start).AddYears(3)))));
        Assert.Equal(["invitees"], await Refused(Forum(invitees: [new InviteeSpec(InviteeKind.User, forum.Outsider.Id)])));

        var list = await (await forum.Organiser.Client.GetAsync(MeetingsPaths.WorkspaceMeetings(forum.Id))).ReadAsync<JsonElement>();
        Assert.Equal(0, list.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task The_personal_feed_shows_moves_and_cancellations_and_nothing_after_revocation_or_leaving()
    {
        var forum = portal.NewForum();
        var kept = await CreateAsync(forum.Organiser, forum.Id, Forum());
        var moved = await CreateAsync(forum.Organiser, forum.Id, Forum() with { Title = "Partner call" });
        var cancelled = await CreateAsync(forum.Organiser, forum.Id, Forum() with { Title = "Training" });
        Assert.Equal(HttpStatusCode.OK, (await forum.Organiser.Client.PutAsJsonAsync(MeetingsPaths.Meeting(moved.Id),
            new UpdateMeetingRequest(moved.Title, null, Start.AddDays(1), Start.AddDays(1).AddHours(1), null, "Hotel", "Belgrade", null, null, moved.ConcurrencyStamp),
            DocumentsClient.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await forum.Organiser.Client.PostAsJsonAsync($"{MeetingsPaths.Meeting(cancelled.Id)}/cancel", new CancelMeetingRequest("Strike"), DocumentsClient.Json)).StatusCode);

        var cancelledAnswer = await forum.Kosovar.Client.PutAsJsonAsync($"{MeetingsPaths.Meeting(cancelled.Id)}/rsvp", new RsvpRequest(RsvpAnswer.Yes, null), DocumentsClient.Json);
        Assert.Equal(HttpStatusCode.BadRequest, cancelledAnswer.StatusCode);
        Assert.Contains("Training", await cancelledAnswer.Content.ReadAsStringAsync());

        var feed = await (await forum.Kosovar.Client.PostAsync($"{MeetingsPaths.Api}/calendar-feed", null)).ReadAsync<CalendarFeedDto>();
        var path = new Uri(new Uri("https://localhost"), feed.Url!).PathAndQuery;
        var anonymous = portal.Anonymous();
        var response = await anonymous.GetAsync(path);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var calendar = Calendar.Load(await response.Content.ReadAsStringAsync())!;
        var events = calendar.Events.ToDictionary(e => e.Summary!);
        Assert.Equal(0, events["Forum meeting"].Sequence);
        Assert.Equal(1, events["Partner call"].Sequence);
        Assert.Equal(new DateTime(2027, 3, 24, 9, 0, 0, DateTimeKind.Utc), events["Partner call"].DtStart!.AsUtc);
        Assert.Equal(EventStatus.Cancelled, events["Training"].Status);

        // The invitees were told of the move and of the cancellation (through the outbox, to the Notifications module).
        await using (var scope = portal.Scope())
        {
            var told = (await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().OutboxMessages.AsNoTracking()
                    .Where(m => m.EventName == "notifications.requested").Select(m => m.Payload).ToListAsync())
                .Select(p => JsonSerializer.Deserialize<Consortium.Portal.Notifications.NotificationRequested>(p, JsonSerializerOptions.Web)!).ToList();
            Assert.Contains(told, n => n.Type == "meetings.moved" && n.Link == MeetingsPaths.MeetingPage(moved.Id) && n.RecipientIds.Contains(forum.Kosovar.Id));
            Assert.Contains(told, n => n.Type == "meetings.cancelled" && n.Link == MeetingsPaths.MeetingPage(cancelled.Id) && n.RecipientIds.Contains(forum.Kosovar.Id)
                                       && n.Parameters.GetValueOrDefault("reason") == "Strike");
        }

        var ics = await forum.Kosovar.Client.GetAsync($"{MeetingsPaths.Meeting(kept.Id)}/ics");
        Assert.Single(Calendar.Load(await ics.Content.ReadAsStringAsync())!.Events);

        portal.Workspaces.Remove(forum.Id, forum.Kosovar.Id);
        Assert.Empty(Calendar.Load(await (await anonymous.GetAsync(path)).Content.ReadAsStringAsync())!.Events);

        Assert.Equal(HttpStatusCode.NoContent, (await forum.Kosovar.Client.DeleteAsync($"{MeetingsPaths.Api}/calendar-feed")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(MeetingsPaths.Feed("wrong"))).StatusCode);
    }

    [Fact]
    public async Task A_meeting_edit_and_minutes_without_the_stamp_they_read_are_field_errors_on_it_and_change_nothing()
    {
        var forum = portal.NewForum();
        var meeting = await CreateAsync(forum.Organiser, forum.Id, Forum());
        var item = meeting.Agenda[1];

        await forum.Organiser.Client.AssertRefusedAsync(HttpMethod.Put, MeetingsPaths.Meeting(meeting.Id),
            new UpdateMeetingRequest("Moved meeting", null, Start.AddDays(1), Start.AddDays(1).AddHours(1), null, "Hotel", "Belgrade", null, null, meeting.ConcurrencyStamp));
        await forum.Organiser.Client.AssertRefusedAsync(HttpMethod.Put, $"{MeetingsPaths.Meeting(meeting.Id)}/agenda/{item.Id}/minutes",
            new MinutesRequest("Agreed without reading.", item.MinutesStamp), "minutesStamp");

        var after = await GetAsync(forum.Organiser, meeting.Id);
        Assert.Equal((meeting.Title, meeting.StartUtc, meeting.Town, meeting.ConcurrencyStamp), (after.Title, after.StartUtc, after.Town, after.ConcurrencyStamp));
        Assert.Equal((item.MinutesText, item.MinutesStamp), (after.Agenda[1].MinutesText, after.Agenda[1].MinutesStamp));
    }

    [Fact]
    public async Task Of_two_edits_from_the_same_read_the_second_is_a_409_and_changes_nothing()
    {
        var forum = portal.NewForum();
        var meeting = await CreateAsync(forum.Organiser, forum.Id, Forum());
        UpdateMeetingRequest Edit(string title, int hoursLater)
            => new(title, meeting.Description, meeting.LocalStart.AddHours(hoursLater), meeting.LocalEnd.AddHours(hoursLater), meeting.TimeZoneId,
                meeting.Place, meeting.Town, meeting.OnlineLink, null, meeting.ConcurrencyStamp);

        // An edit the rules refuse (the meeting page's dialog shows these under its fields) changes nothing, stamp included.
        Assert.Equal(["end", "title"], await DocumentsClient.FieldErrorsAsync(await forum.Organiser.Client.PutAsJsonAsync(MeetingsPaths.Meeting(meeting.Id),
            Edit(" ", 0) with { End = meeting.LocalStart.AddHours(-1) }, DocumentsClient.Json)));

        var first = await (await forum.Organiser.Client.PutAsJsonAsync(MeetingsPaths.Meeting(meeting.Id), Edit("Forum, an hour later", 1), DocumentsClient.Json))
            .ReadAsync<MeetingDto>();
        Assert.NotEqual(meeting.ConcurrencyStamp, first.ConcurrencyStamp);

        var second = await forum.Organiser.Client.PutAsJsonAsync(MeetingsPaths.Meeting(meeting.Id), Edit("Forum, from the old read", 2), DocumentsClient.Json);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
        // The loser is told the meeting as it is now, as a GET of it shows it (the winner's stamp): it can redo its change
        // on that without reading again.
        var current = (await second.ReadAsync<JsonElement>(HttpStatusCode.Conflict)).GetProperty("current").Deserialize<MeetingDto>(DocumentsClient.Json)!;

        var after = await GetAsync(forum.Organiser, meeting.Id);
        Assert.Equal(("Forum, an hour later", meeting.StartUtc.AddHours(1), first.ConcurrencyStamp), (after.Title, after.StartUtc, after.ConcurrencyStamp));
        Assert.Equal((after.Title, after.StartUtc, after.EndUtc, after.LocalStart, after.LocalEnd, after.ConcurrencyStamp),
            (current.Title, current.StartUtc, current.EndUtc, current.LocalStart, current.LocalEnd, current.ConcurrencyStamp));
    }

    [Fact]
    public async Task An_edit_whose_save_loses_to_one_saved_after_its_read_is_a_409_with_the_meeting_as_it_is_now()
    {
        var forum = portal.NewForum();
        var meeting = await CreateAsync(forum.Organiser, forum.Id, Forum());
        UpdateMeetingRequest Edit(string title, string town)
            => new(title, meeting.Description, meeting.LocalStart, meeting.LocalEnd, meeting.TimeZoneId,
                meeting.Place, town, meeting.OnlineLink, null, meeting.ConcurrencyStamp);
        HttpResponseMessage? winner = null;
        // Both read the same stamp; the winner saves after the loser's stamp check passed and before its save.
        portal.Saves.Before(meeting.Id, async () => winner = await forum.Organiser.Client.PutAsJsonAsync(MeetingsPaths.Meeting(meeting.Id),
            Edit("Forum in Kraljevo", "Kraljevo"), DocumentsClient.Json));

        var loser = await forum.Organiser.Client.PutAsJsonAsync(MeetingsPaths.Meeting(meeting.Id), Edit("Forum in Gjilan", "Gjilan"), DocumentsClient.Json);

        Assert.Equal(HttpStatusCode.OK, winner?.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, loser.StatusCode);
        Assert.Equal("application/problem+json", loser.Content.Headers.ContentType?.MediaType);
        var current = (await loser.ReadAsync<JsonElement>(HttpStatusCode.Conflict)).GetProperty("current").Deserialize<MeetingDto>(DocumentsClient.Json)!;
        var now = await GetAsync(forum.Organiser, meeting.Id);
        Assert.Equal(JsonSerializer.Serialize(now, DocumentsClient.Json), JsonSerializer.Serialize(current, DocumentsClient.Json));
        // Nothing of the loser's edit was saved: the meeting is the winner's.
        Assert.Equal(("Forum in Kraljevo", "Kraljevo"), (now.Title, now.Town));
        Assert.NotEqual(meeting.ConcurrencyStamp, now.ConcurrencyStamp);
    }

    [Fact]
    public async Task Minutes_decisions_and_action_items_are_kept_and_the_second_writer_sees_both_texts()
    {
        var forum = portal.NewForum();
        var meeting = await CreateAsync(forum.Organiser, forum.Id, Forum());
        var item = meeting.Agenda[1];
        var minutes = $"{MeetingsPaths.Meeting(meeting.Id)}/agenda/{item.Id}/minutes";

        var first = await forum.Organiser.Client.PutAsJsonAsync(minutes, new MinutesRequest("**Agreed** <script>alert(1)</script> [x](javascript:alert(1))", item.MinutesStamp), DocumentsClient.Json);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var second = await forum.Organiser.Client.PutAsJsonAsync(minutes, new MinutesRequest("My own notes", item.MinutesStamp), DocumentsClient.Json);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var current = (await second.ReadAsync<JsonElement>(HttpStatusCode.Conflict)).GetProperty("current");
        Assert.Equal("My own notes", current.GetProperty("yourText").GetString());
        Assert.StartsWith("**Agreed**", current.GetProperty("currentText").GetString());

        var html = (await GetAsync(forum.Kosovar, meeting.Id)).Agenda[1].MinutesHtml;
        Assert.Contains("<strong>Agreed</strong>", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("javascript:", html);

        var one = await (await forum.Organiser.Client.PostAsJsonAsync($"{MeetingsPaths.Meeting(meeting.Id)}/decisions", new DecisionRequest("The schedule is adopted.", item.Id), DocumentsClient.Json)).ReadAsync<DecisionDto>(HttpStatusCode.Created);
        var two = await (await forum.Organiser.Client.PostAsJsonAsync($"{MeetingsPaths.Meeting(meeting.Id)}/decisions", new DecisionRequest("Trainings move to May."), DocumentsClient.Json)).ReadAsync<DecisionDto>(HttpStatusCode.Created);
        Assert.Equal(("F-2027-001", "F-2027-002"), (one.Code, two.Code));
        var found = await (await forum.Serbian.Client.GetAsync($"{MeetingsPaths.Api}/decisions?search=may")).ReadAsync<JsonElement>();
        Assert.Equal("F-2027-002", Assert.Single(found.GetProperty("items").EnumerateArray()).GetProperty("code").GetString());
        Assert.Equal(0, (await (await forum.Outsider.Client.GetAsync($"{MeetingsPaths.Api}/decisions?search=may")).ReadAsync<JsonElement>()).GetProperty("totalCount").GetInt32());

        foreach (var what in new[] { "Send the budget", "Book the hall" })
        {
            Assert.Equal(HttpStatusCode.Created, (await forum.Organiser.Client.PostAsJsonAsync($"{MeetingsPaths.Meeting(meeting.Id)}/action-items",
                new ActionItemRequest(what, forum.Serbian.Id, new DateOnly(2027, 3, 2)), DocumentsClient.Json)).StatusCode);
        }
        Assert.Equal(["attendees"], await DocumentsClient.FieldErrorsAsync(await forum.Organiser.Client.PutAsJsonAsync($"{MeetingsPaths.Meeting(meeting.Id)}/attendance",
            new AttendanceRequest([new AttendeeEntry(forum.Outsider.Id, AttendanceMode.Online)]), DocumentsClient.Json)));
        var mine = await (await forum.Serbian.Client.GetAsync($"{MeetingsPaths.Api}/action-items/mine")).ReadAsync<List<ActionItemDto>>();
        Assert.Equal(2, mine.Count);

        await using (var scope = portal.Scope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<MeetingReminderJob>().RemindAsync(CancellationToken.None) >= 2);
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<MeetingReminderJob>().RemindAsync(CancellationToken.None));
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await forum.Kosovar.Client.PostAsJsonAsync($"{MeetingsPaths.Api}/action-items/{mine[0].Id}/close", new CloseActionItemRequest("Done"), DocumentsClient.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await forum.Serbian.Client.PostAsJsonAsync($"{MeetingsPaths.Api}/action-items/{mine[0].Id}/close", new CloseActionItemRequest("Sent on Monday"), DocumentsClient.Json)).StatusCode);
        Assert.Single(await (await forum.Serbian.Client.GetAsync($"{MeetingsPaths.Api}/action-items/mine")).ReadAsync<List<ActionItemDto>>());

        var next = await CreateAsync(forum.Organiser, forum.Id, Forum() with { Start = Start.AddDays(30), End = Start.AddDays(30).AddHours(2) });
        Assert.Single((await GetAsync(forum.Organiser, next.Id)).ReviewActionItems);
    }

    [Fact]
    public async Task The_attending_partners_leads_approve_the_minutes_which_are_then_locked()
    {
        var forum = portal.NewForum();
        Attendee Lead(string name, ConsortiumPartners.Partner partner)
        {
            var id = Guid.NewGuid();
            portal.Directory.Add(new PortalUserDto(id, $"{id:N}@example.org", name, partner.Id, [PortalRoles.PartnerLead], false));
            return new Attendee(id, name, portal.SignedIn(PortalRoles.PartnerLead, id));
        }
        var kosovoLead = Lead("Kaltrina Lead", ConsortiumPartners.Kcss);
        var serbiaLead = Lead("Stefan Lead", ConsortiumPartners.Bcsp);
        var meeting = await CreateAsync(forum.Organiser, forum.Id, Forum());
        var item = meeting.Agenda[0];
        await forum.Organiser.Client.PutAsJsonAsync($"{MeetingsPaths.Meeting(meeting.Id)}/agenda/{item.Id}/minutes", new MinutesRequest("Reviewed.", item.MinutesStamp), DocumentsClient.Json);
        Assert.Equal(HttpStatusCode.NoContent, (await forum.Organiser.Client.PutAsJsonAsync($"{MeetingsPaths.Meeting(meeting.Id)}/attendance",
            new AttendanceRequest([new AttendeeEntry(forum.Kosovar.Id, AttendanceMode.InPerson), new AttendeeEntry(forum.Serbian.Id, AttendanceMode.Online)], 1, 1, 0), DocumentsClient.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await forum.Organiser.Client.PostAsync($"{MeetingsPaths.Meeting(meeting.Id)}/minutes/submit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await forum.Organiser.Client.PostAsync($"{MeetingsPaths.Meeting(meeting.Id)}/close", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await forum.Organiser.Client.PostAsync($"{MeetingsPaths.Meeting(meeting.Id)}/minutes/submit", null)).StatusCode);

        foreach (var lead in new[] { kosovoLead, serbiaLead })
        {
            var tasks = await lead.Client.GetFromJsonAsync<PagedResult<WorkflowTaskDto>>("/api/workflows/tasks/mine", DocumentsClient.Json);
            var task = Assert.Single(tasks!.Items, t => t.SubjectId == meeting.Id);
            Assert.Equal(HttpStatusCode.OK, (await lead.Client.PostAsJsonAsync($"/api/workflows/tasks/{task.Id}/decision",
                new ActOnTaskRequest(Guid.NewGuid(), TaskDecision.Approve, null), DocumentsClient.Json)).StatusCode);
        }

        // This portal delivers no outbox messages by itself: the completion the workflow wrote is handed to the handler
        // here, twice, as an at-least-once delivery may.
        for (var delivery = 1; delivery <= 2; delivery++)
        {
            await using var scope = portal.Scope();
            var outbox = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().OutboxMessages.AsNoTracking()
                .Where(m => m.EventName == "workflows.workflow-completed").ToListAsync();
            var completed = outbox.Select(m => JsonSerializer.Deserialize<WorkflowCompleted>(m.Payload, JsonSerializerOptions.Web)!).Single(e => e.SubjectId == meeting.Id);
            await ActivatorUtilities.CreateInstance<MinutesApprovedHandler>(scope.ServiceProvider)
                .HandleAsync(completed, new IntegrationEventContext(Guid.NewGuid(), DateTime.UtcNow, delivery), CancellationToken.None);
        }
        var approved = await GetAsync(forum.Organiser, meeting.Id);
        Assert.True(approved.MinutesApproved);

        // The .docx is kept once in the workspace's "Minutes" folder, stored by the system for the organiser.
        var documentId = Assert.IsType<Guid>(approved.MinutesDocumentId);
        await using (var scope = portal.Scope())
        {
            var kept = await scope.ServiceProvider.GetRequiredService<IDocumentFiles>().FindAsync(documentId);
            Assert.NotNull(kept);
            Assert.Equal((forum.Id, 1, "2027-03-23 Forum meeting.docx"), (kept.WorkspaceId, kept.LatestVersionNumber, kept.Name));
            Assert.Single(await scope.ServiceProvider.GetRequiredService<IDocumentFiles>().ListAsync(forum.Id));
            var documents = scope.ServiceProvider.GetRequiredService<Consortium.Portal.Documents.Data.DocumentsDbContext>();
            Assert.Equal("Minutes", (await documents.Folders.AsNoTracking().SingleAsync(f => f.WorkspaceId == forum.Id)).Name);
            Assert.True(await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().AuditLog.AnyAsync(a =>
                a.Action == "documents.stored-for-user" && a.UserId == forum.Organiser.Id && a.UserName == "system" && a.EntityId == documentId.ToString()));
        }
        Assert.Equal(HttpStatusCode.NoContent, (await forum.Organiser.Client.PostAsync($"{MeetingsPaths.Meeting(meeting.Id)}/reopen", null)).StatusCode);
        var locked = await forum.Organiser.Client.PutAsJsonAsync($"{MeetingsPaths.Meeting(meeting.Id)}/agenda/{item.Id}/minutes", new MinutesRequest("Changed later.", item.MinutesStamp), DocumentsClient.Json);
        Assert.Equal(HttpStatusCode.BadRequest, locked.StatusCode);

        var docx = await forum.Kosovar.Client.GetAsync($"{MeetingsPaths.Meeting(meeting.Id)}/minutes.docx");
        using var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(await docx.Content.ReadAsByteArrayAsync()), false);
        Assert.Empty(new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document));
    }

    [Fact]
    public async Task A_submit_whose_workflow_start_is_refused_leaves_the_meeting_as_it_was()
    {
        var forum = portal.NewForum();
        var meeting = await CreateAsync(forum.Organiser, forum.Id, Forum());
        Assert.Equal(HttpStatusCode.NoContent, (await forum.Organiser.Client.PostAsync($"{MeetingsPaths.Meeting(meeting.Id)}/close", null)).StatusCode);
        async Task<DateTime?> SubmittedAtAsync()
        {
            await using var scope = portal.Scope();
            return await scope.ServiceProvider.GetRequiredService<MeetingsDbContext>().Meetings.AsNoTracking()
                .Where(m => m.Id == meeting.Id).Select(m => m.MinutesSubmittedAtUtc).SingleAsync();
        }

        Assert.Equal(HttpStatusCode.NoContent, (await forum.Organiser.Client.PostAsync($"{MeetingsPaths.Meeting(meeting.Id)}/minutes/submit", null)).StatusCode);
        var first = Assert.IsType<DateTime>(await SubmittedAtAsync());
        // The meeting's page tells when (the reader's clock; the instant itself in the <time> element).
        Assert.Equal(first, (await GetAsync(forum.Organiser, meeting.Id)).MinutesSubmittedAtUtc);
        var page = await forum.Organiser.Client.GetStringAsync(MeetingsPaths.MeetingPage(meeting.Id));
        Assert.Contains("data-test=\"minutes-submitted\"", page);
        Assert.Contains($"datetime=\"{first:yyyy-MM-ddTHH:mm:ss}", page);

        // The workflow runs already: the second start is refused, and the meeting's submission saved before it is undone.
        Assert.Equal(HttpStatusCode.Conflict, (await forum.Organiser.Client.PostAsync($"{MeetingsPaths.Meeting(meeting.Id)}/minutes/submit", null)).StatusCode);
        Assert.Equal(first, await SubmittedAtAsync());
    }

    [Fact]
    public async Task An_answer_link_records_its_answer_once_the_page_runs_and_never_on_its_get()
    {
        var forum = portal.NewForum();
        var meeting = await CreateAsync(forum.Organiser, forum.Id, Forum());
        Assert.Equal(HttpStatusCode.NoContent, (await forum.Kosovar.Client.PutAsJsonAsync($"{MeetingsPaths.Meeting(meeting.Id)}/rsvp",
            new RsvpRequest(RsvpAnswer.Maybe, "From Prishtina"), DocumentsClient.Json)).StatusCode);
        ParticipantDto Mine(MeetingDto m) => Assert.Single(m.Participants, p => p.UserId == forum.Kosovar.Id);
        var before = Mine(await GetAsync(forum.Kosovar, meeting.Id));

        // Following the link (a GET, as a mail scanner makes too) shows that the answer is about to be recorded, and records nothing.
        var link = $"{MeetingsPaths.MeetingPage(meeting.Id)}?rsvp=yes";
        var html = await forum.Kosovar.Client.GetStringAsync(link);
        Assert.Contains("data-test=\"rsvp-recording\"", html);
        Assert.Contains("data-answer=\"Yes\"", html);
        Assert.Equal(before, Mine(await GetAsync(forum.Kosovar, meeting.Id)));

        // The page, once running in the browser (its circuit carries the signed-in reader), records it; the note stays.
        async Task<bool> FollowAsync(Attendee who, Guid meetingId, RsvpAnswer answer)
        {
            await using var scope = portal.Scope();
            scope.ServiceProvider.GetRequiredService<CurrentPrincipal>().Principal = new System.Security.Claims.ClaimsPrincipal(
                new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, who.Id.ToString())], "circuit"));
            return await scope.ServiceProvider.GetRequiredService<MeetingScheduling>().RespondFromLinkAsync(meetingId, answer);
        }
        Assert.True(await FollowAsync(forum.Kosovar, meeting.Id, RsvpAnswer.Yes));
        var answered = Mine(await GetAsync(forum.Kosovar, meeting.Id));
        Assert.Equal((RsvpAnswer.Yes, "From Prishtina"), (answered.Answer, answered.Note));

        // The same link again (a reload, a second click in the mail) changes nothing, not even the time of the answer.
        Assert.False(await FollowAsync(forum.Kosovar, meeting.Id, RsvpAnswer.Yes));
        Assert.Equal(answered, Mine(await GetAsync(forum.Kosovar, meeting.Id)));

        // A link to a cancelled meeting says so; someone not invited is told the meeting does not exist.
        Assert.Equal(HttpStatusCode.NoContent, (await forum.Organiser.Client.PostAsJsonAsync($"{MeetingsPaths.Meeting(meeting.Id)}/cancel", new CancelMeetingRequest(null), DocumentsClient.Json)).StatusCode);
        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => FollowAsync(forum.Kosovar, meeting.Id, RsvpAnswer.No));
        Assert.Equal("Rsvp.Cancelled", refused.MessageKey);
        await Assert.ThrowsAsync<EntityNotFoundException>(() => FollowAsync(forum.Outsider, meeting.Id, RsvpAnswer.Yes));
    }

    [Fact]
    public async Task The_calendar_window_lists_the_readers_meetings_with_their_answer()
    {
        var forum = portal.NewForum();
        var meeting = await CreateAsync(forum.Organiser, forum.Id, Forum());
        Assert.Equal(HttpStatusCode.NoContent, (await forum.Kosovar.Client.PutAsJsonAsync($"{MeetingsPaths.Meeting(meeting.Id)}/rsvp", new RsvpRequest(RsvpAnswer.Yes, null), DocumentsClient.Json)).StatusCode);
        async Task<List<MeetingSummaryDto>> WeekAsync(Attendee who, string from, string to)
            => await (await who.Client.GetAsync($"{MeetingsPaths.Api}/mine?from={from}&to={to}")).ReadAsync<List<MeetingSummaryDto>>();

        // The week of 22 March 2027 holds the meeting (10:00–12:00 in Belgrade, 09:00–11:00 UTC); a window from its end does not.
        var week = await WeekAsync(forum.Kosovar, "2027-03-22T00:00:00Z", "2027-03-29T00:00:00Z");
        Assert.Equal(RsvpAnswer.Yes, Assert.Single(week, m => m.Id == meeting.Id).MyAnswer);
        Assert.DoesNotContain(await WeekAsync(forum.Kosovar, "2027-03-23T11:00:00Z", "2027-03-30T00:00:00Z"), m => m.Id == meeting.Id);
        Assert.DoesNotContain(await WeekAsync(forum.Outsider, "2027-03-22T00:00:00Z", "2027-03-29T00:00:00Z"), m => m.Id == meeting.Id);
    }

    [Fact]
    public async Task This_and_following_moves_the_rest_of_the_series_and_leaves_the_earlier_meeting()
    {
        var forum = portal.NewForum();
        var first = await CreateAsync(forum.Organiser, forum.Id, Forum(new SeriesSpec(SeriesFrequency.Weekly, 1, Count: 3)) with { Title = "Weekly call" });
        var list = await (await forum.Organiser.Client.GetAsync(MeetingsPaths.WorkspaceMeetings(forum.Id))).ReadAsync<JsonElement>();
        var series = list.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("id").GetGuid()).ToList();
        var meetings = new List<MeetingDto>();
        foreach (var id in series)
        {
            meetings.Add(await GetAsync(forum.Organiser, id));
        }
        meetings = meetings.Where(m => m.SeriesId == first.SeriesId).OrderBy(m => m.StartUtc).ToList();
        Assert.Equal(3, meetings.Count);
        var second = meetings[1];

        // The second meeting and those after it move an hour later; the first stays.
        Assert.Equal(HttpStatusCode.OK, (await forum.Organiser.Client.PutAsJsonAsync(MeetingsPaths.Meeting(second.Id),
            new UpdateMeetingRequest(second.Title, null, second.LocalStart.AddHours(1), second.LocalEnd.AddHours(1), null, second.Place, second.Town, null, null,
                second.ConcurrencyStamp, EditScope.ThisAndFollowing), DocumentsClient.Json)).StatusCode);
        var after = new List<MeetingDto>();
        foreach (var meeting in meetings)
        {
            after.Add(await GetAsync(forum.Organiser, meeting.Id));
        }
        Assert.Equal(meetings[0].StartUtc, after[0].StartUtc);
        Assert.Equal(meetings[1].StartUtc.AddHours(1), after[1].StartUtc);
        Assert.Equal(meetings[2].StartUtc.AddHours(1), after[2].StartUtc);
        Assert.Equal(11, after[2].LocalStart.Hour);
    }

    [Fact]
    public async Task Cancelling_from_the_third_meeting_on_keeps_the_earlier_ones_in_the_feed_and_tells_each_invitee_once()
    {
        var forum = portal.NewForum();
        var first = await CreateAsync(forum.Organiser, forum.Id, Forum(new SeriesSpec(SeriesFrequency.Weekly, 1, Count: 5)) with { Title = "Weekly call" });
        var list = await (await forum.Organiser.Client.GetAsync(MeetingsPaths.WorkspaceMeetings(forum.Id))).ReadAsync<JsonElement>();
        var meetings = new List<MeetingDto>();
        foreach (var id in list.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("id").GetGuid()))
        {
            meetings.Add(await GetAsync(forum.Organiser, id));
        }
        meetings = meetings.Where(m => m.SeriesId == first.SeriesId).OrderBy(m => m.StartUtc).ToList();
        Assert.Equal(5, meetings.Count);
        foreach (var draft in meetings.Where(m => m.State == MeetingState.Draft))
        {
            Assert.Equal(HttpStatusCode.NoContent, (await forum.Organiser.Client.PostAsync($"{MeetingsPaths.Meeting(draft.Id)}/open", null)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await forum.Organiser.Client.PostAsJsonAsync($"{MeetingsPaths.Meeting(meetings[2].Id)}/cancel",
            new CancelMeetingRequest("The budget line ends", EditScope.ThisAndFollowing), DocumentsClient.Json)).StatusCode);

        // RFC 5545: the same UIDs, the earlier two as they were, the later three STATUS:CANCELLED with a higher SEQUENCE.
        var feed = await (await forum.Kosovar.Client.PostAsync($"{MeetingsPaths.Api}/calendar-feed", null)).ReadAsync<CalendarFeedDto>();
        var text = await portal.Anonymous().GetStringAsync(new Uri(feed.Url!).PathAndQuery);
        var events = Calendar.Load(text)!.Events.ToDictionary(e => e.Uid!);
        for (var i = 0; i < 5; i++)
        {
            var shown = events[Consortium.Portal.Meetings.Calendar.MeetingCalendar.Uid(meetings[i].Id)];
            Assert.Equal(i < 2 ? EventStatus.Confirmed : EventStatus.Cancelled, shown.Status);
            Assert.Equal(i < 2 ? 0 : 1, shown.Sequence);
            Assert.Equal(meetings[i].StartUtc, shown.DtStart!.AsUtc);
        }
        Assert.Equal(MeetingState.Open, (await GetAsync(forum.Organiser, meetings[1].Id)).State);
        Assert.Equal(MeetingState.Cancelled, (await GetAsync(forum.Organiser, meetings[4].Id)).State);

        // One message to each invitee for the three, naming the first and how many, with the reason; none per meeting.
        await using var scope = portal.Scope();
        var told = (await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().OutboxMessages.AsNoTracking()
                .Where(m => m.EventName == "notifications.requested").Select(m => m.Payload).ToListAsync())
            .Select(p => JsonSerializer.Deserialize<Consortium.Portal.Notifications.NotificationRequested>(p, JsonSerializerOptions.Web)!)
            .Where(n => n.Type.EndsWith("cancelled", StringComparison.Ordinal) && meetings.Any(m => n.Link == MeetingsPaths.MeetingPage(m.Id)))
            .ToList();
        var once = Assert.Single(told);
        Assert.Equal("meetings.series-cancelled", once.Type);
        Assert.Equal(MeetingsPaths.MeetingPage(meetings[2].Id), once.Link);
        Assert.Equal(("3", "The budget line ends"), (once.Parameters["count"], once.Parameters["reason"]));
        Assert.Equal(1, once.RecipientIds.Count(id => id == forum.Kosovar.Id));
        Assert.Contains(forum.Serbian.Id, once.RecipientIds);
    }

    [Fact]
    public async Task The_feed_answers_304_while_nothing_changed_and_a_change_to_a_meeting_drops_the_kept_feed()
    {
        var forum = portal.NewForum();
        var meeting = await CreateAsync(forum.Organiser, forum.Id, Forum() with { Title = "Polled call" });
        var feed = await (await forum.Serbian.Client.PostAsync($"{MeetingsPaths.Api}/calendar-feed", null)).ReadAsync<CalendarFeedDto>();
        var path = new Uri(feed.Url!).PathAndQuery;
        var calendarProgram = portal.Anonymous();
        async Task<HttpResponseMessage> PollAsync(string? etag)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (etag is not null)
            {
                request.Headers.TryAddWithoutValidation("If-None-Match", etag);
            }
            return await calendarProgram.SendAsync(request);
        }

        var firstPoll = await PollAsync(null);
        Assert.Equal(HttpStatusCode.OK, firstPoll.StatusCode);
        var etag = firstPoll.Headers.ETag!.ToString();
        Assert.Contains("private", firstPoll.Headers.CacheControl!.ToString());
        var firstText = await firstPoll.Content.ReadAsStringAsync();

        // Nothing changed: 304 with the same tag and no body; without the tag, the same text (the kept one).
        var unchanged = await PollAsync(etag);
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Equal(etag, unchanged.Headers.ETag!.ToString());
        Assert.Empty(await unchanged.Content.ReadAsByteArrayAsync());
        Assert.Equal(firstText, await (await PollAsync(null)).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotModified, (await PollAsync($"W/{etag}, \"other\"")).StatusCode);

        // The meeting moves: the old tag gets the new feed, with the new time and SEQUENCE, not the kept text.
        Assert.Equal(HttpStatusCode.OK, (await forum.Organiser.Client.PutAsJsonAsync(MeetingsPaths.Meeting(meeting.Id),
            new UpdateMeetingRequest(meeting.Title, null, Start.AddDays(2), Start.AddDays(2).AddHours(1), null, "Hotel", "Belgrade", null, null, meeting.ConcurrencyStamp),
            DocumentsClient.Json)).StatusCode);
        var afterMove = await PollAsync(etag);
        Assert.Equal(HttpStatusCode.OK, afterMove.StatusCode);
        var movedTag = afterMove.Headers.ETag!.ToString();
        Assert.NotEqual(etag, movedTag);
        var moved = Assert.Single(Calendar.Load(await afterMove.Content.ReadAsStringAsync())!.Events, e => e.Summary == "Polled call");
        Assert.Equal((1, new DateTime(2027, 3, 25, 9, 0, 0, DateTimeKind.Utc)), (moved.Sequence, moved.DtStart!.AsUtc));
        Assert.Equal(HttpStatusCode.NotModified, (await PollAsync(movedTag)).StatusCode);

        // A new invitation is a change too; and so is leaving the workspace (the feed empties).
        await CreateAsync(forum.Organiser, forum.Id, Forum() with { Title = "Second polled call" });
        var invited = await PollAsync(movedTag);
        Assert.Equal(HttpStatusCode.OK, invited.StatusCode);
        Assert.Contains(Calendar.Load(await invited.Content.ReadAsStringAsync())!.Events, e => e.Summary == "Second polled call");
        portal.Workspaces.Remove(forum.Id, forum.Serbian.Id);
        var left = await PollAsync(invited.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, left.StatusCode);
        Assert.Empty(Calendar.Load(await left.Content.ReadAsStringAsync())!.Events);
    }

    [Fact]
    public async Task The_registers_count_reads_at_most_five_pages_ahead_and_says_more_follow()
    {
        var forum = portal.NewForum();
        var meeting = await CreateAsync(forum.Organiser, forum.Id, Forum());
        for (var i = 0; i < 16; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await forum.Organiser.Client.PostAsJsonAsync($"{MeetingsPaths.Meeting(meeting.Id)}/decisions",
                new DecisionRequest($"Capped roundtable {i}"), DocumentsClient.Json)).StatusCode);
        }
        async Task<(int Total, int Items)> SearchAsync(int page)
        {
            var found = await (await forum.Kosovar.Client.GetAsync($"{MeetingsPaths.Api}/decisions?search=capped+roundtable&page={page}&pageSize=2")).ReadAsync<JsonElement>();
            return (found.GetProperty("totalCount").GetInt32(), found.GetProperty("items").GetArrayLength());
        }

        // Page 1 of 2 a page: counted up to 6 pages and one more (13 of 16), which says "more than 12".
        var first = await SearchAsync(1);
        Assert.Equal((13, 2), first);
        Assert.True(DecisionQuery.IsCapped(first.Total, new ResolvedPage(1, 2)));
        // Page 3: the count reaches the end (16), so it is exact; the last page tells it by itself.
        var third = await SearchAsync(3);
        Assert.Equal((16, 2), third);
        Assert.False(DecisionQuery.IsCapped(third.Total, new ResolvedPage(3, 2)));
        Assert.Equal((16, 2), await SearchAsync(8));
    }

    [Fact]
    public async Task An_item_not_reached_is_carried_to_the_next_meeting_of_the_series_with_its_notes()
    {
        var forum = portal.NewForum();
        var first = await CreateAsync(forum.Organiser, forum.Id, Forum(new SeriesSpec(SeriesFrequency.Weekly, 1, Count: 3)));
        var item = first.Agenda[2];
        await forum.Organiser.Client.PutAsJsonAsync($"{MeetingsPaths.Meeting(first.Id)}/agenda/{item.Id}/minutes", new MinutesRequest("Started on the budget line.", item.MinutesStamp), DocumentsClient.Json);

        var carried = await forum.Organiser.Client.PostAsync($"{MeetingsPaths.Meeting(first.Id)}/agenda/{item.Id}/carry-forward", null);
        var nextId = (await carried.ReadAsync<JsonElement>()).GetProperty("meetingId").GetGuid();
        // Carried again (a second press): the same meeting answers, and it holds one copy (Single, below).
        var again = await forum.Organiser.Client.PostAsync($"{MeetingsPaths.Meeting(first.Id)}/agenda/{item.Id}/carry-forward", null);
        Assert.Equal(nextId, (await again.ReadAsync<JsonElement>()).GetProperty("meetingId").GetGuid());

        var next = await GetAsync(forum.Organiser, nextId);
        Assert.Equal(Start.AddDays(7), next.LocalStart);
        var taken = next.Agenda.Single(i => i.CarriedFromMeetingId == first.Id);
        Assert.Equal(item.Title, taken.Title);
        Assert.Contains("Started on the budget line.", taken.Description);
    }
}

public sealed class MeetingApiTests_Sqlite(MeetingsSqlitePortal portal) : MeetingApiTests<MeetingsSqlitePortal, SqlitePortal>(portal);

public sealed class MeetingApiTests_PostgreSql(MeetingsPostgreSqlPortal portal) : MeetingApiTests<MeetingsPostgreSqlPortal, PostgreSqlPortal>(portal);
