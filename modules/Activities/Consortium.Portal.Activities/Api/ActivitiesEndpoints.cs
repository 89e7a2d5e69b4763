using Consortium.Portal.Activities.Application;
using Consortium.Portal.Activities.Reports;
using Consortium.Portal.Platform.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Consortium.Portal.Activities.Api;

public static class ActivitiesPaths
{
    public const string Api = "/api/activities";
    public const string Page = "/activities";
    public const string PublicApi = "/api/public/events";

    public static string EventPage(Guid eventId) => $"/activities/events/{eventId}";

    public static string PublicPage(Guid eventId) => $"/events/{eventId}";
}

/// <summary>
/// The module's API: one group, one permission per endpoint. Handlers only call the application services: bodies are
/// validated by the Platform's filter and refusals become problem details in the Platform's one mapping.
/// </summary>
internal static class ActivitiesEndpoints
{
    public static IEndpointRouteBuilder MapActivitiesEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(ActivitiesPaths.Api).WithTags("Activities").RequireAuthorization();
        const string view = ActivitiesPermissions.Plan.View;
        const string manageEvents = ActivitiesPermissions.Events.Manage;

        group.MapGet("/plan", (ActivityPlan plan, CancellationToken ct) => plan.ListAsync(ct)).RequirePermission(view)
            .WithName("ListActivities").WithSummary("The eleven activities with lead partners, period and targets");
        group.MapPut("/plan/{activityId:guid}", async Task<Ok<ActivityDto>> (Guid activityId, UpdateActivityRequest request, ActivityPlan plan, CancellationToken ct)
                => TypedResults.Ok(await plan.UpdateAsync(activityId, request, ct)))
            .RequirePermission(ActivitiesPermissions.Plan.Manage).WithName("UpdateActivity").WithSummary("Edits an activity; 409 with the current one when it changed since it was read");
        group.MapGet("/towns", (ActivityPlan plan, CancellationToken ct) => plan.TownsAsync(ct)).RequirePermission(view)
            .WithName("ListTowns").WithSummary("Towns known to the portal, with their side");
        group.MapPost("/towns", async Task<Created<TownDto>> (AddTownRequest request, ActivityPlan plan, CancellationToken ct) =>
            {
                var town = await plan.AddTownAsync(request, ct);
                return TypedResults.Created($"{ActivitiesPaths.Api}/towns/{town.Id}", town);
            })
            .RequirePermission(manageEvents).WithName("AddTown").WithSummary("Adds a town with its side (an existing name answers the known town)");
        group.MapGet("/progress", (DateOnly? from, DateOnly? to, ActivityPlan plan, CancellationToken ct) => plan.ProgressAsync(from, to, ct)).RequirePermission(view)
            .WithName("ActivitiesProgress").WithSummary("Targets against achieved per activity, with the Kosovo/Serbia balance");

