using System.Globalization;
using System.Security.Claims;
using Consortium.Portal.Notifications.Delivery;
using Consortium.Portal.Platform.Security;

namespace Consortium.Portal.Notifications.Components;

/// <summary>Times as the reader's clock shows them: their time zone (claim <c>portal:tz</c>), the current culture's format.</summary>
public sealed class ReaderClock(TimeZoneInfo zone)
{
    public static readonly ReaderClock Default = new(Recipient.ZoneOf(null));

    public TimeZoneInfo Zone { get; } = zone;

    public static ReaderClock Of(ClaimsPrincipal user) => new(Recipient.ZoneOf(user.FindFirstValue(PortalClaimTypes.TimeZone)));

    public string Format(DateTime utc)
        => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone).ToString("g", CultureInfo.CurrentCulture);
}
