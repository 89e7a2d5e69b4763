using System.Text.Json;
using System.Text.RegularExpressions;

namespace Consortium.Portal.Training.Tests;

public sealed partial class TrainingLocalizationTests
{
    private static Dictionary<string, string> Load(string culture)
    {
        var assembly = typeof(TrainingResource).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith($".Localization.{culture}.json", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        return JsonSerializer.Deserialize<Dictionary<string, string>>(stream)!;
    }

    private static readonly Dictionary<string, string> English = Load("en");

    [Theory]
    [InlineData("sq")]
    [InlineData("sr-Latn")]
    public void Every_text_exists_in_every_language_with_the_same_placeholders(string culture)
    {
        var translated = Load(culture);

        Assert.Equal(English.Keys.Order(), translated.Keys.Order());
        Assert.All(translated, entry =>
        {
            Assert.False(string.IsNullOrWhiteSpace(entry.Value), $"{culture}: '{entry.Key}' is empty");
            Assert.Equal(Placeholders(English[entry.Key]), Placeholders(entry.Value));
        });
    }

    [Theory]
    [InlineData("sq")]
    [InlineData("sr-Latn")]
    public void Translations_are_not_english_copies(string culture)
        => Assert.Empty(Load(culture).Where(e => e.Value.Length > 25 && e.Value == English[e.Key]).Select(e => e.Key));

    [Fact]
    public void Every_permission_audience_level_kind_language_and_sort_has_a_text()
    {
        var keys = typeof(TrainingPermissions).GetNestedTypes().SelectMany(t => t.GetFields()).Select(f => "Permission:" + (string)f.GetValue(null)!)
            .Concat(Enum.GetNames<Audience>().Select(a => "Audience." + a))
            .Concat(Enum.GetNames<MaterialLevel>().Select(l => "Level." + l))
            .Concat(Enum.GetNames<MaterialKind>().Select(k => "Kind." + k))
            .Concat(Enum.GetNames<MaterialVisibility>().Select(v => "Visibility." + v))
            .Concat(Enum.GetNames<MaterialSort>().Select(s => "Sort." + s))
            .Concat(Enum.GetNames<FollowKind>().Select(f => "FollowKind." + f))
            .Concat(TrainingConsts.Languages.Select(l => "Language." + l));

        Assert.All(keys, key => Assert.True(English.ContainsKey(key), $"no text for {key}"));
    }

    private static string[] Placeholders(string text) => PlaceholderPattern().Matches(text).Select(m => m.Value).Distinct().Order().ToArray();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex PlaceholderPattern();
}
