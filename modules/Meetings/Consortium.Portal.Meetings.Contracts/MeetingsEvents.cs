using Consortium.Portal.Platform.Events;

namespace Consortium.Portal.Meetings;

/// <summary>A meeting was closed: its minutes are ready for approval.</summary>
[IntegrationEventName("meetings.meeting-closed")]
public sealed record MeetingClosed(Guid MeetingId, Guid WorkspaceId) : IIntegrationEvent;

/// <summary>A decision was recorded and numbered.</summary>
[IntegrationEventName("meetings.decision-recorded")]
public sealed record DecisionRecorded(Guid DecisionId, Guid WorkspaceId, Guid MeetingId, string Code) : IIntegrationEvent;