        group.MapGet("/events", (Guid? activityId, ActivityEvents events, CancellationToken ct) => events.ListAsync(activityId, ct)).RequirePermission(view)
            .WithName("ListActivityEvents").WithSummary("Events, by start, optionally of one activity");
        group.MapPost("/events", async Task<Created<ActivityEventDto>> (EventDetails request, ActivityEvents events, CancellationToken ct) =>
            {
                var created = await events.CreateAsync(request, ct);
                return TypedResults.Created($"{ActivitiesPaths.Api}/events/{created.Id}", created);
            })
            .RequirePermission(manageEvents).WithName("PlanActivityEvent").WithSummary("Plans an event under an activity, within its period");
        group.MapGet("/events/{eventId:guid}", (Guid eventId, ActivityEvents events, CancellationToken ct) => events.GetAsync(eventId, ct)).RequirePermission(view)
            .WithName("GetActivityEvent").WithSummary("One event, with counts but no registrant's name");
        group.MapPut("/events/{eventId:guid}", (Guid eventId, UpdateEventRequest request, ActivityEvents events, CancellationToken ct) => events.UpdateAsync(eventId, request, ct))
            .RequirePermission(manageEvents).WithName("UpdateActivityEvent").WithSummary("Changes an event (its organisers and the Coordinator); 409 when stale");
        group.MapPost("/events/{eventId:guid}/cancel", (Guid eventId, CancelEventRequest request, ActivityEvents events, CancellationToken ct) => events.CancelAsync(eventId, request, ct))
            .RequirePermission(manageEvents).WithName("CancelActivityEvent").WithSummary("Calls an event off with a reason (its organisers and the Coordinator); registrants are e-mailed");
        group.MapPost("/events/{eventId:guid}/outputs", async Task<Created<EventOutputDto>> (Guid eventId, AddOutputRequest request, ActivityEvents events, CancellationToken ct) =>
            {
                var output = await events.AddOutputAsync(eventId, request, ct);
                return TypedResults.Created($"{ActivitiesPaths.Api}/events/{eventId}", output);
            })
            .RequirePermission(manageEvents).WithName("AddEventOutput").WithSummary("Records an output of the event (publication, material, media appearance with a link)");
        group.MapPost("/events/{eventId:guid}/resources", async Task<Created<EventResourceDto>> (Guid eventId, AddEventResourceRequest request, EventResources resources, CancellationToken ct) =>
            {
                var resource = await resources.AddAsync(eventId, request, ct);
                return TypedResults.Created($"{ActivitiesPaths.Api}/events/{eventId}", resource);
            })
            .RequirePermission(manageEvents).WithName("AddEventResource").WithSummary("Links a Training material or collection, or a document, to the event (its organisers)");
        group.MapDelete("/events/{eventId:guid}/resources/{resourceId:guid}", async Task<NoContent> (Guid eventId, Guid resourceId, EventResources resources, CancellationToken ct) =>
            {
                await resources.RemoveAsync(eventId, resourceId, ct);
                return TypedResults.NoContent();
            })
            .RequirePermission(manageEvents).WithName("RemoveEventResource").WithSummary("Unlinks a material, collection or document from the event");
        // The photo is the raw body named by Content-Disposition (as a document upload), the consent in ?consent=.
        group.MapPost("/events/{eventId:guid}/photos", async Task<Created<EventPhotoDto>> (Guid eventId, string? consent, HttpRequest request, EventResources resources, CancellationToken ct) =>
            {
                var fileName = Microsoft.Net.Http.Headers.ContentDispositionHeaderValue.TryParse(request.Headers.ContentDisposition.ToString(), out var disposition)
                    ? Microsoft.Net.Http.Headers.HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value
                    : null;
                var photo = await resources.AddPhotoAsync(eventId, fileName, consent, request.Body, ct);
                return TypedResults.Created(EventResources.PhotoPath(eventId, photo.Id), photo);
            })
            .RequirePermission(manageEvents).WithName("AddEventPhoto").WithSummary("Keeps a photo of the event (JPEG, PNG or WebP) with the consent of those shown noted");
        group.MapGet("/events/{eventId:guid}/photos/{photoId:guid}", async Task<IResult> (Guid eventId, Guid photoId, EventResources resources, CancellationToken ct) =>
            {
                var found = await resources.OpenPhotoAsync(eventId, photoId, ct)
                            ?? throw new Platform.Domain.EntityNotFoundException("EventPhoto", photoId);
                return Results.Stream(found.Content.Content, found.Photo.ContentType, found.Photo.FileName);
            })
            .RequirePermission(view).WithName("GetEventPhoto").WithSummary("A photo of the event");
        group.MapDelete("/events/{eventId:guid}/photos/{photoId:guid}", async Task<NoContent> (Guid eventId, Guid photoId, EventResources resources, CancellationToken ct) =>
            {
                await resources.RemovePhotoAsync(eventId, photoId, ct);
                return TypedResults.NoContent();
            })
            .RequirePermission(manageEvents).WithName("RemoveEventPhoto").WithSummary("Removes a photo of the event");
        group.MapGet("/events/{eventId:guid}/attendance", (Guid eventId, ActivityEvents events, CancellationToken ct) => events.AttendanceAsync(eventId, ct))
            .RequirePermission(view).WithName("EventAttendance").WithSummary("Attendance by gender, age group, target group and side: counts only");
        group.MapPost("/events/{eventId:guid}/attendance", (Guid eventId, CountedAttendanceRequest request, ActivityEvents events, CancellationToken ct) => events.AddCountedAsync(eventId, request, ct))
            .RequirePermission(manageEvents).WithName("CountEventAttendance").WithSummary("Adds people counted on the day without names");
        group.MapGet("/events/{eventId:guid}/feedback", (Guid eventId, ActivityEvents events, CancellationToken ct) => events.FeedbackSummaryAsync(eventId, ct))
            .RequirePermission(view).WithName("EventFeedbackSummary").WithSummary("The feedback summary: ratings and comments, no names");
        group.MapGet("/events/{eventId:guid}/registrants", (Guid eventId, string? search, ActivityEvents events, CancellationToken ct) => events.RegistrantsAsync(eventId, search, ct))
            .RequirePermission(manageEvents).WithName("ListEventRegistrants").WithSummary("Registrants (organisers and the Coordinator only; audited)");
        group.MapPost("/events/{eventId:guid}/registrants/{registrationId:guid}/check-in",
                (Guid eventId, Guid registrationId, ActivityEvents events, CancellationToken ct) => events.CheckInAsync(eventId, registrationId, ct))
            .RequirePermission(manageEvents).WithName("CheckInRegistrant").WithSummary("Checks a confirmed registrant in; a cancelled registration is refused");

