using Consortium.Portal.Workflows.Domain;

namespace Consortium.Portal.Workflows.Tests;

public sealed class DueDatesTests
{
    private static DateTime Belgrade(int year, int month, int day, int hour)
        => TimeZoneInfo.ConvertTimeToUtc(new DateTime(year, month, day, hour, 0, 0, DateTimeKind.Unspecified), EngineScene.Belgrade);

    [Fact]
    public void Working_days_skip_the_weekend_and_keep_the_time_of_day()
    {
        var friday = Belgrade(2026, 12, 4, 10);

        var due = DueDates.DueAt(friday, new StageDeadline(1, WorkingDays: true), EngineScene.Belgrade);

        Assert.Equal(Belgrade(2026, 12, 7, 10), due); // Monday
    }

    [Fact]
    public void Five_working_days_from_a_Saturday_end_on_the_next_Friday()
        => Assert.Equal(Belgrade(2026, 12, 11, 9), DueDates.DueAt(Belgrade(2026, 12, 5, 9), new StageDeadline(5, WorkingDays: true), EngineScene.Belgrade));

    [Fact]
    public void Calendar_days_count_the_weekend()
        => Assert.Equal(Belgrade(2026, 12, 6, 10), DueDates.DueAt(Belgrade(2026, 12, 4, 10), new StageDeadline(2), EngineScene.Belgrade));

    [Fact]
    public void Working_days_across_the_clock_change_keep_the_local_time()
        => Assert.Equal(Belgrade(2027, 3, 29, 10), DueDates.DueAt(Belgrade(2027, 3, 26, 10), new StageDeadline(1, WorkingDays: true), EngineScene.Belgrade));

    [Fact]
    public void A_reminder_that_would_come_before_the_task_opened_is_not_set()
    {
        var opened = Belgrade(2026, 12, 2, 9);
        Assert.Null(DueDates.RemindAt(opened, opened.AddDays(1), new StageDeadline(1, RemindHoursBefore: 30)));
        Assert.Equal(opened.AddHours(18), DueDates.RemindAt(opened, opened.AddDays(1), new StageDeadline(1, RemindHoursBefore: 6)));
    }
}
