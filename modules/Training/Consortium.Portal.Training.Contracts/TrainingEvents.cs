using Consortium.Portal.Platform.Events;

namespace Consortium.Portal.Training;

/// <summary>Raised with the save that made a material public: its followers hear of it.</summary>
[IntegrationEventName("training.material-published")]
public sealed record TrainingMaterialPublished(Guid MaterialId, string Title, string Language, IReadOnlyList<string> Topics,
    IReadOnlyList<Audience> Audiences, IReadOnlyList<Guid> AuthoringPartnerIds) : IIntegrationEvent;

/// <summary>Raised when someone asks for a material in another language: the authoring partners' leads are asked.</summary>
[IntegrationEventName("training.translation-requested")]
public sealed record TrainingTranslationRequested(Guid MaterialId, string Title, string Language, Guid RequestedBy,
    IReadOnlyList<Guid> AuthoringPartnerIds, string? Message) : IIntegrationEvent;
