using System.Globalization;
using Consortium.Portal.Activities.Api;
using Consortium.Portal.Activities.Application;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Localization;
using Consortium.Portal.Platform.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Consortium.Portal.Activities.Public;

/// <summary>A public event for the consortium's website, with the form token its registration needs.</summary>
public sealed record PublicEventJson(PublicEventView Event, string FormToken);

/// <summary>
/// Public events without sign-in: the event's page with its registration form, and the registrant's own page (reached
/// by the e-mailed link) to cancel or give feedback. Pages are Razor components rendered once on the server
/// (<see cref="PublicPages"/>): no circuit, no script. Forms post back to the same address; the answers never
/// show anyone's name but the registrant's own in their e-mail.
/// </summary>
internal static class PublicEventEndpoints
{
    public static IEndpointRouteBuilder MapPublicEventEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var pages = endpoints.MapGroup("/events/{eventId:guid}").AllowAnonymous().ExcludeFromDescription();
        pages.MapGet("", ShowAsync);
        pages.MapPost("", SubmitAsync).RequireRateLimiting(RegistrationRateLimit.Policy).DisableAntiforgery();
        pages.MapGet("/registration", RegistrantPageAsync);
        pages.MapPost("/registration/cancel", CancelAsync).DisableAntiforgery();
        pages.MapPost("/registration/feedback", FeedbackAsync).DisableAntiforgery();
        pages.MapGet("/registration/calendar.ics", OwnCalendarAsync);
        pages.MapGet("/registration/data.json", OwnDataAsync);
        pages.MapPost("/registration/erase", EraseAsync).DisableAntiforgery();

