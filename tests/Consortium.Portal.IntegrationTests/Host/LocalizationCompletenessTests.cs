using System.Text.RegularExpressions;
using Consortium.Portal.Platform.Localization;
using Consortium.Portal.Platform.Modularity;
using Consortium.Portal.Web;

namespace Consortium.Portal.IntegrationTests.Host;

/// <summary>Every text of every module the real host loads exists in English, Albanian and Serbian (Latin; Cyrillic follows from it).</summary>
public sealed partial class LocalizationCompletenessTests
{
    private static readonly IReadOnlyList<PortalModule> HostModules = ModuleLoader.Load<PortalWebModule>();

    public static TheoryData<string> LocalizedModules()
    {
        var data = new TheoryData<string>();
        foreach (var module in HostModules.Where(m => m.Localization is not null))
        {
            data.Add(module.Name);
        }
        return data;
    }

    [Fact]
    public void The_kernel_and_the_host_ship_localized_texts()
    {
        var names = HostModules.Where(m => m.Localization is not null).Select(m => m.Name).ToList();

        Assert.Contains("Platform", names);
        Assert.Contains("Web", names);
    }

    [Theory]
    [MemberData(nameof(LocalizedModules))]
    public void Every_English_text_has_an_Albanian_and_a_Serbian_Latin_translation(string moduleName)
    {
        var (english, translations) = Texts(moduleName);

        Assert.NotEmpty(english);
        foreach (var (culture, texts) in translations)
        {
            var missing = english.Keys.Except(texts.Keys).Order().ToList();
            Assert.True(missing.Count == 0, $"{moduleName} has no {culture} text for: {string.Join(", ", missing)}");
            var orphans = texts.Keys.Except(english.Keys).Order().ToList();
            Assert.True(orphans.Count == 0, $"{moduleName}'s {culture} texts have no English original: {string.Join(", ", orphans)}");
            var blank = texts.Where(t => string.IsNullOrWhiteSpace(t.Value)).Select(t => t.Key).ToList();
            Assert.True(blank.Count == 0, $"{moduleName}'s {culture} texts are empty for: {string.Join(", ", blank)}");
        }
    }

    [Theory]
    [MemberData(nameof(LocalizedModules))]
    public void Translations_keep_the_placeholders_of_the_English_text(string moduleName)
    {
        var (english, translations) = Texts(moduleName);

        foreach (var (culture, texts) in translations)
        {
            foreach (var (key, text) in texts.Where(t => english.ContainsKey(t.Key)))
            {
                Assert.True(Placeholders(english[key]).SetEquals(Placeholders(text)),
                    $"{moduleName} {culture} '{key}': \"{text}\" does not have the placeholders of \"{english[key]}\".");
            }
        }
    }

    private static (IReadOnlyDictionary<string, string> English, Dictionary<string, IReadOnlyDictionary<string, string>> Translations) Texts(string moduleName)
    {
        var localization = HostModules.Single(m => m.Name == moduleName).Localization!;
        var english = LocalizedTexts.ReadFile(localization, PortalCultures.English)
                      ?? throw new Xunit.Sdk.XunitException($"{moduleName} declares a localization but ships no en.json.");
        var translations = new Dictionary<string, IReadOnlyDictionary<string, string>>();
        foreach (var culture in new[] { PortalCultures.Albanian, PortalCultures.SerbianLatin })
        {
            translations[culture] = LocalizedTexts.ReadFile(localization, culture)
                                    ?? throw new Xunit.Sdk.XunitException($"{moduleName} ships no {culture}.json.");
        }
        return (english, translations);
    }

    private static HashSet<string> Placeholders(string text) => PlaceholderPattern().Matches(text).Select(m => m.Groups[1].Value).ToHashSet();

    [GeneratedRegex(@"\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex PlaceholderPattern();
}
