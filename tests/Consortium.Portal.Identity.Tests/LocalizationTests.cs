using System.Text.RegularExpressions;

namespace Consortium.Portal.Identity.Tests;

public sealed partial class LocalizationTests
{
    private static readonly Dictionary<string, string> English = TestLocalizer.Load("en");

    [Theory]
    [InlineData("sq")]
    [InlineData("sr-Latn")]
    public void Every_text_exists_in_every_language_with_the_same_placeholders(string culture)
    {
        var translated = TestLocalizer.Load(culture);

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
    {
        var translated = TestLocalizer.Load(culture);
        // Short labels such as "Administrator", "Partner" or "2FA" may be the same word; sentences may not.
        var copied = translated.Where(e => e.Value.Length > 25 && e.Value == English[e.Key]).Select(e => e.Key).ToList();

        Assert.Empty(copied);
    }

    [Fact]
    public void Every_permission_of_the_module_has_a_display_name()
    {
        var permissions = typeof(IdentityPermissions).GetNestedTypes()
            .SelectMany(t => t.GetFields()).Select(f => (string)f.GetValue(null)!).ToList();

        Assert.NotEmpty(permissions);
        Assert.All(permissions, p => Assert.True(English.ContainsKey("Permission:" + p), $"no display name for {p}"));
    }

    private static string[] Placeholders(string text) => PlaceholderPattern().Matches(text).Select(m => m.Value).Distinct().Order().ToArray();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex PlaceholderPattern();
}
