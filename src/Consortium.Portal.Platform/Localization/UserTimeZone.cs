using System.Globalization;
using System.Security.Claims;
using Consortium.Portal.Platform.Security;

namespace Consortium.Portal.Platform.Localization;

/// <summary>
/// The signed-in user's time zone (the <c>portal:tz</c> claim, an IANA id; Europe/Belgrade, the consortium's, when
/// absent or unknown). Times are stored in UTC; this turns them into what the user's clock shows.
/// </summary>
/// <remarks>
/// A page's "today" is the user's (<see cref="Today"/>), never the server's <c>DateTime.Today</c>: the server runs on UTC,
/// so between midnight in Belgrade and 01:00 UTC (02:00 in summer) the two days differ, and a default "a week from
/// today" lands in another calendar week than the one the calendar counts from.
/// </remarks>
public sealed class UserTimeZone(ICurrentUser user, TimeProvider? clock = null)
{
    public const string DefaultTimeZoneId = "Europe/Belgrade";

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public TimeZoneInfo TimeZone => Resolve(user.Principal.FindFirstValue(PortalClaimTypes.TimeZone));

    /// <summary>The user's local time of a UTC instant (a value read back from SQLite has no kind and is taken as UTC).</summary>
    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(AsUtc(utc), TimeZone);

    /// <summary>The user's local time now.</summary>
    public DateTime Now => ToLocal(_clock.GetUtcNow().UtcDateTime);

    /// <summary>The date on the user's calendar now (the date part of <see cref="Now"/>, its kind unspecified).</summary>
    public DateTime Today => Now.Date;

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
