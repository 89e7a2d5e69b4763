using Consortium.Portal.Meetings.Domain;

namespace Consortium.Portal.Meetings.Tests;

public sealed class SeriesTests
{
    private static readonly DateOnly Tuesday = new(2027, 1, 12);

    [Fact]
    public void A_weekly_series_meets_every_week_on_the_first_meetings_weekday_until_its_count()
    {
        var days = new SeriesRule(SeriesFrequency.Weekly, 1, null, 4, []).Days(Tuesday);

        Assert.Equal([Tuesday, Tuesday.AddDays(7), Tuesday.AddDays(14), Tuesday.AddDays(21)], days);
    }

    [Fact]
    public void Every_two_weeks_until_a_last_day_includes_that_day()
    {
        var days = new SeriesRule(SeriesFrequency.Weekly, 2, new DateOnly(2027, 2, 23), null, []).Days(Tuesday);

        Assert.Equal([new(2027, 1, 12), new(2027, 1, 26), new(2027, 2, 9), new DateOnly(2027, 2, 23)], days);
    }

    [Fact]
    public void An_exception_drops_its_day_but_still_counts_towards_the_count()
    {
        var days = new SeriesRule(SeriesFrequency.Weekly, 1, null, 4, [Tuesday.AddDays(7)]).Days(Tuesday);

        Assert.Equal([Tuesday, Tuesday.AddDays(14), Tuesday.AddDays(21)], days);
    }

    [Fact]
    public void Monthly_by_weekday_keeps_the_second_tuesday()
    {
        var days = new SeriesRule(SeriesFrequency.MonthlyByWeekday, 1, null, 3, []).Days(Tuesday);

        Assert.Equal([new(2027, 1, 12), new(2027, 2, 9), new DateOnly(2027, 3, 9)], days);
    }

    [Fact]
    public void Monthly_by_weekday_from_the_months_last_week_is_the_last_weekday()
    {
        // Friday 29 January 2027 is the last Friday of January.
        var days = new SeriesRule(SeriesFrequency.MonthlyByWeekday, 1, null, 3, []).Days(new DateOnly(2027, 1, 29));

        Assert.Equal([new(2027, 1, 29), new(2027, 2, 26), new DateOnly(2027, 3, 26)], days);
    }

    [Fact]
    public void Monthly_by_date_takes_the_months_last_day_when_it_is_shorter()
    {
        var days = new SeriesRule(SeriesFrequency.MonthlyByDate, 1, null, 3, []).Days(new DateOnly(2027, 1, 31));

        Assert.Equal([new(2027, 1, 31), new(2027, 2, 28), new DateOnly(2027, 3, 31)], days);
    }

    [Fact]
    public void A_series_without_an_end_is_refused()
        => Assert.Equal("Series.NoEnd", new SeriesRule(SeriesFrequency.Weekly, 1, null, null, []).Problem(Tuesday));

    [Fact]
    public void A_series_ending_beyond_two_years_is_refused_by_date_and_by_count()
    {
        Assert.Equal("Series.BeyondHorizon", new SeriesRule(SeriesFrequency.Weekly, 1, Tuesday.AddYears(3), null, []).Problem(Tuesday));
        Assert.Equal("Series.BeyondHorizon", new SeriesRule(SeriesFrequency.Weekly, 1, null, 200, []).Problem(Tuesday));
        Assert.Null(new SeriesRule(SeriesFrequency.Weekly, 1, null, 100, []).Problem(Tuesday));
    }
}

public sealed class TimeZoneTests
{
    private static readonly TimeZoneInfo Belgrade = MeetingTimes.FindZone("Europe/Belgrade")!;

    [Fact]
    public void A_weekly_ten_oclock_meeting_stays_at_ten_across_the_last_sundays_of_march_and_october()
    {
        var slot = new MeetingSlot(new DateTime(2027, 3, 22, 10, 0, 0), new DateTime(2027, 3, 22, 11, 0, 0), Belgrade);

        // 28 March 2027 and 31 October 2027 are the last Sundays of those months.
        Assert.Equal(new DateTime(2027, 3, 22, 9, 0, 0, DateTimeKind.Utc), slot.StartUtc);
        Assert.Equal(new DateTime(2027, 3, 29, 8, 0, 0, DateTimeKind.Utc), slot.On(new DateOnly(2027, 3, 29)).StartUtc);
        Assert.Equal(new DateTime(2027, 10, 25, 8, 0, 0, DateTimeKind.Utc), slot.On(new DateOnly(2027, 10, 25)).StartUtc);
        Assert.Equal(new DateTime(2027, 11, 1, 9, 0, 0, DateTimeKind.Utc), slot.On(new DateOnly(2027, 11, 1)).StartUtc);
    }

    [Fact]
    public void A_time_in_the_spring_gap_is_taken_an_hour_later()
        => Assert.Equal(new DateTime(2027, 3, 28, 1, 30, 0, DateTimeKind.Utc), MeetingTimes.ToUtc(new DateTime(2027, 3, 28, 2, 30, 0), Belgrade));

    [Fact]
    public void A_time_the_autumn_change_repeats_is_taken_the_first_time()
        => Assert.Equal(new DateTime(2027, 10, 31, 0, 30, 0, DateTimeKind.Utc), MeetingTimes.ToUtc(new DateTime(2027, 10, 31, 2, 30, 0), Belgrade));

    [Fact]
    public void An_unknown_zone_is_none()
    {
        Assert.Null(MeetingTimes.FindZone("Europe/Atlantis"));
        Assert.Null(MeetingTimes.FindZone(""));
    }
}

public sealed class AgendaTimingTests
{
    [Fact]
    public void The_total_is_compared_with_the_meetings_length_and_the_overrun_shown()
    {
        var timing = AgendaTiming.Of([30, 45, 30], TimeSpan.FromMinutes(90));

        Assert.Equal(105, timing.TotalMinutes);
        Assert.Equal(15, timing.OverrunMinutes);
        Assert.Equal([0, 30, 75], timing.PlannedStartOffsets);
    }

    [Fact]
    public void An_agenda_within_the_meeting_has_no_overrun()
        => Assert.Equal(0, AgendaTiming.Of([30, 30], TimeSpan.FromHours(2)).OverrunMinutes);
}
