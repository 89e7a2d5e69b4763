namespace Consortium.Portal.Web.Localization;

/// <summary>Marker type of the host's texts (Localization/*.json of this assembly): layout, home, error and not-found pages.</summary>
public sealed class WebResource;
