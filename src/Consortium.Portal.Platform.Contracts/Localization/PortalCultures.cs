namespace Consortium.Portal.Platform.Localization;

/// <summary>The portal's working languages (DESIGN.md): English is the default and the fallback of every text.</summary>
public static class PortalCultures
{
    public const string English = "en";
    public const string Albanian = "sq";
    public const string SerbianLatin = "sr-Latn";
    public const string SerbianCyrillic = "sr-Cyrl";

    public const string Default = English;

    public static readonly IReadOnlyList<string> All = [English, Albanian, SerbianLatin, SerbianCyrillic];

    /// <summary>The supported culture name spelled as the portal spells it (so "SR-latn" becomes "sr-Latn"), or null.</summary>
    public static string? Normalize(string? culture)
        => culture is null ? null : All.FirstOrDefault(c => string.Equals(c, culture.Trim(), StringComparison.OrdinalIgnoreCase));
}
