using Consortium.Portal.ArchitectureTests.Infrastructure;

namespace Consortium.Portal.ArchitectureTests;

/// <summary>
/// The time one way: an instant from the injected <c>TimeProvider</c>, the user's day from <c>UserTimeZone.Today</c>.
/// A form once proposed "a week from today" by the server's date, which just after midnight in Belgrade was still
/// yesterday there, and put the meeting in the wrong calendar week.
/// </summary>
public sealed class ClockTests
{
    [Fact]
    public void No_portal_code_reads_the_machine_s_clock_directly()
    {
        var sources = PortalLayout.SourceFiles(".cs", ".razor");
        var offenders = sources
            .SelectMany(file => ClockRules.DirectClockReads(File.ReadAllText(Path.Combine(PortalLayout.RepositoryRoot, file))).Select(line => $"{file}:{line}"))
            .ToList();

        Assert.Contains(sources, file => file.EndsWith(".razor", StringComparison.Ordinal));
        Assert.True(offenders.Count == 0,
            "DateTime.Now/Today/UtcNow or DateTimeOffset.Now/UtcNow: the user's day is UserTimeZone.Today, an instant the injected TimeProvider's:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void The_rule_finds_each_direct_read_and_leaves_comments_and_the_injected_clock_alone()
    {
        const string source = """
            var due = DateTime.Today.AddDays(7);
            // DateTime.Today is the server's day
            /// <c>DateTime.Now</c>
            var at = Clock.GetUtcNow().UtcDateTime;
            @if (_event.EndUtc > DateTime.UtcNow)
            var stamp = DateTimeOffset.Now;
            var later = DateTimeOffset.UtcNow;
            var day = TimeZone.Today;
            """;

        Assert.Equal([1, 5, 6, 7], ClockRules.DirectClockReads(source));
    }
}
