using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using Consortium.Portal.Activities;
using Consortium.Portal.Activities.Api;
using Consortium.Portal.Activities.Application;
using Consortium.Portal.Activities.Public;
using Consortium.Portal.Activities.Reports;
using Consortium.Portal.Identity;
using Consortium.Portal.IntegrationTests.Documents;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Platform.Localization;
using Consortium.Portal.Platform.Security;
using Consortium.Portal.Platform.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.IntegrationTests.Activities;

/// <summary>The Activities API as the Coordinator, partner staff and the public use it, on both databases.</summary>
public abstract partial class ActivitiesApiTests<TPortal, TDatabase>(TPortal portal) : IClassFixture<TPortal>
    where TPortal : ActivitiesPortal<TDatabase>
    where TDatabase : PortalAppFactory, new()
{
    private const string Api = ActivitiesPaths.Api;

    private HttpClient Coordinator => portal.SignedIn(PortalRoles.Coordinator);

    private async Task<ActivityDto> ActivityAsync(int number)
        => (await (await Coordinator.GetAsync(Api + "/plan")).ReadAsync<List<ActivityDto>>()).Single(a => a.Number == number);

    private async Task<TownDto> TownAsync(string name)
        => (await (await Coordinator.GetAsync(Api + "/towns")).ReadAsync<List<TownDto>>()).Single(t => t.Name == name);

    /// <summary>A public roundtable in Peja under Activity 9, organised by AKTIV, a week after the clock's now.</summary>
    private async Task<ActivityEventDto> RoundtableAsync(int capacity, HttpClient? organiser = null)
    {
        var activity = await ActivityAsync(9);
        var peja = await TownAsync("Peja");
        var start = portal.Clock.GetUtcNow().UtcDateTime.AddDays(7).Date.AddHours(10);
        var created = await (organiser ?? Coordinator).PostAsJsonAsync(Api + "/events", new EventDetails(activity.Id, EventKind.Roundtable, "Roundtable in Peja " + Guid.NewGuid().ToString("N")[..6],
            "Local voices on the dialogue.", start, start.AddHours(3), "Europe/Belgrade", peja.Id, null, null, "Hotel Dukagjini",
            ["AKTIV"], ["EMinS"], ["Ana Speaker"], "1. Welcome\n2. Discussion", true, capacity), DocumentsClient.Json);
        return await created.ReadAsync<ActivityEventDto>(HttpStatusCode.Created);
    }

    private async Task<string> FormTokenAsync(HttpClient client, Guid eventId)
    {
        var token = (await (await client.GetAsync($"{ActivitiesPaths.PublicApi}/{eventId}")).ReadAsync<PublicEventJson>()).FormToken;
        portal.Clock.Advance(TimeSpan.FromSeconds(5)); // a person takes a few seconds to fill the form
        return token;
    }

    private static RegisterRequest Person(string email, string token, Gender? gender = Gender.Female, TargetGroup group = TargetGroup.Youth)
        => new("Person " + email, email, "Youth Centre", group, gender, AgeGroup.From18To29, true, token, null);

    private static Task<HttpResponseMessage> RegisterAsync(HttpClient client, Guid eventId, RegisterRequest request)
        => client.PostAsJsonAsync($"{ActivitiesPaths.PublicApi}/{eventId}/registrations", request, DocumentsClient.Json);

    [Fact]
    public async Task The_plan_shows_the_eleven_activities_with_their_targets_and_the_towns_with_their_side()
    {
        var plan = await (await portal.SignedIn(PortalRoles.Member).GetAsync(Api + "/plan")).ReadAsync<List<ActivityDto>>();

        Assert.Equal(Enumerable.Range(1, 11), plan.Select(a => a.Number));
        var roundtables = plan.Single(a => a.Number == 9);
        Assert.Contains(new TargetDto(TargetMeasure.Events, 4, EventKind.Roundtable, null, PartnerSide.Kosovo), roundtables.Targets);
        Assert.Contains(new TargetDto(TargetMeasure.Events, 2, EventKind.Roundtable, null, PartnerSide.Serbia), roundtables.Targets);
        Assert.All(plan, a => Assert.NotEqual(a.NameEn, a.NameSq));
        var towns = await (await Coordinator.GetAsync(Api + "/towns")).ReadAsync<List<TownDto>>();
        Assert.Equal(PartnerSide.Kosovo, towns.Single(t => t.Name == "North Mitrovica").Side);
        Assert.Equal(PartnerSide.Serbia, towns.Single(t => t.Name == "Kraljevo").Side);
    }

    [Fact]
    public async Task The_coordinator_edits_an_activity_a_stale_edit_is_a_409_and_a_member_may_not()
    {
        var activity = await ActivityAsync(4);
        var edit = new UpdateActivityRequest(activity.NameEn, activity.NameSq, activity.NameSrLatn, activity.LeadPartners, activity.StartsOn, activity.EndsOn,
            [.. activity.Targets, new TargetDto(TargetMeasure.Participants, 90)], activity.ConcurrencyStamp);

        var saved = await (await Coordinator.PutAsJsonAsync($"{Api}/plan/{activity.Id}", edit, DocumentsClient.Json)).ReadAsync<ActivityDto>();
        Assert.Contains(new TargetDto(TargetMeasure.Participants, 90), saved.Targets);

        await (await Coordinator.PutAsJsonAsync($"{Api}/plan/{activity.Id}", edit, DocumentsClient.Json)).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.Forbidden, (await portal.SignedIn(PortalRoles.Member).PutAsJsonAsync($"{Api}/plan/{activity.Id}", edit with { ConcurrencyStamp = saved.ConcurrencyStamp }, DocumentsClient.Json)).StatusCode);
    }

    [Fact]
    public async Task An_activity_and_an_event_edited_without_the_stamp_they_read_are_field_errors_on_it_and_change_nothing()
    {
        var activity = await ActivityAsync(5);
        var evt = await RoundtableAsync(capacity: 5);
        var details = new EventDetails(evt.ActivityId, evt.Kind, "Renamed roundtable", evt.Description, evt.LocalStart, evt.LocalEnd, evt.TimeZone, evt.TownId, null, null, evt.Venue,
            evt.OrganisingPartners, evt.ParticipatingPartners, evt.Speakers, evt.Agenda, evt.IsPublic, evt.Capacity);

        await Coordinator.AssertRefusedAsync(HttpMethod.Put, $"{Api}/plan/{activity.Id}", new UpdateActivityRequest(activity.NameEn + " (renamed)", activity.NameSq, activity.NameSrLatn,
            activity.LeadPartners, activity.StartsOn, activity.EndsOn, activity.Targets, activity.ConcurrencyStamp));
        await Coordinator.AssertRefusedAsync(HttpMethod.Put, $"{Api}/events/{evt.Id}", new UpdateEventRequest(details, evt.ConcurrencyStamp));
        // The event page calls the service itself: the same field error, before the event is read.
        await using (var scope = portal.Scope())
        {
            var refused = await Assert.ThrowsAsync<Consortium.Portal.Platform.Domain.RequestValidationException>(
                () => scope.ServiceProvider.GetRequiredService<ActivityEvents>().UpdateAsync(evt.Id, new UpdateEventRequest(details, null)));
            Assert.Equal([ConcurrencyStamps.Field], refused.Errors.Keys);
        }

        var after = await ActivityAsync(5);
        Assert.Equal((activity.NameEn, activity.ConcurrencyStamp), (after.NameEn, after.ConcurrencyStamp));
        var stored = await (await Coordinator.GetAsync($"{Api}/events/{evt.Id}")).ReadAsync<ActivityEventDto>();
        Assert.Equal((evt.Title, evt.ConcurrencyStamp), (stored.Title, stored.ConcurrencyStamp));
    }

    [Fact]
    public async Task An_event_outside_its_activitys_period_and_an_unknown_town_without_a_side_are_refused_clearly()
    {
        var activity = await ActivityAsync(8);
        var late = new DateTime(2029, 6, 1, 10, 0, 0);
        var outside = await Coordinator.PostAsJsonAsync(Api + "/events", new EventDetails(activity.Id, EventKind.Workshop, "Too late", null, late, late.AddHours(2),
            "Europe/Belgrade", (await TownAsync("Gjilan")).Id, null, null, null, ["D4D"], null, null, null, false, null), DocumentsClient.Json);
        var problem = await outside.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("2028-12-31", problem.Detail ?? problem.Title);

        var start = new DateTime(2027, 6, 1, 10, 0, 0);
        var unknown = await Coordinator.PostAsJsonAsync(Api + "/events", new EventDetails(activity.Id, EventKind.Workshop, "In Vushtrri", null, start, start.AddHours(2),
            "Europe/Belgrade", null, "Vushtrri", null, null, ["D4D"], null, null, null, false, null), DocumentsClient.Json);
        Assert.Contains("Vushtrri", (await unknown.ProblemAsync(HttpStatusCode.BadRequest)).Detail ?? "");

        var withSide = await Coordinator.PostAsJsonAsync(Api + "/events", new EventDetails(activity.Id, EventKind.Workshop, "In Vushtrri", null, start, start.AddHours(2),
            "Europe/Belgrade", null, "Vushtrri", PartnerSide.Kosovo, null, ["D4D"], null, null, null, false, null), DocumentsClient.Json);
        var created = await withSide.ReadAsync<ActivityEventDto>(HttpStatusCode.Created);
        Assert.Equal((PartnerSide.Kosovo, new DateTime(2027, 6, 1, 8, 0, 0)), (created.Side, created.StartUtc));
    }

    [Fact]
    public async Task Staff_plan_events_only_for_their_own_partner_and_only_organisers_see_the_registrants()
    {
        var aktiv = portal.StaffOf(ConsortiumPartners.Aktiv.Id);
        var evt = await RoundtableAsync(10, aktiv);
        var bcsp = portal.StaffOf(ConsortiumPartners.Bcsp.Id);

        Assert.Equal(HttpStatusCode.OK, (await aktiv.GetAsync($"{Api}/events/{evt.Id}/registrants")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Coordinator.GetAsync($"{Api}/events/{evt.Id}/registrants")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await bcsp.GetAsync($"{Api}/events/{evt.Id}/registrants")).StatusCode);
        var activity = await ActivityAsync(9);
        var start = evt.LocalStart;
        var notTheirs = await bcsp.PostAsJsonAsync(Api + "/events", new EventDetails(activity.Id, EventKind.Roundtable, "Not ours", null, start, start.AddHours(1),
            null, evt.TownId, null, null, null, ["AKTIV"], null, null, null, false, null), DocumentsClient.Json);
        await notTheirs.ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_roundtable_is_registered_for_publicly_held_with_check_in_and_feedback_and_the_donor_report_counts_it()
    {
        var evt = await RoundtableAsync(capacity: 2);
        var visitor = portal.Anonymous();
        var token = await FormTokenAsync(visitor, evt.Id);

        var first = await (await RegisterAsync(visitor, evt.Id, Person("ana@example.org", token))).ReadAsync<RegistrationOutcomeDto>(HttpStatusCode.Created);
        var second = await (await RegisterAsync(visitor, evt.Id, Person("boris@example.org", token, Gender.Male, TargetGroup.Media))).ReadAsync<RegistrationOutcomeDto>(HttpStatusCode.Created);
        var third = await (await RegisterAsync(visitor, evt.Id, Person("cana@example.org", token))).ReadAsync<RegistrationOutcomeDto>(HttpStatusCode.Created);
        Assert.Equal((RegistrationStatus.Confirmed, RegistrationStatus.Confirmed, RegistrationStatus.Waiting, 1), (first.Status, second.Status, third.Status, third.WaitingPosition));
        await (await RegisterAsync(visitor, evt.Id, Person("ANA@example.org", token))).ProblemAsync(HttpStatusCode.Conflict);
        await (await RegisterAsync(visitor, evt.Id, Person("bot@example.org", token) with { Website = "http://spam.example" })).ProblemAsync(HttpStatusCode.BadRequest);
        var fresh = (await (await visitor.GetAsync($"{ActivitiesPaths.PublicApi}/{evt.Id}")).ReadAsync<PublicEventJson>()).FormToken;
        await (await RegisterAsync(visitor, evt.Id, Person("fast@example.org", fresh))).ProblemAsync(HttpStatusCode.BadRequest);

        // The confirmation carries the event as .ics and a QR code; the waiting one has no calendar yet.
        await portal.DeliverAsync();
        var confirmation = Assert.Single(portal.Mail.To("ana@example.org"));
        Assert.Contains(confirmation.Attachments, a => a.FileName == "event.ics" && System.Text.Encoding.UTF8.GetString(a.Content).Contains("BEGIN:VEVENT"));
        Assert.Contains(confirmation.Attachments, a => a.ContentType == "image/png");
        Assert.DoesNotContain(Assert.Single(portal.Mail.To("cana@example.org")).Attachments, a => a.FileName == "event.ics");

        // The public page never shows a participant's name.
        var page = await (await visitor.GetAsync(ActivitiesPaths.PublicPage(evt.Id))).Content.ReadAsStringAsync();
        Assert.Contains(evt.Title, page);
        Assert.DoesNotContain("Person ana", page);
        Assert.DoesNotContain("ana@example.org", page);

        // Boris cancels through his link: Cana moves up from the waiting list and is told.
        var borisLink = LinkIn(Assert.Single(portal.Mail.To("boris@example.org")).TextBody);
        var cancel = await visitor.PostAsync($"{ActivitiesPaths.PublicPage(evt.Id)}/registration/cancel", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = borisLink }));
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        await portal.DeliverAsync();
        Assert.Equal(2, portal.Mail.To("cana@example.org").Count);
        var registrants = await (await Coordinator.GetAsync($"{Api}/events/{evt.Id}/registrants")).ReadAsync<List<RegistrantDto>>();
        Assert.Equal(RegistrationStatus.Confirmed, registrants.Single(r => r.Email == "cana@example.org").Status);

        // Check-in on the day: searched by name; a cancelled registration is refused.
        portal.Clock.Advance(TimeSpan.FromDays(7));
        var found = await (await Coordinator.GetAsync($"{Api}/events/{evt.Id}/registrants?search=person%20ana")).ReadAsync<List<RegistrantDto>>();
        var ana = Assert.Single(found);
        await (await Coordinator.PostAsync($"{Api}/events/{evt.Id}/registrants/{ana.Id}/check-in", null)).ReadAsync<RegistrantDto>();
        var boris = registrants.Single(r => r.Email == "boris@example.org");
        await (await Coordinator.PostAsync($"{Api}/events/{evt.Id}/registrants/{boris.Id}/check-in", null)).ProblemAsync(HttpStatusCode.BadRequest);
        await Coordinator.PostAsJsonAsync($"{Api}/events/{evt.Id}/attendance", new CountedAttendanceRequest(3, TargetGroup.CivilSociety, null, null), DocumentsClient.Json);
        var attendance = await (await portal.SignedIn(PortalRoles.Member).GetAsync($"{Api}/events/{evt.Id}/attendance")).ReadAsync<AttendanceDto>();
        Assert.Equal(4, attendance.Total);
        Assert.Equal([new CountBucket("Kosovo", 4)], attendance.BySide);

        // Feedback after the event, once, anonymous by choice; closed after the window.
        portal.Clock.Advance(TimeSpan.FromDays(1));
        var anaToken = LinkIn(portal.Mail.To("ana@example.org")[0].TextBody);
        var feedback = await visitor.PostAsync($"{ActivitiesPaths.PublicPage(evt.Id)}/registration/feedback",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = anaToken, ["rating"] = "5", ["comment"] = "Useful.", ["anonymous"] = "true" }));
        Assert.Equal(HttpStatusCode.OK, feedback.StatusCode);
        var again = await visitor.PostAsync($"{ActivitiesPaths.PublicPage(evt.Id)}/registration/feedback",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = anaToken, ["rating"] = "1" }));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        var summary = await (await Coordinator.GetAsync($"{Api}/events/{evt.Id}/feedback")).ReadAsync<FeedbackSummaryDto>();
        Assert.Equal((1, 5.0, "Useful."), (summary.Responses, summary.AverageRating!.Value, Assert.Single(summary.Comments)));

        // Progress and the donor report include the roundtable and its people. The clock is the class's: another test may
        // have moved it a year on, so the report's period is the event's year.
        var period = $"from={evt.LocalStart.Year}-01-01&to={evt.LocalStart.Year}-12-31";
        var progress = await (await Coordinator.GetAsync($"{Api}/progress")).ReadAsync<List<ActivityProgressDto>>();
        var nine = progress.Single(p => p.Number == 9);
        Assert.True(nine.Targets.Single(t => t.Target.Side == PartnerSide.Kosovo && t.Target.Measure == TargetMeasure.Events).Achieved >= 1);
        var report = await (await Coordinator.GetAsync($"{Api}/reports/donor?{period}")).ReadAsync<DonorReport>();
        var held = report.Activities.Single(a => a.Number == 9).Events.Single(e => e.Title == evt.Title);
        Assert.Equal((4, 1), (held.Participants, held.Female));
        // The town in the reader's language; the CSV, read the same in any language, keeps its stable name.
        var albanian = (await GetInAsync<DonorReport>(Coordinator, $"{Api}/reports/donor?{period}", "sq")).Activities.Single(a => a.Number == 9).Events.Single(e => e.Title == evt.Title);
        Assert.Equal(("Pejë", "Peja"), (albanian.Town, albanian.TownStableName));
        using (var cyrillicBook = new HttpRequestMessage(HttpMethod.Get, $"{Api}/reports/donor.xlsx?{period}"))
        {
            cyrillicBook.Headers.AcceptLanguage.ParseAdd("sr-Cyrl");
            using var book = new XLWorkbook(new MemoryStream(await (await Coordinator.SendAsync(cyrillicBook)).Content.ReadAsByteArrayAsync()));
            Assert.Contains(book.Worksheets.SelectMany(w => w.CellsUsed()), c => c.GetString() == "Пећ");
        }
        using (var albanianCsv = new HttpRequestMessage(HttpMethod.Get, $"{Api}/reports/donor.csv?{period}"))
        {
            albanianCsv.Headers.AcceptLanguage.ParseAdd("sq");
            Assert.Contains($",{evt.Title},Peja,Kosovo,", await (await Coordinator.SendAsync(albanianCsv)).Content.ReadAsStringAsync());
        }
        var xlsx = await Coordinator.GetAsync($"{Api}/reports/donor.xlsx?{period}");
        using (var book = new XLWorkbook(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync())))
        {
            Assert.Equal(["Summary", .. Enumerable.Range(1, 11).Select(n => $"Activity {n}")], book.Worksheets.Select(w => w.Name));
            var summarySheet = book.Worksheet("Summary");
            var row = summarySheet.RowsUsed().Single(r => r.Cell(1).GetString().StartsWith("9. ", StringComparison.Ordinal));
            Assert.Equal(report.Activities.Single(a => a.Number == 9).Participants, row.Cell(3).GetValue<int>());
            Assert.Contains(book.Worksheet("Activity 9").CellsUsed(), c => c.GetString() == evt.Title);
            // Participants by age group too: the registrants gave 18–29, and the sheet's column says as many as the database.
            var sheet9 = book.Worksheet("Activity 9");
            var ageColumn = sheet9.CellsUsed().First(c => c.GetString() == "18–29").Address.ColumnNumber;
            var eventRow = sheet9.RowsUsed().Single(r => r.Cell(3).GetString() == evt.Title);
            Assert.True(held.ByAgeGroup[AgeGroup.From18To29] >= 1);
            Assert.Equal(held.ByAgeGroup[AgeGroup.From18To29], eventRow.Cell(ageColumn).GetValue<int>());
            Assert.Equal(held.Participants, held.ByAgeGroup.Values.Sum() + eventRow.Cell(ageColumn + Enum.GetValues<AgeGroup>().Length - 1 - (int)AgeGroup.From18To29 + 1).GetValue<int>());
        }
        var docx = await Coordinator.GetAsync($"{Api}/reports/donor.docx?{period}");
        using (var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(await docx.Content.ReadAsByteArrayAsync()), false))
        {
            Assert.Empty(new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document));
            Assert.Contains(evt.Title, document.MainDocumentPart!.Document!.InnerText);
        }
        var csv = await (await Coordinator.GetAsync($"{Api}/reports/donor.csv?{period}")).Content.ReadAsStringAsync();
        Assert.Contains(evt.Title, csv);

        // Ana asks to be erased: her data goes, the counts stay.
        var export = await (await Coordinator.GetAsync($"{Api}/registrants?email=ana@example.org")).ReadAsync<RegistrantExportDto>();
        Assert.Equal("Person ana@example.org", Assert.Single(export.Registrations).Name);
        Assert.Equal(1, await (await Coordinator.DeleteAsync($"{Api}/registrants?email=ana@example.org")).ReadAsync<int>());
        Assert.Empty((await (await Coordinator.GetAsync($"{Api}/registrants?email=ana@example.org")).ReadAsync<RegistrantExportDto>()).Registrations);
        Assert.Equal(4, (await (await Coordinator.GetAsync($"{Api}/events/{evt.Id}/attendance")).ReadAsync<AttendanceDto>()).Total);
        Assert.Equal(HttpStatusCode.Forbidden, (await portal.SignedIn(PortalRoles.PartnerLead).DeleteAsync($"{Api}/registrants?email=cana@example.org")).StatusCode);
    }

    [Fact]
    public async Task A_registrants_request_without_an_address_is_refused_on_its_email_field_in_the_readers_language()
    {
        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Delete })
        {
            using var request = new HttpRequestMessage(method, $"{Api}/registrants?email=%20");
            request.Headers.AcceptLanguage.ParseAdd("sq");
            var refused = await Coordinator.SendAsync(request);
            Assert.Equal(["email"], await refused.FieldErrorsAsync());
            using var problem = System.Text.Json.JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
            Assert.Equal("Jepni adresën e e-mailit të të regjistruarit.",
                problem.RootElement.GetProperty("errors").GetProperty("email")[0].GetString());
        }
    }

    [Fact]
    public async Task After_the_retention_period_registrants_become_anonymous_counts()
    {
        var evt = await RoundtableAsync(capacity: 5);
        var visitor = portal.Anonymous();
        var token = await FormTokenAsync(visitor, evt.Id);
        await (await RegisterAsync(visitor, evt.Id, Person("kept@example.org", token))).ReadAsync<RegistrationOutcomeDto>(HttpStatusCode.Created);
        var registrant = Assert.Single(await (await Coordinator.GetAsync($"{Api}/events/{evt.Id}/registrants")).ReadAsync<List<RegistrantDto>>());
        await Coordinator.PostAsync($"{Api}/events/{evt.Id}/registrants/{registrant.Id}/check-in", null);

        portal.Clock.Advance(TimeSpan.FromDays(7 + 366));
        await using (var scope = portal.Scope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<RegistrantRecords>().ApplyRetentionAsync() >= 1);
        }

        Assert.Empty(await (await Coordinator.GetAsync($"{Api}/events/{evt.Id}/registrants")).ReadAsync<List<RegistrantDto>>());
        var attendance = await (await Coordinator.GetAsync($"{Api}/events/{evt.Id}/attendance")).ReadAsync<AttendanceDto>();
        Assert.Equal((1, "Female"), (attendance.Total, Assert.Single(attendance.ByGender).Key));
    }

    [Fact]
    public async Task Two_hundred_registrations_at_once_for_150_places_confirm_exactly_150_and_put_50_on_the_waiting_list()
    {
        var evt = await RoundtableAsync(capacity: 150);
        var visitor = portal.Anonymous();
        var token = await FormTokenAsync(visitor, evt.Id);

        var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(async i =>
        {
            using var client = portal.Anonymous();
            var response = await RegisterAsync(client, evt.Id, Person($"crowd{i}@example.org", token));
            return await response.ReadAsync<RegistrationOutcomeDto>(HttpStatusCode.Created);
        }));

        Assert.Equal(150, answers.Count(a => a.Status == RegistrationStatus.Confirmed));
        Assert.Equal(50, answers.Count(a => a.Status == RegistrationStatus.Waiting));
        var now = await (await Coordinator.GetAsync($"{Api}/events/{evt.Id}")).ReadAsync<ActivityEventDto>();
        Assert.Equal((150, 50), (now.Confirmed, now.Waiting));
    }

    [Fact]
    public async Task An_organiser_cancels_an_event_with_a_reason_registrants_are_told_in_their_language_and_the_page_refuses_registration()
    {
        var aktiv = portal.StaffOf(ConsortiumPartners.Aktiv.Id);
        var evt = await RoundtableAsync(capacity: 1, aktiv);
        var visitor = portal.Anonymous();
        var token = await FormTokenAsync(visitor, evt.Id);
        await (await RegisterAsync(visitor, evt.Id, Person("first@example.org", token) with { Language = "sq" })).ReadAsync<RegistrationOutcomeDto>(HttpStatusCode.Created);
        await (await RegisterAsync(visitor, evt.Id, Person("second@example.org", token))).ReadAsync<RegistrationOutcomeDto>(HttpStatusCode.Created);
        await portal.DeliverAsync();

        // Staff of another partner may not; a reason is required.
        Assert.Equal(HttpStatusCode.Forbidden, (await portal.StaffOf(ConsortiumPartners.Bcsp.Id).PostAsJsonAsync($"{Api}/events/{evt.Id}/cancel", new CancelEventRequest("No."), DocumentsClient.Json)).StatusCode);
        Assert.Equal(["reason"], await (await aktiv.PostAsJsonAsync($"{Api}/events/{evt.Id}/cancel", new CancelEventRequest(" "), DocumentsClient.Json)).FieldErrorsAsync());

        var cancelled = await (await aktiv.PostAsJsonAsync($"{Api}/events/{evt.Id}/cancel", new CancelEventRequest("The venue flooded."), DocumentsClient.Json)).ReadAsync<ActivityEventDto>();
        Assert.Equal((true, "The venue flooded."), (cancelled.IsCancelled, cancelled.CancellationReason));
        await (await aktiv.PostAsJsonAsync($"{Api}/events/{evt.Id}/cancel", new CancelEventRequest("Again."), DocumentsClient.Json)).ProblemAsync(HttpStatusCode.BadRequest);

        // The confirmed person and the one waiting are both told, each once and in their own language, with the reason.
        await portal.DeliverAsync();
        await portal.DeliverAsync();
        var albanian = portal.Mail.To("first@example.org").Where(m => m.Subject.StartsWith("E anuluar", StringComparison.Ordinal)).ToList();
        Assert.Contains("The venue flooded.", Assert.Single(albanian).TextBody);
        Assert.Single(portal.Mail.To("second@example.org"), m => m.Subject == "Cancelled: " + evt.Title);

        // The public page says so with the reason and refuses a registration with a clear problem.
        var page = await (await visitor.GetAsync(ActivitiesPaths.PublicPage(evt.Id))).Content.ReadAsStringAsync();
        Assert.Contains("This event is cancelled. Reason: The venue flooded.", page);
        Assert.DoesNotContain("name=\"formToken\"", page);
        var refused = await (await RegisterAsync(visitor, evt.Id, Person("late@example.org", token))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("The venue flooded.", refused.Detail ?? refused.Title);
        var form = await visitor.PostAsync(ActivitiesPaths.PublicPage(evt.Id), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["name"] = "Late", ["email"] = "late@example.org", ["targetGroup"] = "Youth", ["consent"] = "true", ["formToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, form.StatusCode);
        Assert.Contains("is cancelled and takes no registrations", await form.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_confirmation_that_meets_a_mail_server_that_is_down_is_sent_once_it_is_back()
    {
        var evt = await RoundtableAsync(capacity: 5);
        var visitor = portal.Anonymous();
        var token = await FormTokenAsync(visitor, evt.Id);
        portal.Mail.Down = true;
        try
        {
            // The registration stands whatever the mail server does.
            var outcome = await (await RegisterAsync(visitor, evt.Id, Person("patient@example.org", token))).ReadAsync<RegistrationOutcomeDto>(HttpStatusCode.Created);
            Assert.Equal(RegistrationStatus.Confirmed, outcome.Status);
            await portal.DeliverAsync();
            Assert.Empty(portal.Mail.To("patient@example.org"));
        }
        finally
        {
            portal.Mail.Down = false;
        }

        // The outbox tries again after its delay: the confirmation arrives, with its link, calendar and QR code, once.
        portal.Clock.Advance(TimeSpan.FromMinutes(1));
        await portal.DeliverAsync();
        portal.Clock.Advance(TimeSpan.FromHours(2));
        await portal.DeliverAsync();
        var mail = Assert.Single(portal.Mail.To("patient@example.org"));
        Assert.Contains("registration?token=", mail.TextBody);
        Assert.Equal(["event.ics", "check-in.png"], mail.Attachments.Select(a => a.FileName));
        var page = await visitor.GetAsync($"{ActivitiesPaths.PublicPage(evt.Id)}/registration?token={Uri.EscapeDataString(LinkIn(mail.TextBody))}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task Confirmed_registrants_are_reminded_once_the_day_before_in_the_events_time_zone()
    {
        var evt = await RoundtableAsync(capacity: 1);
        var visitor = portal.Anonymous();
        var token = await FormTokenAsync(visitor, evt.Id);
        await (await RegisterAsync(visitor, evt.Id, Person("remind@example.org", token))).ReadAsync<RegistrationOutcomeDto>(HttpStatusCode.Created);
        await (await RegisterAsync(visitor, evt.Id, Person("waits@example.org", token))).ReadAsync<RegistrationOutcomeDto>(HttpStatusCode.Created);
        await portal.DeliverAsync();

        // The day before at 09:00 in Belgrade is 08:00 UTC in March or November, 07:00 UTC in summer.
        var zone = TimeZoneInfo.FindSystemTimeZoneById(evt.TimeZone);
        var remindAt = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(evt.LocalStart.Date.AddDays(-1).AddHours(9), DateTimeKind.Unspecified), zone);
        portal.Clock.SetUtcNow(new DateTimeOffset(remindAt.AddMinutes(-30), TimeSpan.Zero));
        Assert.Equal(0, await RemindAsync());
        Assert.DoesNotContain(portal.Mail.To("remind@example.org"), m => m.Subject.StartsWith("Tomorrow", StringComparison.Ordinal));

        portal.Clock.SetUtcNow(new DateTimeOffset(remindAt.AddMinutes(5), TimeSpan.Zero));
        await RemindAsync();
        portal.Clock.Advance(TimeSpan.FromHours(1));
        await RemindAsync();
        var reminder = Assert.Single(portal.Mail.To("remind@example.org"), m => m.Subject == "Tomorrow: " + evt.Title);
        Assert.Contains("Hotel Dukagjini", reminder.TextBody);
        Assert.DoesNotContain(portal.Mail.To("waits@example.org"), m => m.Subject.StartsWith("Tomorrow", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_registrant_downloads_the_calendar_and_their_data_and_erases_it_through_their_link_audited_a_wrong_token_is_a_page_that_says_so()
    {
        var evt = await RoundtableAsync(capacity: 1);
        var visitor = portal.Anonymous();
        var token = await FormTokenAsync(visitor, evt.Id);
        await (await RegisterAsync(visitor, evt.Id, Person("mine@example.org", token))).ReadAsync<RegistrationOutcomeDto>(HttpStatusCode.Created);
        await (await RegisterAsync(visitor, evt.Id, Person("next@example.org", token))).ReadAsync<RegistrationOutcomeDto>(HttpStatusCode.Created);
        await portal.DeliverAsync();
        var link = Uri.EscapeDataString(LinkIn(Assert.Single(portal.Mail.To("mine@example.org")).TextBody));
        var own = $"{ActivitiesPaths.PublicPage(evt.Id)}/registration";

        var page = await (await visitor.GetAsync($"{own}?token={link}")).Content.ReadAsStringAsync();
        Assert.Contains("calendar.ics?token=", page);
        Assert.Contains("data.json?token=", page);
        var ics = await visitor.GetAsync($"{own}/calendar.ics?token={link}");
        Assert.Contains("BEGIN:VEVENT", await ics.Content.ReadAsStringAsync());
        var data = await (await visitor.GetAsync($"{own}/data.json?token={link}")).ReadAsync<RegistrantRecordDto>();
        Assert.Equal(("Person mine@example.org", RegistrationStatus.Confirmed), (data.Name, data.Status));

        // A wrong or missing token finds nothing, on every address of the registrant's page.
        foreach (var wrong in new[] { $"{own}?token=nope", $"{own}/calendar.ics?token=nope", $"{own}/data.json?token=nope", $"{own}/data.json" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(wrong)).StatusCode);
        }
        // A wrong token (or none, or a body that is not a form) erases nothing, and the person is told so on a page in their
        // language: a 404, never a bare status.
        foreach (var body in new HttpContent?[] { Form(("token", "nope")), Form(), new StringContent("token=nope", System.Text.Encoding.UTF8, "text/plain"), null })
        {
            using var wrongErase = new HttpRequestMessage(HttpMethod.Post, $"{own}/erase") { Content = body };
            wrongErase.Headers.AcceptLanguage.ParseAdd("sq");
            var refused = await visitor.SendAsync(wrongErase);
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            var text = System.Net.WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
            Assert.Contains("Kjo lidhje nuk të çon te asnjë regjistrim", text);
            Assert.Contains("text/html", refused.Content.Headers.ContentType?.ToString());
        }
        var wrongCancel = await visitor.PostAsync($"{own}/cancel", Form(("token", "nope")));
        Assert.Equal(HttpStatusCode.NotFound, wrongCancel.StatusCode);
        Assert.Contains("This link does not lead to a registration", System.Net.WebUtility.HtmlDecode(await wrongCancel.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"{own}/data.json?token={link}")).StatusCode);

        // Erasing frees the place for the next person waiting and leaves nothing under the link.
        var erased = await visitor.PostAsync($"{own}/erase", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = Uri.UnescapeDataString(link) }));
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        Assert.DoesNotContain("mine@example.org", await erased.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"{own}/data.json?token={link}")).StatusCode);
        var registrants = await (await Coordinator.GetAsync($"{Api}/events/{evt.Id}/registrants")).ReadAsync<List<RegistrantDto>>();
        Assert.Equal(RegistrationStatus.Confirmed, Assert.Single(registrants).Status);
        Assert.Equal(1, (await (await Coordinator.GetAsync($"{Api}/events/{evt.Id}")).ReadAsync<ActivityEventDto>()).Confirmed);

        // The registrant's own download and erasure are in the audit log, under the event, with nothing the person gave.
        await using var scope = portal.Scope();
        var audit = await scope.ServiceProvider.GetRequiredService<Consortium.Portal.Platform.PlatformDbContext>().AuditLog
            .Where(a => a.EntityId == evt.Id.ToString() && a.Action.StartsWith("activities.registrants.own-")).ToListAsync();
        Assert.Equal(["activities.registrants.own-erase", "activities.registrants.own-export"], audit.Select(a => a.Action).Distinct().Order().ToArray());
        Assert.All(audit, a => Assert.DoesNotContain("mine@example.org", a.Details ?? "", StringComparison.OrdinalIgnoreCase));
        Assert.All(audit, a => Assert.DoesNotContain("Person", a.Details ?? "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_event_keeps_its_materials_used_and_photos_with_consent_and_the_materials_page_lists_the_event()
    {
        var evt = await RoundtableAsync(capacity: 10);
        Guid materialId, collectionId;
        await using (var scope = portal.Scope())
        {
            var training = scope.ServiceProvider.GetRequiredService<Consortium.Portal.Training.Data.TrainingDbContext>();
            var material = LinkMaterial("Reporting fairly " + evt.Id.ToString("N")[..6]);
            var collection = Consortium.Portal.Training.Domain.TrainingCollection.Create("Roundtable pack " + evt.Id.ToString("N")[..6], null, [material.Id]);
            training.Materials.Add(material);
            training.Collections.Add(collection);
            await training.SaveChangesAsync();
            (materialId, collectionId) = (material.Id, collection.Id);
        }
        var resources = $"{Api}/events/{evt.Id}/resources";

        // Linked through Training's Contracts: once each, whatever is sent twice; an id nobody can see is refused by field.
        await (await Coordinator.PostAsJsonAsync(resources, new AddEventResourceRequest(EventResourceKind.TrainingCollection, collectionId), DocumentsClient.Json)).ReadAsync<EventResourceDto>(HttpStatusCode.Created);
        await (await Coordinator.PostAsJsonAsync(resources, new AddEventResourceRequest(EventResourceKind.TrainingCollection, collectionId), DocumentsClient.Json)).ReadAsync<EventResourceDto>(HttpStatusCode.Created);
        var direct = await (await Coordinator.PostAsJsonAsync(resources, new AddEventResourceRequest(EventResourceKind.TrainingMaterial, materialId), DocumentsClient.Json)).ReadAsync<EventResourceDto>(HttpStatusCode.Created);
        Assert.Equal(TrainingPathsMaterial(materialId), direct.Link);
        foreach (var unknown in new[] { new AddEventResourceRequest(EventResourceKind.Document, Guid.NewGuid()), new AddEventResourceRequest(EventResourceKind.TrainingMaterial, Guid.NewGuid()) })
        {
            var refused = await Coordinator.PostAsJsonAsync(resources, unknown, DocumentsClient.Json);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("targetId", await refused.Content.ReadAsStringAsync());
        }

        // A photo needs the consent noted and image content; it is served back to whoever sees the plan.
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4];
        Assert.Equal(HttpStatusCode.BadRequest, (await Coordinator.SendAsync(PhotoRequest(evt.Id, png, consent: null))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Coordinator.SendAsync(PhotoRequest(evt.Id, "not an image"u8.ToArray(), "Signed forms"))).StatusCode);
        var photo = await (await Coordinator.SendAsync(PhotoRequest(evt.Id, png, "Signed forms kept by AKTIV"))).ReadAsync<EventPhotoDto>(HttpStatusCode.Created);
        var member = portal.SignedIn(PortalRoles.Member);
        var served = await member.GetAsync($"{Api}/events/{evt.Id}/photos/{photo.Id}");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(png, await served.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await member.SendAsync(PhotoRequest(evt.Id, png, "Signed"))).StatusCode);

        var shown = await (await member.GetAsync($"{Api}/events/{evt.Id}")).ReadAsync<ActivityEventDto>();
        Assert.Equal(2, shown.Resources!.Count);
        Assert.Equal("Signed forms kept by AKTIV", Assert.Single(shown.Photos!).ConsentNote);

        // Training's material page says which events used it (Activities answers through IMaterialUsageSource).
        var page = System.Net.WebUtility.HtmlDecode(await (await Coordinator.GetAsync(TrainingPathsMaterial(materialId))).Content.ReadAsStringAsync());
        Assert.Contains(evt.Title, page);
        Assert.Contains(ActivitiesPaths.EventPage(evt.Id), page);

        // Unlinked and removed by the organisers.
        Assert.Equal(HttpStatusCode.NoContent, (await Coordinator.DeleteAsync($"{resources}/{direct.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Coordinator.DeleteAsync($"{Api}/events/{evt.Id}/photos/{photo.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync($"{Api}/events/{evt.Id}/photos/{photo.Id}")).StatusCode);
        var after = await (await member.GetAsync($"{Api}/events/{evt.Id}")).ReadAsync<ActivityEventDto>();
        Assert.Equal((1, 0), (after.Resources!.Count, after.Photos!.Count));
    }

    private static string TrainingPathsMaterial(Guid id) => $"/training/materials/{id}";

    private static HttpRequestMessage PhotoRequest(Guid eventId, byte[] content, string? consent)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{Api}/events/{eventId}/photos" + (consent is null ? "" : "?consent=" + Uri.EscapeDataString(consent)))
        {
            Content = new ByteArrayContent(content),
        };
        request.Content.Headers.ContentDisposition = new System.Net.Http.Headers.ContentDispositionHeaderValue("attachment") { FileName = "roundtable.png" };
        return request;
    }

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields)
        => new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    [Fact]
    public async Task The_public_page_writes_the_time_in_the_portals_formats_of_the_readers_language()
    {
        var evt = await RoundtableAsync(capacity: 5);
        var english = System.Net.WebUtility.HtmlDecode(await (await portal.Anonymous().GetAsync(ActivitiesPaths.PublicPage(evt.Id))).Content.ReadAsStringAsync());
        Assert.Contains(evt.LocalStart.ToString("f", PortalCultureFormats.Get("en")), english);
        Assert.DoesNotContain("10:00 AM", english);

        using var albanian = new HttpRequestMessage(HttpMethod.Get, ActivitiesPaths.PublicPage(evt.Id));
        albanian.Headers.AcceptLanguage.ParseAdd("sq");
        var page = System.Net.WebUtility.HtmlDecode(await (await portal.Anonymous().SendAsync(albanian)).Content.ReadAsStringAsync());
        Assert.Contains(evt.LocalStart.ToString("f", PortalCultureFormats.Get("sq")), page);
    }

    [Fact]
    public async Task The_event_edit_page_gets_its_field_errors_by_the_fields_it_shows_them_under()
    {
        // The edit page calls ActivityEvents itself (not the API, whose body nests them under "details"): the errors must
        // be named as the page's fields are (FieldError("title"), FieldError("localEnd")).
        var evt = await RoundtableAsync(capacity: 5);
        var details = new EventDetails(evt.ActivityId, evt.Kind, " ", null, evt.LocalStart, evt.LocalStart.AddHours(-1), evt.TimeZone, evt.TownId, null, null, null,
            ["AKTIV"], null, null, null, true, 5);
        await using var scope = portal.Scope();
        var events = scope.ServiceProvider.GetRequiredService<ActivityEvents>();
        var update = await Assert.ThrowsAsync<Consortium.Portal.Platform.Domain.RequestValidationException>(() => events.UpdateAsync(evt.Id, new UpdateEventRequest(details, evt.ConcurrencyStamp)));
        Assert.Equal(["localEnd", "title"], update.Errors.Keys.Order());
        var create = await Assert.ThrowsAsync<Consortium.Portal.Platform.Domain.RequestValidationException>(() => events.CreateAsync(details));
        Assert.Equal(["localEnd", "title"], create.Errors.Keys.Order());
    }

    private async Task<int> RemindAsync()
    {
        await using var scope = portal.Scope();
        return await scope.ServiceProvider.GetRequiredService<Consortium.Portal.Activities.Jobs.EventReminderJob>().SendDueAsync();
    }

    private static string LinkIn(string body) => Uri.UnescapeDataString(TokenPattern().Match(body).Groups[1].Value);

    [GeneratedRegex(@"registration\?token=([A-Za-z0-9_\-%]+)")]
    private static partial Regex TokenPattern();
}

public sealed class ActivitiesApiTests_Sqlite(ActivitiesSqlitePortal portal) : ActivitiesApiTests<ActivitiesSqlitePortal, SqlitePortal>(portal);

public sealed class ActivitiesApiTests_PostgreSql(ActivitiesPostgreSqlPortal portal) : ActivitiesApiTests<ActivitiesPostgreSqlPortal, PostgreSqlPortal>(portal);
