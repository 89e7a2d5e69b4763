using Consortium.Portal.Activities.Data;
using Consortium.Portal.Activities.Domain;
using Consortium.Portal.Platform.Events;
using Consortium.Portal.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Consortium.Portal.Activities.Application;

/// <summary>
/// The portal's address in registrants' e-mails, which are written in the background, away from any request:
/// the Platform's one reading of <c>Portal:PublicBaseUrl</c>, as the Identity and Notifications e-mails use it.
/// </summary>
internal sealed class RegistrantLinks(IConfiguration configuration)
{
    public string BaseUrl => PublicPages.PublicBaseUrl(configuration);
}

/// <summary>
/// Registrants' e-mails, sent from the outbox after the change that calls for them is saved. A failed send throws, so
/// the outbox tries again with its growing delay; what was sent is marked on the registration at once, so a retry
/// (or a redelivery) never sends the same person the same e-mail twice.
/// </summary>
internal sealed class RegistrantMailHandlers(
    ActivitiesDbContext db,
    EventRegistrations registrations,
    RegistrationMail mail,
    RegistrationTokens tokens,
    RegistrantLinks links,
    TimeProvider clock)
    : IIntegrationEventHandler<EventRegistrationReceived>, IIntegrationEventHandler<EventRegistrationPromoted>, IIntegrationEventHandler<ActivityEventCancelled>
{
    /// <summary>The confirmation (or waiting-list place) with the personal link, the .ics and the check-in QR code.</summary>
    public async Task HandleAsync(EventRegistrationReceived integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        var registration = await db.Registrations.SingleOrDefaultAsync(r => r.Id == integrationEvent.RegistrationId, cancellationToken);
        // Erased on request before the e-mail went, or already sent; a cancelled event has its own e-mail.
        if (registration is null || registration.ConfirmationMailedAtUtc is not null || registration.Status == RegistrationStatus.Cancelled)
        {
            return;
        }
        var evt = await registrations.PublicEventAsync(integrationEvent.EventId, cancellationToken, publicOnly: false);
        if (evt.IsCancelled)
        {
            return;
        }
        await mail.SendRegisteredAsync(registration, evt, tokens.UnprotectLink(integrationEvent.ProtectedLinkToken), links.BaseUrl, cancellationToken);
        registration.ConfirmationMailedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task HandleAsync(EventRegistrationPromoted integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        var registration = await db.Registrations.AsNoTracking().SingleOrDefaultAsync(r => r.Id == integrationEvent.RegistrationId, cancellationToken);
        if (registration is not { Status: RegistrationStatus.Confirmed })
        {
            return;
        }
        var evt = await registrations.PublicEventAsync(integrationEvent.EventId, cancellationToken, publicOnly: false);
        if (!evt.IsCancelled)
        {
            await mail.SendPromotedAsync(registration, evt, links.BaseUrl, cancellationToken);
        }
    }

    /// <summary>Everyone with a place or on the waiting list is told, in their language, with the organisers' reason.</summary>
    public async Task HandleAsync(ActivityEventCancelled integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        var evt = await registrations.PublicEventAsync(integrationEvent.EventId, cancellationToken, publicOnly: false);
        var people = await db.Registrations
            .Where(r => r.EventId == integrationEvent.EventId && r.Status != RegistrationStatus.Cancelled && r.CancellationMailedAtUtc == null)
            .OrderBy(r => r.RegisteredAtUtc).ToListAsync(cancellationToken);
        foreach (var registration in people)
        {
            await mail.SendEventCancelledAsync(registration, evt, links.BaseUrl, cancellationToken);
            // Kept at once: a failure further down the list retries only those not told yet.
            registration.CancellationMailedAtUtc = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