        var api = endpoints.MapGroup(ActivitiesPaths.PublicApi).AllowAnonymous().WithTags("Public events");
        api.MapGet("/{eventId:guid}", async (Guid eventId, EventRegistrations registrations, CancellationToken ct)
                => TypedResults.Ok(new PublicEventJson(await registrations.PublicEventAsync(eventId, ct), registrations.NewFormToken(eventId))))
            .WithName("GetPublicEvent").WithSummary("A public event and a form token for its registration; 404 for anything not public");
        api.MapPost("/{eventId:guid}/registrations", async Task<Created<RegistrationOutcomeDto>> (Guid eventId, RegisterRequest request, HttpContext context,
                EventRegistrations registrations, CancellationToken ct)
                => TypedResults.Created(ActivitiesPaths.PublicPage(eventId), await registrations.RegisterAsync(eventId, request, ct)))
            .RequireRateLimiting(RegistrationRateLimit.Policy)
            .WithName("RegisterForPublicEvent").WithSummary("Registers a person: confirmed while places last, then the waiting list; 409 for an address already registered");
        return endpoints;
    }

    // Where the form token goes in a kept page: each answer gets a fresh one, so that a token still tells how long its
    // reader took (a token kept with the page would be minutes old for a robot that posts at once).
    private const string FormTokenHole = "FormToken0kept0page0hole";

    /// <summary>
    /// The event's page, kept rendered (<see cref="PublicAnswers.AnswerWithAsync"/>) until a change drops it or the event
    /// starts, with a fresh form token in each answer; the handler reads the database only to render, so a kept page
    /// makes no DbContext.
    /// </summary>
    private static Task<IResult> ShowAsync(Guid eventId, HttpContext context, RegistrationTokens tokens, IOptions<ActivitiesOptions> options)
        => PublicAnswers.AnswerWithAsync(context, EventRegistrations.PublicPageTag, options.Value.PublicPageCacheLifetime, FormTokenHole, () => tokens.NewFormToken(eventId), async ct =>
        {
            PublicEventView evt;
            try
            {
                evt = await context.RequestServices.GetRequiredService<EventRegistrations>().PublicEventAsync(eventId, ct);
            }
            catch (EntityNotFoundException)
            {
                return null;
            }
            var html = await PublicPages.RenderAsync<EventPublicView>(context, new Dictionary<string, object?> { ["Event"] = evt, ["FormToken"] = FormTokenHole },
                PortalCultureFormats.Get(CultureInfo.CurrentUICulture.Name));
            // Registration closes at the start by the clock alone: the page that offers the form is not kept past it.
            return PublicAnswer.Html(html) with { TrueUntil = evt.TakesRegistrations ? new DateTimeOffset(DateTime.SpecifyKind(evt.StartUtc, DateTimeKind.Utc)) : null };
        });

    private static async Task<IResult> SubmitAsync(Guid eventId, HttpContext context, EventRegistrations registrations, IStringLocalizer<ActivitiesResource> text, CancellationToken ct)
    {
        var form = await context.Request.ReadFormAsync(ct);
        var request = new RegisterRequest(form["name"], form["email"], form["organisation"], Parse<TargetGroup>(form["targetGroup"]),
            Parse<Gender>(form["gender"]), Parse<AgeGroup>(form["ageGroup"]), form["consent"] == "true", form["formToken"], form["website"],
            CultureInfo.CurrentUICulture.Name);
        PublicEventView evt;
        try
        {
            evt = await registrations.PublicEventAsync(eventId, ct);
        }
        catch (EntityNotFoundException)
        {
            return Results.NotFound();
        }
        var parameters = new Dictionary<string, object?> { ["Event"] = evt, ["Entered"] = request, ["FormToken"] = registrations.NewFormToken(eventId) };
        try
        {
            var outcome = await registrations.RegisterAsync(eventId, request, ct);
            parameters["Outcome"] = outcome;
            parameters["Event"] = await registrations.PublicEventAsync(eventId, ct);
            return await PageAsync<EventPublicView>(context, parameters);
        }
        catch (RequestValidationException invalid)
        {
            parameters["Errors"] = invalid.Errors;
            return await PageAsync<EventPublicView>(context, parameters, StatusCodes.Status400BadRequest);
        }
        catch (DomainRuleException refused)
        {
            parameters["Refusal"] = text[refused.MessageKey, refused.Arguments].Value;
            return await PageAsync<EventPublicView>(context, parameters, refused.StatusCode);
        }
    }

    private static async Task<IResult> RegistrantPageAsync(Guid eventId, string? token, HttpContext context, EventRegistrations registrations, CancellationToken ct)
    {
        try
        {
            return await PageAsync<RegistrantPublicView>(context, new() { ["Link"] = await registrations.LinkAsync(eventId, token, ct), ["Token"] = token });
        }
        catch (EntityNotFoundException)
        {
            return Results.NotFound();
        }
    }

    private static async Task<IResult> CancelAsync(Guid eventId, HttpContext context, EventRegistrations registrations, CancellationToken ct)
    {
        var token = context.Request.HasFormContentType ? (await context.Request.ReadFormAsync(ct))["token"].ToString() : null;
        try
        {
            await registrations.CancelAsync(eventId, token, ct);
            return await PageAsync<RegistrantPublicView>(context, new() { ["Link"] = await registrations.LinkAsync(eventId, token, ct), ["Token"] = token, ["Done"] = "Public.Cancelled" });
        }
        catch (EntityNotFoundException)
        {
            return await LinkInvalidAsync(context, eventId);
        }
    }

    private static async Task<IResult> OwnCalendarAsync(Guid eventId, string? token, HttpContext context, EventRegistrations registrations, CancellationToken ct)
    {
        try
        {
            var calendar = await registrations.OwnCalendarAsync(eventId, token, PublicPages.PublicBaseUrl(context), ct);
            context.Response.Headers.CacheControl = "no-store";
            return Results.File(System.Text.Encoding.UTF8.GetBytes(calendar), RegistrationMail.CalendarContentType, "event.ics");
        }
        catch (EntityNotFoundException)
        {
            return Results.NotFound();
        }
    }

    /// <summary>What is kept about the registration, as JSON to keep (the registrant's right to see their data).</summary>
    private static async Task<IResult> OwnDataAsync(Guid eventId, string? token, HttpContext context, EventRegistrations registrations, CancellationToken ct)
    {
        try
        {
            var data = await registrations.OwnDataAsync(eventId, token, ct);
            context.Response.Headers.CacheControl = "no-store";
            context.Response.Headers.ContentDisposition = "attachment; filename=\"my-registration.json\"";
            return Results.Json(data, statusCode: StatusCodes.Status200OK);
        }
        catch (EntityNotFoundException)
        {
            return Results.NotFound();
        }
    }

    private static async Task<IResult> EraseAsync(Guid eventId, HttpContext context, EventRegistrations registrations, CancellationToken ct)
    {
        // A body that is not a form (or none) reads as no token: the same answer as a wrong one, never the framework's bare 400.
        var token = context.Request.HasFormContentType ? (await context.Request.ReadFormAsync(ct))["token"].ToString() : null;
        try
        {
            var evt = (await registrations.LinkAsync(eventId, token, ct)).Event;
            await registrations.EraseOwnAsync(eventId, token, ct);
            return await PageAsync<RegistrantErasedView>(context, new() { ["Event"] = evt });
        }
        catch (EntityNotFoundException)
        {
            return await LinkInvalidAsync(context, eventId);
        }
    }

    /// <summary>A registrant's form whose link finds nothing: a 404 that says so in the reader's language.</summary>
    private static Task<IResult> LinkInvalidAsync(HttpContext context, Guid eventId)
        => PageAsync<RegistrantLinkInvalidView>(context, new() { ["EventId"] = eventId }, StatusCodes.Status404NotFound);

    private static async Task<IResult> FeedbackAsync(Guid eventId, HttpContext context, EventRegistrations registrations, IStringLocalizer<ActivitiesResource> text, CancellationToken ct)
    {
        var form = await context.Request.ReadFormAsync(ct);
        var token = form["token"].ToString();
        var request = new FeedbackRequest(int.TryParse(form["rating"], NumberStyles.None, CultureInfo.InvariantCulture, out var rating) ? rating : 0,
            form["comment"], form["anonymous"] == "true");
        try
        {
            var parameters = new Dictionary<string, object?> { ["Token"] = token };
            var status = StatusCodes.Status200OK;
            try
            {
                await registrations.GiveFeedbackAsync(eventId, token, request, ct);
                parameters["Done"] = "Public.FeedbackThanks";
            }
            catch (RequestValidationException invalid)
            {
                parameters["Refusal"] = string.Join(" ", invalid.Errors.SelectMany(e => e.Value));
                status = StatusCodes.Status400BadRequest;
            }
            catch (DomainRuleException refused)
            {
                parameters["Refusal"] = text[refused.MessageKey, refused.Arguments].Value;
                status = refused.StatusCode;
            }
            parameters["Link"] = await registrations.LinkAsync(eventId, token, ct);
            return await PageAsync<RegistrantPublicView>(context, parameters, status);
        }
        catch (EntityNotFoundException)
        {
            return await LinkInvalidAsync(context, eventId);
        }
    }

    private static TEnum? Parse<TEnum>(string? value) where TEnum : struct, Enum
        => Enum.TryParse<TEnum>(value, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _) ? parsed : null;

    private static async Task<IResult> PageAsync<TView>(HttpContext context, Dictionary<string, object?> parameters, int status = StatusCodes.Status200OK)
        where TView : Microsoft.AspNetCore.Components.IComponent
    {
        // The reader's language with the portal's own formats (24-hour clock, day-month-year), whichever way the request's
        // culture was chosen: the default request culture is the framework's plain one.
        var html = await PublicPages.RenderAsync<TView>(context, parameters, PortalCultureFormats.Get(CultureInfo.CurrentUICulture.Name));
        // A registrant's page carries their token: never kept by a shared cache.
        context.Response.Headers.CacheControl = "no-store";
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }
}
