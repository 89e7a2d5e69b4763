namespace Consortium.Portal.Platform.Localization;

/// <summary>Marker type of the kernel's own texts (Localization/*.json of this assembly): errors, culture picker, layouts.</summary>
public sealed class PlatformResource;
