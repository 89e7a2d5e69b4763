using System.Text.Json;

namespace Consortium.Portal.Platform.Tests;

public sealed class PlatformLocalizationTests
{
    private static readonly string[] Cultures = ["en", "sq", "sr-Latn"];

    private static Dictionary<string, string> Read(string culture)
    {
        var assembly = typeof(PlatformModule).Assembly;
        var name = assembly.GetManifestResourceNames().SingleOrDefault(n => n.EndsWith($".Localization.{culture}.json", StringComparison.Ordinal))
                   ?? throw new InvalidOperationException($"Localization/{culture}.json is not embedded in {assembly.GetName().Name}.");
        using var stream = assembly.GetManifestResourceStream(name)!;
        return JsonSerializer.Deserialize<Dictionary<string, string>>(stream)!;
    }

    [Fact]
    public void Every_language_has_every_key_of_the_platform()
    {
        var english = Read("en");
        Assert.NotEmpty(english);
        foreach (var culture in Cultures.Skip(1))
        {
            Assert.Equal(english.Keys.Order(), Read(culture).Keys.Order());
        }
    }

    [Fact]
    public void Translations_are_not_copies_of_the_english_text()
    {
        var english = Read("en");
        foreach (var culture in Cultures.Skip(1))
        {
            var copies = Read(culture).Where(t => english[t.Key] == t.Value && t.Value.Any(char.IsLetter)).ToList();
            Assert.Empty(copies);
        }
    }

    [Fact]
    public void The_permissions_and_navigation_items_have_display_names()
    {
        var english = Read("en");
        var permissions = new Security.PermissionDefinitionContext();
        new PlatformModule().DefinePermissions(permissions);

        Assert.NotEmpty(permissions.Definitions);
        Assert.All(permissions.Definitions, d => Assert.Contains(d.DisplayNameKey, english.Keys));
        Assert.All(new PlatformModule().GetNavigationItems(), n => Assert.Contains(n.TitleKey, english.Keys));
    }
}
