using System.Globalization;
using Consortium.Portal.Activities.Data;
using Consortium.Portal.Activities.Domain;
using Consortium.Portal.Identity;
using Consortium.Portal.Notifications;
using Consortium.Portal.Platform.Caching;
using Consortium.Portal.Platform.Data;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Events;
using Consortium.Portal.Platform.Localization;
using Consortium.Portal.Platform.Mail;
using Consortium.Portal.Platform.Validation;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Consortium.Portal.Activities.Application;

/// <summary>A public event as anyone may see it: never a participant's name.</summary>
public sealed record PublicEventView(
    Guid Id, string Title, EventKind Kind, int ActivityNumber, string ActivityName, string? Description,
    DateTime LocalStart, DateTime LocalEnd, string TimeZone, DateTime StartUtc, DateTime EndUtc, string Town, string? Venue,
    IReadOnlyList<string> Organisers, IReadOnlyList<string> Speakers, string? Agenda, int? Capacity, int PlacesLeft,
    bool TakesRegistrations, bool IsCancelled, string? CancellationReason = null);

/// <summary>The answer to a registrant's link: the event and where the registration stands.</summary>
public sealed record RegistrantLinkView(PublicEventView Event, RegistrationStatus Status, bool MayCancel, bool MayGiveFeedback);

