using System.Globalization;
using System.Security.Claims;
using Consortium.Portal.Platform.Security;

namespace Consortium.Portal.Platform.Localization;

/// <summary>
/// The signed-in user's time zone (the <c>portal:tz</c> claim, an IANA id; Europe/Belgrade, the consortium's, when
/// absent or unknown). Times are stored in UTC; this turns them into what the user's clock shows.
/// </summary>
public sealed class UserTimeZone(ICurrentUser user)
{
    public const string DefaultTimeZoneId = "Europe/Belgrade";

    public TimeZoneInfo TimeZone => Resolve(user.Principal.FindFirstValue(PortalClaimTypes.TimeZone));

    /// <summary>The user's local time of a UTC instant (a value read back from SQLite has no kind and is taken as UTC).</summary>
    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(AsUtc(utc), TimeZone);

    /// <summary>The user's local time of <paramref name="utc"/>, formatted for the current culture.</summary>
    public string Format(DateTime utc, string format = "g") => ToLocal(utc).ToString(format, CultureInfo.CurrentCulture);

    public static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };

    public static TimeZoneInfo Resolve(string? timeZoneId)
    {
        if (!string.IsNullOrWhiteSpace(timeZoneId) && TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone))
        {
            return zone;
        }
        return TimeZoneInfo.FindSystemTimeZoneById(DefaultTimeZoneId);
    }
}
