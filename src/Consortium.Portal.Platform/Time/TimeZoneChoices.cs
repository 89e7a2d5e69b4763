using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Consortium.Portal.Platform.Time;

/// <summary>One time zone as a picker offers it: the IANA id it stores and what a person reads.</summary>
public sealed record TimeZoneChoice(string Id, string Label, TimeSpan Offset);

/// <summary>
/// The IANA time zones a person may pick, named in their language: "Beograd – Srednjeevropsko vreme (UTC+01:00)".
/// Sorted by offset, then by name, so neighbours on the clock sit together. Every picker (the profile, a meeting, an
/// event) takes its list here and stores the id, never the label.
/// </summary>
public static partial class TimeZoneChoices
{
    /// <summary>The IANA zones this machine knows, "Europe/Belgrade" style ids only (no Windows names, no bare "UTC").</summary>
    public static IReadOnlyList<string> IanaIds { get; } = TimeZoneInfo.GetSystemTimeZones()
        .Select(z => z.Id)
        .Where(IsIanaZone)
        .Order(StringComparer.Ordinal)
        .ToList();

    private static readonly ConcurrentDictionary<string, IReadOnlyList<TimeZoneChoice>> ByCulture = new(StringComparer.Ordinal);

    public static bool IsIanaZone(string? id)
        => !string.IsNullOrWhiteSpace(id) && id.Trim() == id && id.Contains('/', StringComparison.Ordinal)
           && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _)
           && (TimeZoneInfo.TryConvertIanaIdToWindowsId(id, out _) || id.StartsWith("Etc/", StringComparison.Ordinal));

    /// <summary>The choices in a culture's language; computed once per culture (a few hundred ICU look-ups).</summary>
    public static IReadOnlyList<TimeZoneChoice> For(CultureInfo culture)
        => ByCulture.GetOrAdd(culture.Name, _ => Build(culture));

    /// <summary>
    /// The choices whose label or id holds every word typed, whatever its case and accents ("nis" finds Niš, "ora evro"
    /// the Albanian names of Europe's zones); all of them for nothing typed.
    /// </summary>
    public static IEnumerable<TimeZoneChoice> Find(string? text, CultureInfo culture)
    {
        var words = (text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        const CompareOptions loose = CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace;
        // Invariant, not the reader's: Albanian's own order holds "ë" a letter apart, and people type "e" for it.
        var compare = CultureInfo.InvariantCulture.CompareInfo;
        return For(culture).Where(c => words.All(w =>
            compare.IndexOf(c.Label, w, loose) >= 0 || compare.IndexOf(c.Id.Replace('_', ' '), w, loose) >= 0));
    }

    /// <summary>The label of one zone in a culture, or the id itself when the machine knows no such zone.</summary>
    public static string LabelOf(string id, CultureInfo culture)
        => For(culture).FirstOrDefault(c => c.Id == id)?.Label ?? id;

    private static List<TimeZoneChoice> Build(CultureInfo culture)
    {
        var byName = StringComparer.Create(culture, ignoreCase: true);
        return IanaIds
            .Select(id => TimeZoneInfo.FindSystemTimeZoneById(id))
            .Select(zone => new TimeZoneChoice(zone.Id, Label(zone, culture), zone.BaseUtcOffset))
            .OrderBy(c => c.Offset)
            .ThenBy(c => c.Label, byName)
            .ToList();
    }

    private static string Label(TimeZoneInfo zone, CultureInfo culture)
    {
        var offset = zone.BaseUtcOffset;
        var suffix = $"(UTC{(offset < TimeSpan.Zero ? '-' : '+')}{offset.Duration():hh\\:mm})";
        var name = IcuZoneNames.Get(culture.Name, zone.Id, IcuZoneNames.Generic);
        if (name is null)
        {
            // No ICU (invariant globalization, another OS): the id still reads as a place.
            return $"{zone.Id.Replace('_', ' ')} {suffix}";
        }
        // The city first: a native select's type-ahead and a person's eye look for the place ("Tir…" finds Tirana).
        // Etc/ zones have no city (ICU says "Unknown City"); a name like "Ora: Nju-Jork" already holds it.
        var city = zone.Id.StartsWith("Etc/", StringComparison.Ordinal) ? null : IcuZoneNames.Get(culture.Name, zone.Id, IcuZoneNames.ExemplarCity);
        return string.IsNullOrEmpty(city) || culture.CompareInfo.IndexOf(name, city, CompareOptions.IgnoreCase) >= 0
            ? $"{name} {suffix}"
            : $"{city} – {name} {suffix}";
    }

    /// <summary>
    /// Zone names from ICU in any culture. TimeZoneInfo.DisplayName cannot serve: the runtime names each zone once, in
    /// the UI culture of whichever request loads it first, and caches it for the process. So this asks ICU through the
    /// runtime's own globalization shim (the call TimeZoneInfo itself makes), and only where ICU is loaded: on Linux
    /// without invariant globalization. Anything else answers null and the caller falls back to the id.
    /// </summary>
    private static partial class IcuZoneNames
    {
        public const int Generic = 0;
        public const int ExemplarCity = 4;

        private static readonly bool Available = IcuIsLoaded();

        public static string? Get(string culture, string zoneId, int type)
        {
            if (!Available)
            {
                return null;
            }
            Span<char> buffer = stackalloc char[128];
            try
            {
                var ok = GetTimeZoneDisplayName(culture, zoneId, type, ref MemoryMarshal.GetReference(buffer), buffer.Length) == 0;
                var end = buffer.IndexOf('\0');
                return ok && end > 0 ? new string(buffer[..end]) : null;
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                return null;
            }
        }

        private static bool IcuIsLoaded()
        {
            if (!OperatingSystem.IsLinux()
                || (AppContext.TryGetSwitch("System.Globalization.Invariant", out var invariant) && invariant))
            {
                return false;
            }
            try
            {
                // A culture's own data comes only from ICU; reading it also makes sure ICU is loaded before the first call.
                return CultureInfo.GetCultureInfo("sr-Cyrl").NativeName != CultureInfo.InvariantCulture.NativeName;
            }
            catch (CultureNotFoundException)
            {
                return false;
            }
        }

        [LibraryImport("libSystem.Globalization.Native", EntryPoint = "GlobalizationNative_GetTimeZoneDisplayName", StringMarshalling = StringMarshalling.Utf16)]
        private static partial int GetTimeZoneDisplayName(string localeName, string timeZoneId, int type, ref char result, int resultLength);
    }
}
