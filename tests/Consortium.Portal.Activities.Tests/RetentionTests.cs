using Consortium.Portal.Activities.Application;
using Consortium.Portal.Activities.Domain;
using Consortium.Portal.Identity;

namespace Consortium.Portal.Activities.Tests;

public sealed class RetentionTests
{
    private static readonly Guid Event = Guid.NewGuid();

    private static Registration Person(string email, TargetGroup group, Gender? gender, AgeGroup? age, bool checkedIn)
    {
        var registration = new Registration(Guid.NewGuid(), Event, "Name of " + email, email, null, group, gender, age, RegistrationStatus.Confirmed,
            new DateTime(2027, 3, 1, 9, 0, 0, DateTimeKind.Utc), new string('a', 64), "en");
        registration.CheckedInAtUtc = checkedIn ? new DateTime(2027, 3, 10, 9, 0, 0, DateTimeKind.Utc) : null;
        return registration;
    }

    [Fact]
    public void Reduction_keeps_the_counts_of_those_who_came_by_category_and_no_names()
    {
        Registration[] registrations =
        [
            Person("a@example.org", TargetGroup.Youth, Gender.Female, AgeGroup.From18To29, checkedIn: true),
            Person("b@example.org", TargetGroup.Youth, Gender.Female, AgeGroup.From18To29, checkedIn: true),
            Person("c@example.org", TargetGroup.Media, Gender.Male, null, checkedIn: true),
            Person("d@example.org", TargetGroup.Media, Gender.Male, null, checkedIn: false),
        ];

        var lines = AttendanceCounts.Reduce(registrations);

        Assert.Equal(3, lines.Sum(l => l.Count));
        Assert.Contains(new AttendanceLine(2, TargetGroup.Youth, Gender.Female, AgeGroup.From18To29), lines);
        Assert.Contains(new AttendanceLine(1, TargetGroup.Media, Gender.Male, null), lines);
    }

    [Fact]
    public void The_summary_before_and_after_reduction_is_the_same()
    {
        Registration[] registrations =
        [
            Person("a@example.org", TargetGroup.Youth, Gender.Female, AgeGroup.From18To29, checkedIn: true),
            Person("b@example.org", TargetGroup.Women, null, AgeGroup.From45To64, checkedIn: true),
            Person("c@example.org", TargetGroup.Media, Gender.Male, null, checkedIn: true),
        ];
        var before = registrations.Select(r => new AttendanceLine(1, r.TargetGroup, r.Gender, r.AgeGroup)).ToList();

        var summaryBefore = AttendanceCounts.Summarise(before, PartnerSide.Kosovo);
        var summaryAfter = AttendanceCounts.Summarise(AttendanceCounts.Reduce(registrations), PartnerSide.Kosovo);

        Assert.Equal(summaryBefore.Total, summaryAfter.Total);
        Assert.Equal(summaryBefore.ByGender, summaryAfter.ByGender);
        Assert.Equal(summaryBefore.ByAgeGroup, summaryAfter.ByAgeGroup);
        Assert.Equal(summaryBefore.ByTargetGroup, summaryAfter.ByTargetGroup);
        Assert.Equal([new CountBucket("Kosovo", 3)], summaryAfter.BySide);
        Assert.Contains(new CountBucket(AttendanceCounts.NotGiven, 1), summaryAfter.ByGender);
    }
}
