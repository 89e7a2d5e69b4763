using Consortium.Portal.Platform.Events;

namespace Consortium.Portal.TemplateModule;

/// <summary>Raised with the save that added the item; other modules subscribe with an internal sealed handler.</summary>
[IntegrationEventName("templatemodule.item-added")]
public sealed record TemplateModuleItemAdded(Guid ItemId, string Name) : IIntegrationEvent;
