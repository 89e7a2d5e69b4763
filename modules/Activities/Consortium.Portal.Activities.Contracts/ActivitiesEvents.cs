using Consortium.Portal.Platform.Events;

namespace Consortium.Portal.Activities;

/// <summary>Raised with the save that planned an event under an activity.</summary>
[IntegrationEventName("activities.event-planned")]
public sealed record ActivityEventPlanned(Guid EventId, int ActivityNumber, string Title, DateTime StartUtc) : IIntegrationEvent;

/// <summary>Raised with the save that called an event off; its registrants are e-mailed the reason.</summary>
[IntegrationEventName("activities.event-cancelled")]
public sealed record ActivityEventCancelled(Guid EventId, string Reason) : IIntegrationEvent;

/// <summary>
/// Raised with the save of a public registration (confirmed or waiting). The registrant's secret link is only ever
/// e-mailed: it travels here protected by the portal's data protection (<paramref name="ProtectedLinkToken"/>), readable
/// by the Activities module alone, and the outbox row is purged after its retention.
/// </summary>
[IntegrationEventName("activities.registration-received")]
public sealed record EventRegistrationReceived(Guid EventId, Guid RegistrationId, string ProtectedLinkToken) : IIntegrationEvent;

/// <summary>Raised when a cancellation moved a person up from the waiting list to a place.</summary>
[IntegrationEventName("activities.registration-promoted")]
public sealed record EventRegistrationPromoted(Guid EventId, Guid RegistrationId) : IIntegrationEvent;