        group.MapGet("/registrants", (string? email, RegistrantRecords records, CancellationToken ct) => records.ExportAsync(email, ct))
            .RequirePermission(ActivitiesPermissions.Registrants.ManageAll).WithName("ExportRegistrant").WithSummary("Everything kept about an address (a registrant's request; audited)");
        group.MapDelete("/registrants", async Task<Ok<int>> (string? email, RegistrantRecords records, CancellationToken ct) => TypedResults.Ok(await records.EraseAsync(email, ct)))
            .RequirePermission(ActivitiesPermissions.Registrants.ManageAll).WithName("EraseRegistrant").WithSummary("Erases an address's registrations; attendance counts remain");

        var reports = group.MapGroup("/reports").RequirePermission(ActivitiesPermissions.Reports.Export);
        reports.MapGet("/donor.xlsx", async (DateOnly? from, DateOnly? to, DonorReports data, DonorReportFiles files, CancellationToken ct)
                => Results.File(files.Xlsx(await data.ReadAsync(from, to, ct)), DonorReportFiles.XlsxType, "donor-report.xlsx"))
            .WithName("DonorReportXlsx").WithSummary("The donor report: a summary sheet and one sheet per activity");
        reports.MapGet("/donor.docx", async (DateOnly? from, DateOnly? to, DonorReports data, DonorReportFiles files, CancellationToken ct)
                => Results.File(files.Docx(await data.ReadAsync(from, to, ct)), DonorReportFiles.DocxType, "donor-report.docx"))
            .WithName("DonorReportDocx").WithSummary("The narrative skeleton: events and outputs per activity");
        reports.MapGet("/donor.csv", async (DateOnly? from, DateOnly? to, DonorReports data, CancellationToken ct)
                => Results.File(DonorReportFiles.Csv(await data.ReadAsync(from, to, ct)), "text/csv; charset=utf-8", "donor-report.csv"))
            .WithName("DonorReportCsv").WithSummary("The events of the period, one line each");
        reports.MapGet("/donor", (DateOnly? from, DateOnly? to, DonorReports data, CancellationToken ct) => data.ReadAsync(from, to, ct))
            .WithName("DonorReportJson").WithSummary("The donor report's data");
        return endpoints;
    }
}
