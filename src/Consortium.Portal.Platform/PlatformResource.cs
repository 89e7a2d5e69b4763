namespace Consortium.Portal.Platform;

/// <summary>The platform's localization resource (<c>Localization/*.json</c>): <c>IStringLocalizer&lt;PlatformResource&gt;</c>.</summary>
public sealed class PlatformResource;
