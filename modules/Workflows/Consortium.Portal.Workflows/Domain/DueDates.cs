namespace Consortium.Portal.Workflows.Domain;

/// <summary>When a task is due and when its reminder goes, from the stage's deadline and the time it was opened.</summary>
public static class DueDates
{
    /// <summary>
    /// Calendar days are added as they are; working days count only Monday to Friday of <paramref name="zone"/> (the
    /// consortium's), keeping the time of day: opened on Friday 10:00 with one working day is due on Monday 10:00.
    /// </summary>
    public static DateTime DueAt(DateTime openedUtc, StageDeadline deadline, TimeZoneInfo zone)
    {
        if (!deadline.WorkingDays)
        {
            return openedUtc.AddDays(deadline.Days);
        }
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(openedUtc, DateTimeKind.Utc), zone);
        var counted = 0;
        while (counted < deadline.Days)
        {
            local = local.AddDays(1);
            if (local.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                counted++;
            }
        }
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        // The hour that does not exist when clocks go forward is taken as the hour after it.
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }
        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }

    /// <summary>The reminder's time, or null when the deadline has none or it would come before the task was opened.</summary>
    public static DateTime? RemindAt(DateTime openedUtc, DateTime dueUtc, StageDeadline deadline)
    {
        if (deadline.RemindHoursBefore is not > 0)
        {
            return null;
        }
        var at = dueUtc.AddHours(-deadline.RemindHoursBefore.Value);
        return at > openedUtc ? at : null;
    }
}
