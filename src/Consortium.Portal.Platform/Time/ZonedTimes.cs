namespace Consortium.Portal.Platform.Time;

/// <summary>
/// Wall-clock times in an IANA zone and the instants they are. Meetings and events keep what people agreed on (10:00 in
/// Belgrade) and derive the UTC instant from it, so a time stays put on both sides of a daylight-saving change.
/// </summary>
public static class ZonedTimes
{
    /// <summary>The zone of an IANA id (Linux reads the system's tz database), or null when there is none such.</summary>
    public static TimeZoneInfo? FindZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id.Trim());
        }
        catch (TimeZoneNotFoundException)
        {
            return null;
        }
        catch (InvalidTimeZoneException)
        {
            return null;
        }
    }

    /// <summary>
    /// The instant of a wall-clock time. A time inside the spring-forward gap (02:30 on the last Sunday of March in
    /// Belgrade) is taken an hour later, as calendar programs do; a time the autumn change makes happen twice is taken
    /// the first time (summer time), so it is not an hour late.
    /// </summary>
    public static DateTime ToUtc(DateTime local, TimeZoneInfo zone)
    {
        var wallClock = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(wallClock))
        {
            return DateTime.SpecifyKind(wallClock - zone.GetUtcOffset(wallClock.AddHours(-6)), DateTimeKind.Utc);
        }
        if (zone.IsAmbiguousTime(wallClock))
        {
            return DateTime.SpecifyKind(wallClock - zone.GetAmbiguousTimeOffsets(wallClock).Max(), DateTimeKind.Utc);
        }
        return TimeZoneInfo.ConvertTimeToUtc(wallClock, zone);
    }

    public static DateTime ToLocal(DateTime utc, TimeZoneInfo zone)
        => DateTime.SpecifyKind(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone), DateTimeKind.Unspecified);
}
