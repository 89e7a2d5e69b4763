using System.Text.RegularExpressions;
using Consortium.Portal.ArchitectureTests.Infrastructure;

namespace Consortium.Portal.ArchitectureTests;

/// <summary>
/// A field refusal's message is shown to the reader as it is (RequestValidationException: "messages are already in the
/// user's language"), so it comes from a localizer, never from a literal: four refusals of the Activities and Workflows
/// modules answered in English on every page until this rule.
/// </summary>
public sealed partial class RefusalTextTests
{
    [Fact]
    public void A_field_refusal_s_message_is_never_a_literal()
    {
        var sources = PortalLayout.SourceFiles(".cs", ".razor");
        var offenders = sources
            .SelectMany(file => LiteralRefusals(File.ReadAllText(Path.Combine(PortalLayout.RepositoryRoot, file))).Select(line => $"{file}:{line}"))
            .ToList();

        Assert.NotEmpty(sources);
        Assert.True(offenders.Count == 0,
            "RequestValidationException.For with a literal message; take it from the module's localizer (text[\"Validation.…\"]) in en, sq and sr-Latn:\n"
            + string.Join("\n", offenders));
    }

    [Fact]
    public void The_rule_finds_a_literal_or_interpolated_message_on_one_line_or_across_lines_and_leaves_a_localized_one_alone()
    {
        const string code = """
            throw RequestValidationException.For("to", text["Validation.PeriodEndsBeforeStart"]);
            throw RequestValidationException.For("to", "The period ends before it starts.");
            throw Platform.Domain.RequestValidationException.For(
                "townId", $"Town {id} is not known.");
            throw RequestValidationException.For(field, localizer["Partners.ShortNameTaken", name]);
            """;

        Assert.Equal([2, 3], LiteralRefusals(code));
    }

    /// <summary>The lines where a refusal's message argument starts with a string literal.</summary>
    internal static IReadOnlyList<int> LiteralRefusals(string code)
        => LiteralRefusal().Matches(code).Select(m => code[..m.Index].Count(c => c == '\n') + 1).ToList();

    // The field (a literal or a name), then a message that opens with a quote, verbatim or interpolated.
    [GeneratedRegex("""RequestValidationException\.For\(\s*(?:[$@]*"[^"]*"|[\w.]+)\s*,\s*[$@]*"[^"]*"\s*[,+)]""")]
    private static partial Regex LiteralRefusal();
}
