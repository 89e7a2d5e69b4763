using System.Globalization;
using Consortium.Portal.Platform.Localization;

namespace Consortium.Portal.Workflows.Components;

/// <summary>A definition's or stage's name in the reader's language; Serbian Cyrillic left empty is read from the Latin, as the portal's texts are.</summary>
internal static class LocalizedNames
{
    public static string InReaderLanguage(this LocalizedName? name) => name.In(CultureInfo.CurrentUICulture.Name);

    /// <summary>The name in <paramref name="culture"/> (a working language), English where that one is empty.</summary>
    public static string In(this LocalizedName? name, string culture)
    {
        if (name is null)
        {
            return "";
        }
        return culture == PortalCultures.SerbianCyrillic && string.IsNullOrWhiteSpace(name.SrCyrl) && !string.IsNullOrWhiteSpace(name.SrLatn)
            ? SerbianTransliterator.ToCyrillic(name.SrLatn)
            : name.For(culture);
    }
}
