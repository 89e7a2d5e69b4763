using Xunit.Sdk;

namespace Consortium.Portal.ArchitectureTests.Infrastructure;

public static class RuleAssert
{
    /// <summary>Fails with every violation on its own line (xunit would cut a long collection short).</summary>
    public static void NoViolations(IEnumerable<string> violations)
    {
        var found = violations.ToList();
        if (found.Count > 0)
        {
            throw new XunitException($"{found.Count} violation(s):{Environment.NewLine}{string.Join(Environment.NewLine, found)}");
        }
    }
}
