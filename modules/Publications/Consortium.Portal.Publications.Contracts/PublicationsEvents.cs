using Consortium.Portal.Platform.Events;

namespace Consortium.Portal.Publications;

/// <summary>A publication went public: its catalogue page, feed entries and files exist from this save on.</summary>
[IntegrationEventName("publications.publication-published")]
public sealed record PublicationPublished(Guid PublicationId, string Slug, IReadOnlyList<string> Languages) : IIntegrationEvent;

/// <summary>A published publication was withdrawn with <paramref name="Reason"/>: it leaves the catalogue.</summary>
[IntegrationEventName("publications.publication-withdrawn")]
public sealed record PublicationWithdrawn(Guid PublicationId, string Reason) : IIntegrationEvent;
