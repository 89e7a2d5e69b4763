using System.Text.RegularExpressions;

namespace Consortium.Portal.ArchitectureTests.Infrastructure;

/// <summary>Rules on how the portal's code reads the time.</summary>
public static partial class ClockRules
{
    /// <summary>
    /// Lines of <paramref name="source"/> (C# or Razor; comments left out) that read the machine's clock directly. The
    /// server's <c>DateTime.Today</c> and <c>Now</c> are its own time zone's (UTC on the portal's hosts), never the
    /// user's: the portal's "today" is <c>UserTimeZone.Today</c>. An instant comes from the injected
    /// <c>TimeProvider</c>, which tests replace with a fake clock.
    /// </summary>
    public static IReadOnlyList<int> DirectClockReads(string source) =>
        source.Split('\n')
            .Select((line, index) => (line: line.TrimStart(), number: index + 1))
            .Where(l => !(l.line.StartsWith("//", StringComparison.Ordinal) || l.line.StartsWith('*') || l.line.StartsWith("@*", StringComparison.Ordinal)))
            .Where(l => DirectRead().IsMatch(l.line))
            .Select(l => l.number)
            .ToList();

    [GeneratedRegex(@"\bDateTime(?:Offset)?\s*\.\s*(?:Now|Today|UtcNow)\b")]
    private static partial Regex DirectRead();
}
