using Consortium.Portal.Platform.Events;

namespace Consortium.Portal.Activities;

/// <summary>Raised with the save that planned an event under an activity.</summary>
[IntegrationEventName("activities.event-planned")]
public sealed record ActivityEventPlanned(Guid EventId, int ActivityNumber, string Title, DateTime StartUtc) : IIntegrationEvent;
