using Consortium.Portal.Platform.Events;

namespace Consortium.Portal.Identity;

/// <summary>A user was disabled: modules end what they keep open for them (live connections, locks).</summary>
[IntegrationEventName("identity.user-disabled")]
public sealed record UserDisabled(Guid UserId) : IIntegrationEvent;

/// <summary>A user accepted an invitation and can now sign in. <paramref name="InvitedBy"/> is who sent the invitation.</summary>
[IntegrationEventName("identity.user-joined")]
public sealed record UserJoined(Guid UserId, Guid? PartnerOrganisationId, string Role, Guid? InvitedBy = null) : IIntegrationEvent;
