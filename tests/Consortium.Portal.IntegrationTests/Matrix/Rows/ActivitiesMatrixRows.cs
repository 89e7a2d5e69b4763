using System.Net;
using System.Net.Http.Json;
using Consortium.Portal.Activities;
using Consortium.Portal.Activities.Api;
using Consortium.Portal.Activities.Data;
using Consortium.Portal.Activities.Domain;
using Microsoft.Extensions.DependencyInjection;
using Consortium.Portal.Identity;
using Consortium.Portal.IntegrationTests.Documents;
using Consortium.Portal.Platform.Security;
using static Consortium.Portal.IntegrationTests.Matrix.MatrixRequests;

namespace Consortium.Portal.IntegrationTests.Matrix.Rows;

/// <summary>
/// The Activities module in the authorization matrix: each endpoint with the roles its permission is granted to by
/// default (ActivitiesModule.DefinePermissions). An event's registrants, check-in, outputs and counts are its organisers'
/// (staff of an organising partner: here AKTIV, the PartnerEditor's partner) and the Coordinator's; other staff get 403.
/// </summary>
public sealed class ActivitiesMatrixRows : IEndpointMatrixRows
{
    private const string Api = ActivitiesPaths.Api;
    private const string Event = Api + "/events/{eventId:guid}";

    private static readonly string[] Viewers = [PortalRoles.Administrator, PortalRoles.Coordinator, PortalRoles.PartnerLead, PortalRoles.Member];
    private static readonly string[] EventManagers = [PortalRoles.Coordinator, PortalRoles.PartnerLead, PortalRoles.Member];

    private static IReadOnlyDictionary<Caller, Outcome> Organisers => Expect.Roles(PortalRoles.Coordinator).With(Caller.PartnerEditor, Outcome.Allowed);

    private static HttpClient Coordinator(MatrixCall call) => call.Scene.Person(Caller.Coordinator).Client;

    private static async Task<ActivityDto> ActivityAsync(MatrixCall call, int number)
        => (await (await Coordinator(call).GetAsync(Api + "/plan")).ReadAsync<List<ActivityDto>>()).Single(a => a.Number == number);

    private static async Task<EventDetails> DetailsAsync(MatrixCall call, string organiser)
    {
        var activity = await ActivityAsync(call, 9);
        var start = DateTime.UtcNow.Date.AddDays(30).AddHours(10);
        return new EventDetails(activity.Id, EventKind.Roundtable, Unique("Roundtable "), null, start, start.AddHours(2), "Europe/Belgrade",
            null, "Peja", null, null, [organiser], null, null, null, true, 20);
    }

    /// <summary>A fresh public roundtable organised by AKTIV, made by the Coordinator.</summary>
    private static async Task<ActivityEventDto> NewEventAsync(MatrixCall call)
    {
        var created = await Coordinator(call).PostAsJsonAsync(Api + "/events", await DetailsAsync(call, ConsortiumPartners.Aktiv.ShortName), DocumentsClient.Json);
        return await created.ReadAsync<ActivityEventDto>(HttpStatusCode.Created);
    }

