using System.Collections.Concurrent;
using System.Globalization;

namespace Consortium.Portal.Platform.Localization;

/// <summary>
/// The one place that decides how each working language writes dates, times and numbers. Every culture the portal
/// runs under (requests, circuits, e-mails, notifications) comes from here, so a page and an e-mail agree.
/// <list type="bullet">
/// <item>English: the portal is European, so day-month-year and the 24-hour clock (en-GB's formats, "02/12/2026 13:49"),
/// while the texts stay those of "en".</item>
/// <item>Albanian: the 24-hour clock that Kosovo uses ("2.12.2026 13:49"), not ICU's "1:49 e pasdites".</item>
/// <item>Serbian (both scripts): as .NET has them ("2.12.2026. 13:49").</item>
/// </list>
/// </summary>
public static class PortalCultureFormats
{
    private static readonly ConcurrentDictionary<string, CultureInfo> Cultures = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The portal's read-only culture for <paramref name="name"/> (a working language, or any other culture .NET knows, unchanged).</summary>
    public static CultureInfo Get(string name) => Cultures.GetOrAdd(PortalCultures.Normalize(name) ?? name, Create);

    private static CultureInfo Create(string name)
    {
        var culture = (CultureInfo)CultureInfo.GetCultureInfo(name).Clone();
        switch (name)
        {
            case PortalCultures.English:
                culture.DateTimeFormat = (DateTimeFormatInfo)CultureInfo.GetCultureInfo("en-GB").DateTimeFormat.Clone();
                break;
            case PortalCultures.Albanian:
                var format = culture.DateTimeFormat;
                format.ShortTimePattern = "HH:mm";
                format.LongTimePattern = "HH:mm:ss";
                format.FullDateTimePattern = format.LongDatePattern + " HH:mm:ss";
                format.AMDesignator = "";
                format.PMDesignator = "";
                break;
        }
        return CultureInfo.ReadOnly(culture);
    }
}
