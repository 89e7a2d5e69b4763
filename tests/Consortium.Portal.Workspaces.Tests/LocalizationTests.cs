using System.Text.Json;
using System.Text.RegularExpressions;

namespace Consortium.Portal.Workspaces.Tests;

/// <summary>The module's texts in English, Albanian and Serbian (Latin), as the JSON files it ships.</summary>
public sealed partial class LocalizationTests
{
    private static readonly string[] Cultures = ["en", "sq", "sr-Latn"];

    private static Dictionary<string, string> Texts(string culture)
    {
        var assembly = typeof(WorkspacesModule).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith($".Localization.{culture}.json", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        return JsonSerializer.Deserialize<Dictionary<string, string>>(stream)!;
    }

    public static TheoryData<string> Translations => new(Cultures.Skip(1));

    [Theory]
    [MemberData(nameof(Translations))]
    public void Every_text_is_translated_with_the_same_named_placeholders(string culture)
    {
        var english = Texts("en");
        var translated = Texts(culture);

        Assert.Equal(english.Keys.Order(), translated.Keys.Order());
        foreach (var (key, text) in english)
        {
            Assert.True(NamedPlaceholders(text).SetEquals(NamedPlaceholders(translated[key])),
                $"{culture} '{key}': \"{translated[key]}\" does not have the placeholders of \"{text}\"");
            Assert.NotEqual(text, translated[key]);
        }
    }

    [Fact]
    public void Every_role_kind_and_permission_has_a_text()
    {
        var english = Texts("en");

        Assert.All(Enum.GetNames<WorkspaceRole>(), role => Assert.Contains("Role." + role, english.Keys));
        Assert.All(Enum.GetNames<WorkspaceKind>(), kind => Assert.Contains("Kind." + kind, english.Keys));
        Assert.Contains("Permission:" + WorkspacePermissions.Create, english.Keys);
        Assert.Contains("Permission:" + WorkspacePermissions.ManageAll, english.Keys);
    }

    private static HashSet<string> NamedPlaceholders(string text) => Placeholder().Matches(text.Replace("{{", "").Replace("}}", "")).Select(m => m.Value).ToHashSet();

    [GeneratedRegex(@"\{[^{}]+\}")]
    private static partial Regex Placeholder();
}
