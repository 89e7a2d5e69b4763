using Consortium.Portal.Platform.Time;

namespace Consortium.Portal.Meetings.Domain;

/// <summary>
/// A meeting's time is wall-clock time in its own zone; its UTC instant follows from that (the Platform's
/// <see cref="ZonedTimes"/>, which Activities' events share), so a weekly 10:00 meeting stays at 10:00 on both sides of
/// a daylight-saving change.
/// </summary>
public static class MeetingTimes
{
    public static TimeZoneInfo? FindZone(string? id) => ZonedTimes.FindZone(id);

    public static DateTime ToUtc(DateTime local, TimeZoneInfo zone) => ZonedTimes.ToUtc(local, zone);

    public static DateTime ToLocal(DateTime utc, TimeZoneInfo zone) => ZonedTimes.ToLocal(utc, zone);
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
