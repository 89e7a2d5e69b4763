namespace Consortium.Portal.Meetings.Domain;

/// <summary>
/// A meeting's time is wall-clock time in its own zone; its UTC instant follows from that, so a weekly 10:00 meeting
/// stays at 10:00 on both sides of a daylight-saving change.
/// </summary>
public static class MeetingTimes
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

/// <summary>When a meeting takes place: wall-clock start and end in a zone, and the instants they are.</summary>
public sealed record MeetingSlot(DateTime LocalStart, DateTime LocalEnd, TimeZoneInfo Zone)
{
    public DateTime StartUtc => MeetingTimes.ToUtc(LocalStart, Zone);
    public DateTime EndUtc => MeetingTimes.ToUtc(LocalEnd, Zone);
    public TimeSpan Length => LocalEnd - LocalStart;

    /// <summary>The same wall-clock times moved to another day.</summary>
    public MeetingSlot On(DateOnly day)
    {
        var start = day.ToDateTime(TimeOnly.FromDateTime(LocalStart));
        return this with { LocalStart = start, LocalEnd = start + Length };
    }
}