/// <summary>
/// Public registration: a place while there is one, the waiting list after; one registration per address and event;
/// cancellation through the e-mailed link moves the first on the waiting list up; feedback after the event.
/// </summary>
internal sealed class EventRegistrations(
    ActivitiesDbContext db,
    RegistrationTokens tokens,
    IIntegrationEventPublisher events,
    RegistrantRecords records,
    TimeProvider clock,
    IOptions<ActivitiesOptions> options,
    IValidator<RegisterRequest> registerRules,
    IValidator<FeedbackRequest> feedbackRules,
    PortalCache cache,
    ILiveChanges live)
{
    /// <summary>
    /// The tag of the kept public event pages. Saved events, activities and towns drop it (declared in the module); the
    /// places left change by <c>ExecuteUpdate</c>, which drops nothing by itself, so the paths that take or free a place
    /// drop it after their commit (<see cref="PlacesChanged"/>). Other saves of a registration (its e-mail sent, a
    /// check-in) leave the page as it was, so they do not drop it: a burst of confirmation e-mails would otherwise keep
    /// the page from being kept at all.
    /// </summary>
    public const string PublicPageTag = "activities:public-events";

    /// <summary>A place was taken or freed and committed: the kept public pages show the places left again.</summary>
    internal static void PlacesChanged(PortalCache cache) => cache.Invalidate(PublicPageTag);

    /// <summary>The event as the public sees it; <paramref name="publicOnly"/> false for registrants' e-mails of an event no longer public.</summary>
    public async Task<PublicEventView> PublicEventAsync(Guid eventId, CancellationToken cancellationToken = default, bool publicOnly = true)
    {
        var evt = await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Id == eventId && (e.IsPublic || !publicOnly), cancellationToken)
                  ?? throw new EntityNotFoundException(nameof(ActivityEvent), eventId);
        var activity = await db.Activities.AsNoTracking().SingleAsync(a => a.Id == evt.ActivityId, cancellationToken);
        var town = await db.Towns.AsNoTracking().SingleAsync(t => t.Id == evt.TownId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        return new PublicEventView(evt.Id, evt.Title, evt.Kind, activity.Number, ActivityPlan.NameOf(activity), evt.Description,
            evt.LocalStart, evt.LocalEnd, evt.TimeZone, evt.StartUtc, evt.EndUtc, ActivityPlan.NameOf(town), evt.Venue, evt.OrganisingPartners, evt.Speakers, evt.Agenda,
            evt.Capacity, evt.Capacity is { } c ? Math.Max(0, c - evt.Confirmed) : 0,
            TakesRegistrations(evt, now), evt.IsCancelled, evt.CancellationReason);
    }

    private static bool TakesRegistrations(ActivityEvent evt, DateTime now) => evt.IsPublic && !evt.IsCancelled && evt.Capacity is not null && evt.StartUtc > now;

    public string NewFormToken(Guid eventId) => tokens.NewFormToken(eventId);

    /// <summary>
    /// A place is taken by one conditional UPDATE (<c>Confirmed = Confirmed + 1 WHERE Confirmed &lt; Capacity</c>) in
    /// the same transaction as the registration's row: the database serialises the updates of the event's row, so 200
    /// people at once for 150 places end as exactly 150 confirmed and 50 waiting, and a duplicate address (the unique
    /// key) rolls its place back.
    /// </summary>
    public async Task<RegistrationOutcomeDto> RegisterAsync(Guid eventId, RegisterRequest request, CancellationToken cancellationToken = default)
    {
        // A robot fills every field it finds, the honeypot too; it is told nothing more than a person with a bad form.
        if (!string.IsNullOrEmpty(request.Website))
        {
            throw new DomainRuleException("Problem.NotAccepted", typeof(ActivitiesResource));
        }
        switch (tokens.Check(eventId, request.FormToken))
        {
            case FormTokenCheck.TooFast:
            case FormTokenCheck.Invalid:
                throw new DomainRuleException("Problem.NotAccepted", typeof(ActivitiesResource));
            case FormTokenCheck.Expired:
                throw new DomainRuleException("Problem.FormExpired", typeof(ActivitiesResource));
        }
        await registerRules.EnsureValidAsync(request, cancellationToken);
        var evt = await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Id == eventId && e.IsPublic, cancellationToken)
                  ?? throw new EntityNotFoundException(nameof(ActivityEvent), eventId);
        var now = clock.GetUtcNow().UtcDateTime;
        if (evt.IsCancelled)
        {
            throw new DomainRuleException("Problem.EventCancelled", typeof(ActivitiesResource), evt.CancellationReason ?? "");
        }
        if (!TakesRegistrations(evt, now))
        {
            throw new DomainRuleException("Problem.RegistrationClosed", typeof(ActivitiesResource));
        }
        var key = Registration.KeyOf(request.Email!);
        if (await db.Registrations.AnyAsync(r => r.EventId == eventId && r.EmailKey == key, cancellationToken))
        {
            throw new DuplicateRegistrationException();
        }
        var token = RegistrationTokens.NewRegistrantToken();
        var language = PortalCultures.Normalize(request.Language) ?? PortalCultures.Normalize(CultureInfo.CurrentUICulture.Name) ?? PortalCultures.Default;
        Registration registration;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var taken = await db.Events.Where(e => e.Id == eventId && e.Confirmed < e.Capacity)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.Confirmed, e => e.Confirmed + 1), cancellationToken);
            registration = new Registration(Guid.CreateVersion7(), eventId, request.Name!.Trim(), request.Email!.Trim(), Blank(request.Organisation),
                request.TargetGroup!.Value, request.Gender, request.AgeGroup, taken == 1 ? RegistrationStatus.Confirmed : RegistrationStatus.Waiting,
                now, RegistrationTokens.HashOf(token), language);
            db.Registrations.Add(registration);
            // The e-mail goes out through the outbox, written in this transaction: a mail server that is down delays it,
            // never loses it, and never fails the registration.
            events.Publish(new EventRegistrationReceived(eventId, registration.Id, tokens.ProtectLink(token)));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (UniqueWrites.IsUniqueViolation(e))
            {
                // The same address at the same moment: the other request won; this one's place goes back with the rollback.
                throw new DuplicateRegistrationException();
            }
            await transaction.CommitAsync(cancellationToken);
        }
        if (registration.Status == RegistrationStatus.Confirmed)
        {
            PlacesChanged(cache);
        }
        // Committed: the organisers' open pages show the new count (a place taken, or one more waiting).
        await live.EventChangedAsync(eventId, EventChanges.Registrations);
        int? position = registration.Status == RegistrationStatus.Waiting
            ? await db.Registrations.CountAsync(r => r.EventId == eventId && r.Status == RegistrationStatus.Waiting && r.RegisteredAtUtc <= registration.RegisteredAtUtc, cancellationToken)
            : null;
        return new RegistrationOutcomeDto(registration.Status, position);
    }

    public async Task<RegistrantLinkView> LinkAsync(Guid eventId, string? token, CancellationToken cancellationToken = default)
    {
        var registration = await ByTokenAsync(eventId, token, tracked: false, cancellationToken);
        var evt = await PublicEventAsync(eventId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        return new RegistrantLinkView(evt, registration.Status,
            MayCancel: registration.Status != RegistrationStatus.Cancelled && !evt.IsCancelled && evt.StartUtc > now,
            MayGiveFeedback: registration.Status == RegistrationStatus.Confirmed && registration.FeedbackGivenAtUtc is null && !evt.IsCancelled
                             && evt.EndUtc <= now && now <= evt.EndUtc + options.Value.FeedbackWindow);
    }

    /// <summary>The registrant cancels through their link; a freed place goes to the first on the waiting list.</summary>
    public async Task CancelAsync(Guid eventId, string? token, CancellationToken cancellationToken = default)
    {
        var registration = await ByTokenAsync(eventId, token, tracked: true, cancellationToken);
        if (registration.Status == RegistrationStatus.Cancelled)
        {
            return;
        }
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var wasConfirmed = registration.Status == RegistrationStatus.Confirmed;
            registration.Status = RegistrationStatus.Cancelled;
            await db.SaveChangesAsync(cancellationToken);
            if (wasConfirmed)
            {
                await db.Events.Where(e => e.Id == eventId).ExecuteUpdateAsync(s => s.SetProperty(e => e.Confirmed, e => e.Confirmed - 1), cancellationToken);
                await PromoteFirstWaitingAsync(eventId, cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            if (wasConfirmed)
            {
                PlacesChanged(cache);
            }
        }
        await live.EventChangedAsync(eventId, EventChanges.Registrations);
    }

    private async Task<Registration?> PromoteFirstWaitingAsync(Guid eventId, CancellationToken cancellationToken)
    {
        var first = await db.Registrations.Where(r => r.EventId == eventId && r.Status == RegistrationStatus.Waiting)
            .OrderBy(r => r.RegisteredAtUtc).ThenBy(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        if (first is null)
        {
            return null;
        }
        var taken = await db.Events.Where(e => e.Id == eventId && e.Confirmed < e.Capacity)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Confirmed, e => e.Confirmed + 1), cancellationToken);
        if (taken == 0)
        {
            return null;
        }
        first.Status = RegistrationStatus.Confirmed;
        events.Publish(new EventRegistrationPromoted(eventId, first.Id));
        await db.SaveChangesAsync(cancellationToken);
        return first;
    }

    /// <summary>The event as .ics for the registrant's calendar (their link), marked cancelled when it is.</summary>
    public async Task<string> OwnCalendarAsync(Guid eventId, string? token, string baseUrl, CancellationToken cancellationToken = default)
    {
        await ByTokenAsync(eventId, token, tracked: false, cancellationToken);
        return RegistrationMail.Calendar(await PublicEventAsync(eventId, cancellationToken, publicOnly: false), baseUrl);
    }

    /// <summary>Everything kept about the registration, for its registrant (their link).</summary>
    public async Task<RegistrantRecordDto> OwnDataAsync(Guid eventId, string? token, CancellationToken cancellationToken = default)
        => await records.OwnRecordAsync((await ByTokenAsync(eventId, token, tracked: false, cancellationToken)).Id, cancellationToken);

    /// <summary>
    /// The registrant erases their own data (their link): an upcoming place is cancelled first, so the first person
    /// waiting moves up; then the row goes, and a check-in stays as an anonymous count.
    /// </summary>
    public async Task EraseOwnAsync(Guid eventId, string? token, CancellationToken cancellationToken = default)
    {
        var registration = await ByTokenAsync(eventId, token, tracked: false, cancellationToken);
        var evt = await db.Events.AsNoTracking().SingleAsync(e => e.Id == eventId, cancellationToken);
        if (registration.Status != RegistrationStatus.Cancelled && !evt.IsCancelled && evt.StartUtc > clock.GetUtcNow().UtcDateTime)
        {
            await CancelAsync(eventId, token, cancellationToken);
        }
        db.ChangeTracker.Clear();
        await records.EraseOneAsync(registration.Id, cancellationToken);
    }

    /// <summary>Feedback through the registrant's link, once, between the event's end and the form's closing.</summary>
    public async Task GiveFeedbackAsync(Guid eventId, string? token, FeedbackRequest request, CancellationToken cancellationToken = default)
    {
        await feedbackRules.EnsureValidAsync(request, cancellationToken);
        var registration = await ByTokenAsync(eventId, token, tracked: true, cancellationToken);
        var evt = await db.Events.AsNoTracking().SingleAsync(e => e.Id == eventId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (evt.IsCancelled || evt.EndUtc > now)
        {
            throw new DomainRuleException("Problem.FeedbackNotYet", typeof(ActivitiesResource));
        }
        if (now > evt.EndUtc + options.Value.FeedbackWindow)
        {
            throw new DomainRuleException("Problem.FeedbackClosed", typeof(ActivitiesResource));
        }
        if (registration.FeedbackGivenAtUtc is not null)
        {
            throw new DomainRuleException("Problem.FeedbackGiven", typeof(ActivitiesResource));
        }
        registration.FeedbackGivenAtUtc = now;
        db.Feedback.Add(new EventFeedback(Guid.CreateVersion7(), eventId, request.Anonymous ? null : registration.Id, request.Rating, Blank(request.Comment), now));
        await db.SaveChangesAsync(cancellationToken);
        await live.EventChangedAsync(eventId, EventChanges.Feedback);
    }

    private async Task<Registration> ByTokenAsync(Guid eventId, string? token, bool tracked, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
        {
            throw new EntityNotFoundException(nameof(Registration), eventId);
        }
        var hash = RegistrationTokens.HashOf(token);
        return await (tracked ? db.Registrations : db.Registrations.AsNoTracking()).SingleOrDefaultAsync(r => r.EventId == eventId && r.TokenHash == hash, cancellationToken)
               ?? throw new EntityNotFoundException(nameof(Registration), eventId);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>The address is already registered for the event (409): the person has their link in their mailbox.</summary>
internal sealed class DuplicateRegistrationException() : DomainRuleException("Problem.AlreadyRegistered", typeof(ActivitiesResource))
{
    public override int StatusCode => 409;
}
