using Consortium.Portal.Identity;
using Consortium.Portal.Activities.Domain;

namespace Consortium.Portal.Activities.Application;

/// <summary>One person or a number of people in the categories donors ask for; a name never reaches here.</summary>
public sealed record AttendanceLine(int Count, TargetGroup? TargetGroup, Gender? Gender, AgeGroup? AgeGroup);

/// <summary>
/// Attendance by category, from checked-in registrations and anonymous tallies alike, and the retention rule that turns
/// the first into the second: the counts stay the same, the names go.
/// </summary>
public static class AttendanceCounts
{
    public const string NotGiven = "NotGiven";

    public static AttendanceDto Summarise(IReadOnlyCollection<AttendanceLine> lines, PartnerSide side)
    {
        static IReadOnlyList<CountBucket> By<TKey>(IEnumerable<AttendanceLine> lines, Func<AttendanceLine, TKey?> key) where TKey : struct, Enum
            => lines.GroupBy(l => key(l)?.ToString() ?? NotGiven).OrderBy(g => g.Key == NotGiven).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new CountBucket(g.Key, g.Sum(l => l.Count))).Where(b => b.Count > 0).ToList();

        var total = lines.Sum(l => l.Count);
        return new AttendanceDto(total, By(lines, l => l.Gender), By(lines, l => l.AgeGroup), By(lines, l => l.TargetGroup),
            total == 0 ? [] : [new CountBucket(side.ToString(), total)]);
    }

    /// <summary>
    /// The tallies that replace checked-in registrations: one per combination of categories, with its number of people.
    /// Registrations that never checked in leave nothing (they did not attend).
    /// </summary>
    public static IReadOnlyList<AttendanceLine> Reduce(IEnumerable<Registration> registrations)
        => registrations.Where(r => r.CheckedInAtUtc is not null)
            .GroupBy(r => (r.TargetGroup, r.Gender, r.AgeGroup))
            .Select(g => new AttendanceLine(g.Count(), g.Key.TargetGroup, g.Key.Gender, g.Key.AgeGroup))
            .ToList();
}