    /// <summary>The smallest PNG there is: its signature, which is what the photo check reads.</summary>
    private static readonly byte[] PngBytes = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52];

    private static HttpRequestMessage Photo(string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(PngBytes) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
        request.Content.Headers.ContentDisposition = new System.Net.Http.Headers.ContentDispositionHeaderValue("attachment") { FileName = "roundtable.png" };
        return request;
    }

    /// <summary>A fresh event with a photo the Coordinator added.</summary>
    private static async Task<(Guid EventId, Guid PhotoId)> NewPhotoAsync(MatrixCall call)
    {
        var e = await NewEventAsync(call);
        var added = await Coordinator(call).SendAsync(Photo($"{Api}/events/{e.Id}/photos?consent=Signed%20forms"));
        return (e.Id, (await added.ReadAsync<EventPhotoDto>(HttpStatusCode.Created)).Id);
    }

    /// <summary>A Training collection to link, written straight to Training's tables.</summary>
    private static async Task<Guid> NewCollectionAsync(MatrixCall call)
    {
        await using var scope = call.Scene.Portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Consortium.Portal.Training.Data.TrainingDbContext>();
        var collection = Consortium.Portal.Training.Domain.TrainingCollection.Create(Unique("Seminar pack "), null, []);
        db.Collections.Add(collection);
        await db.SaveChangesAsync();
        return collection.Id;
    }

    private static string PartnerOf(MatrixCall call)
        => ConsortiumPartners.All.FirstOrDefault(p => p.Id == call.Person?.PartnerId)?.ShortName ?? ConsortiumPartners.Aktiv.ShortName;

    public IEnumerable<MatrixRow> Rows() =>
    [
        MatrixRow.Http("GET", Api + "/plan", Expect.Roles(Viewers), _ => Get(Api + "/plan")),
        // The activity as it is now, saved unchanged: each caller's edit carries the current stamp.
        MatrixRow.Http("PUT", Api + "/plan/{activityId:guid}", Expect.Roles(PortalRoles.Administrator, PortalRoles.Coordinator), async call =>
        {
            var a = await ActivityAsync(call, 3);
            return Json(HttpMethod.Put, $"{Api}/plan/{a.Id}", new UpdateActivityRequest(a.NameEn, a.NameSq, a.NameSrLatn, a.LeadPartners, a.StartsOn, a.EndsOn, a.Targets, a.ConcurrencyStamp));
        }),
        MatrixRow.Http("GET", Api + "/towns", Expect.Roles(Viewers), _ => Get(Api + "/towns")),
        MatrixRow.Http("POST", Api + "/towns", Expect.Roles(EventManagers), _ => Json(HttpMethod.Post, Api + "/towns", new AddTownRequest(Unique("Town "), PartnerSide.Kosovo))),
        MatrixRow.Http("GET", Api + "/progress", Expect.Roles(Viewers), _ => Get(Api + "/progress")),
        MatrixRow.Http("GET", Api + "/events", Expect.Roles(Viewers), _ => Get(Api + "/events")),
        // Staff plan events their own partner organises.
        MatrixRow.Http("POST", Api + "/events", Expect.Roles(EventManagers), async call => Json(HttpMethod.Post, Api + "/events", await DetailsAsync(call, PartnerOf(call)))),
        MatrixRow.Http("GET", Event, Expect.Roles(Viewers), async call => Get($"{Api}/events/{(await NewEventAsync(call)).Id}")),
        MatrixRow.Http("PUT", Event, Organisers, async call =>
        {
            var e = await NewEventAsync(call);
            var details = await DetailsAsync(call, ConsortiumPartners.Aktiv.ShortName);
            return Json(HttpMethod.Put, $"{Api}/events/{e.Id}", new UpdateEventRequest(details, e.ConcurrencyStamp));
        }),
        MatrixRow.Http("POST", Event + "/cancel", Organisers, async call =>
            Json(HttpMethod.Post, $"{Api}/events/{(await NewEventAsync(call)).Id}/cancel", new CancelEventRequest("The venue is closed."))),
        MatrixRow.Http("POST", Event + "/outputs", Organisers, async call =>
            Json(HttpMethod.Post, $"{Api}/events/{(await NewEventAsync(call)).Id}/outputs", new AddOutputRequest(OutputKind.MediaAppearance, "Interview", "https://example.org/tv"))),
        MatrixRow.Http("POST", Event + "/resources", Organisers, async call =>
            Json(HttpMethod.Post, $"{Api}/events/{(await NewEventAsync(call)).Id}/resources", new AddEventResourceRequest(EventResourceKind.TrainingCollection, await NewCollectionAsync(call)))),
        MatrixRow.Http("DELETE", Event + "/resources/{resourceId:guid}", Organisers, async call =>
        {
            var e = await NewEventAsync(call);
            var resourceId = Guid.NewGuid();
            await using (var scope = call.Scene.Portal.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<ActivitiesDbContext>();
                db.Resources.Add(new EventResource(resourceId, e.Id, EventResourceKind.TrainingMaterial, Guid.NewGuid(), "Seminar pack", "/training/materials/x", DateTime.UtcNow));
                await db.SaveChangesAsync();
            }
            return Send(HttpMethod.Delete, $"{Api}/events/{e.Id}/resources/{resourceId}");
        }),
        MatrixRow.Http("POST", Event + "/photos", Organisers, async call => Photo($"{Api}/events/{(await NewEventAsync(call)).Id}/photos?consent=Signed%20forms")),
        MatrixRow.Http("GET", Event + "/photos/{photoId:guid}", Expect.Roles(Viewers), async call =>
        {
            var (eventId, photoId) = await NewPhotoAsync(call);
            return Get($"{Api}/events/{eventId}/photos/{photoId}");
        }),
        MatrixRow.Http("DELETE", Event + "/photos/{photoId:guid}", Organisers, async call =>
        {
            var (eventId, photoId) = await NewPhotoAsync(call);
            return Send(HttpMethod.Delete, $"{Api}/events/{eventId}/photos/{photoId}");
        }),
        MatrixRow.Http("GET", Event + "/attendance", Expect.Roles(Viewers), async call => Get($"{Api}/events/{(await NewEventAsync(call)).Id}/attendance")),
        MatrixRow.Http("POST", Event + "/attendance", Organisers, async call =>
            Json(HttpMethod.Post, $"{Api}/events/{(await NewEventAsync(call)).Id}/attendance", new CountedAttendanceRequest(2, TargetGroup.Youth, null, null))),
        MatrixRow.Http("GET", Event + "/feedback", Expect.Roles(Viewers), async call => Get($"{Api}/events/{(await NewEventAsync(call)).Id}/feedback")),
        MatrixRow.Http("GET", Event + "/registrants", Organisers, async call => Get($"{Api}/events/{(await NewEventAsync(call)).Id}/registrants")),
        // A confirmed registrant of a fresh event, written straight to the database (the public form needs seconds to be
        // accepted); checking them in needs being an organiser.
        MatrixRow.Http("POST", Event + "/registrants/{registrationId:guid}/check-in", Organisers, async call =>
        {
            var e = await NewEventAsync(call);
            var registrationId = Guid.NewGuid();
            await using (var scope = call.Scene.Portal.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<ActivitiesDbContext>();
                db.Registrations.Add(new Registration(registrationId, e.Id, "Matrix Person", Unique("p") + "@example.org", null, TargetGroup.Youth, null, null,
                    RegistrationStatus.Confirmed, DateTime.UtcNow, Unique("hash-").PadRight(64, '0'), "en"));
                await db.SaveChangesAsync();
            }
            return Send(HttpMethod.Post, $"{Api}/events/{e.Id}/registrants/{registrationId}/check-in");
        }),
        MatrixRow.Http("GET", Api + "/registrants", Expect.Roles(PortalRoles.Coordinator), _ => Get(Api + "/registrants?email=nobody@example.org")),
        MatrixRow.Http("DELETE", Api + "/registrants", Expect.Roles(PortalRoles.Coordinator), _ => Send(HttpMethod.Delete, Api + "/registrants?email=nobody@example.org")),
        MatrixRow.Http("GET", Api + "/reports/donor.xlsx", Expect.Roles(PortalRoles.Administrator, PortalRoles.Coordinator, PortalRoles.PartnerLead), _ => Get(Api + "/reports/donor.xlsx")),
        MatrixRow.Http("GET", Api + "/reports/donor.docx", Expect.Roles(PortalRoles.Administrator, PortalRoles.Coordinator, PortalRoles.PartnerLead), _ => Get(Api + "/reports/donor.docx")),
        MatrixRow.Http("GET", Api + "/reports/donor.csv", Expect.Roles(PortalRoles.Administrator, PortalRoles.Coordinator, PortalRoles.PartnerLead), _ => Get(Api + "/reports/donor.csv")),
        MatrixRow.Http("GET", Api + "/reports/donor", Expect.Roles(PortalRoles.Administrator, PortalRoles.Coordinator, PortalRoles.PartnerLead), _ => Get(Api + "/reports/donor")),
        // The public event is anyone's to read, signed in or not.
        MatrixRow.Http("GET", ActivitiesPaths.PublicApi + "/{eventId:guid}", Expect.Anyone, async call => Get($"{ActivitiesPaths.PublicApi}/{(await NewEventAsync(call)).Id}")),
        // Registration is open to anyone: no caller is refused for who they are. The matrix posts the form the moment it
        // was shown, which the anti-robot token refuses for everyone alike (400); ActivitiesApiTests registers for real.
        MatrixRow.Http("POST", ActivitiesPaths.PublicApi + "/{eventId:guid}/registrations", Expect.Everyone(HttpStatusCode.BadRequest), async call =>
        {
            var e = await NewEventAsync(call);
            var token = (await (await call.Scene.Person(Caller.Coordinator).Client.GetAsync($"{ActivitiesPaths.PublicApi}/{e.Id}")).ReadAsync<Consortium.Portal.Activities.Public.PublicEventJson>()).FormToken;
            return Json(HttpMethod.Post, $"{ActivitiesPaths.PublicApi}/{e.Id}/registrations",
                new RegisterRequest("Matrix Person", Unique("p") + "@example.org", null, TargetGroup.Youth, null, null, true, token, null));
        }),
    ];
}
