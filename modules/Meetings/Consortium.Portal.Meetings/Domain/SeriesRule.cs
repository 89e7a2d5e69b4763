namespace Consortium.Portal.Meetings.Domain;

/// <summary>
/// The days on which a series meets, counted from its first meeting's day. A series always ends (a last day or a
/// count) within <see cref="MeetingsConsts.SeriesHorizonDays"/>; exceptions are days of the pattern without a meeting
/// and, as in RFC 5545, still count towards the count.
/// </summary>
public sealed record SeriesRule(SeriesFrequency Frequency, int Interval, DateOnly? Until, int? Count, IReadOnlyList<DateOnly> Exceptions)
{
    public const int MaxCount = 500;

    public static SeriesRule From(SeriesSpec spec)
        => new(spec.Frequency, spec.Interval, spec.Until, spec.Count, spec.Exceptions ?? []);

    /// <summary>The key of what is wrong with the rule for a series starting on <paramref name="first"/>, or null.</summary>
    public string? Problem(DateOnly first)
    {
        if (Interval < 1 || Interval > MeetingsConsts.MaxSeriesInterval)
        {
            return "Series.Interval";
        }
        if (Until is null && Count is null)
        {
            return "Series.NoEnd";
        }
        if (Count is < 1 or > MaxCount)
        {
            return "Series.Count";
        }
        if (Until is { } until && until < first)
        {
            return "Series.UntilBeforeStart";
        }
        var horizon = first.AddDays(MeetingsConsts.SeriesHorizonDays);
        if (Until is { } last && last > horizon)
        {
            return "Series.BeyondHorizon";
        }
        if (Count is not null && PatternDays(first).Take(Count.Value).LastOrDefault() > horizon)
        {
            return "Series.BeyondHorizon";
        }
        return null;
    }

    /// <summary>The days with a meeting, the first one included, exceptions left out.</summary>
    public IReadOnlyList<DateOnly> Days(DateOnly first)
    {
        var horizon = first.AddDays(MeetingsConsts.SeriesHorizonDays);
        var days = PatternDays(first).TakeWhile(d => d <= horizon && (Until is null || d <= Until));
        if (Count is { } count)
        {
            days = days.Take(count);
        }
        return days.Where(d => !Exceptions.Contains(d)).ToList();
    }

    private IEnumerable<DateOnly> PatternDays(DateOnly first)
    {
        for (var k = 0; ; k++)
        {
            yield return Frequency switch
            {
                SeriesFrequency.Weekly => first.AddDays(7 * Interval * k),
                SeriesFrequency.MonthlyByDate => SameDate(first, first.AddMonths(Interval * k)),
                SeriesFrequency.MonthlyByWeekday => SameWeekday(first, first.AddMonths(Interval * k)),
                _ => throw new ArgumentOutOfRangeException(nameof(Frequency), Frequency, null),
            };
        }
    }

    // AddMonths already keeps the day or takes the month's last: the 31st becomes the 30th in April.
    private static DateOnly SameDate(DateOnly first, DateOnly inMonth) => inMonth;

    /// <summary>"The second Tuesday" stays the second Tuesday; a day in the month's last week is "the last Tuesday".</summary>
    private static DateOnly SameWeekday(DateOnly first, DateOnly inMonth)
    {
        var last = first.Day + 7 > DateTime.DaysInMonth(first.Year, first.Month);
        var year = inMonth.Year;
        var month = inMonth.Month;
        if (last)
        {
            var day = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
            while (day.DayOfWeek != first.DayOfWeek)
            {
                day = day.AddDays(-1);
            }
            return day;
        }
        var ordinal = (first.Day - 1) / 7;
        var firstOfMonth = new DateOnly(year, month, 1);
        var offset = ((int)first.DayOfWeek - (int)firstOfMonth.DayOfWeek + 7) % 7;
        return firstOfMonth.AddDays(offset + 7 * ordinal);
    }
}
