using System.Net;
using System.Text.RegularExpressions;
using Consortium.Portal.Platform.Localization;
using Consortium.Portal.Platform.Modularity;
using Consortium.Portal.Web;
using Consortium.Portal.IntegrationTests.Infrastructure;

namespace Consortium.Portal.IntegrationTests.Host;

/// <summary>
/// What a screenshot in Albanian or Serbian Cyrillic would show: the everyday pages, as the server renders them for a
/// reader of that language, hold none of the portal's English texts. A text counts when it is a phrase (two words or
/// more, no placeholders) whose translation differs from it; brand names and words that stay the same are left out.
/// </summary>
public abstract partial class NoEnglishInTranslatedPagesTests<TPortal>(HostPortal<TPortal> host)
    where TPortal : PortalAppFactory, new()
{
    // Every module's own landing pages that a member reaches from the navigation (pages of one workspace, document or
    // meeting need data of their own: the browser journeys read those in Albanian and Serbian Cyrillic).
    private static readonly string[] EverydayPages =
    [
        "/", "/workspaces", "/notifications", "/notifications/preferences",
        "/meetings", "/meetings/calendar", "/meetings/action-items", "/meetings/decisions",
        "/training", "/training/collections", "/training/follows",
        "/publications", "/workflows/tasks", "/activities",
    ];

    [Theory]
    [InlineData("sq", PortalCultures.Albanian)]
    [InlineData("sr-Cyrl", PortalCultures.SerbianLatin)]
    public async Task The_everyday_pages_show_no_english_interface_text(string culture, string translatedFrom)
    {
        var english = EnglishPhrases(translatedFrom);
        // The check can see English: the home page in English shows some of these phrases.
        var inEnglish = await (await (await host.SignedInClientAsync(TestUser.Member("en"))).GetAsync("/")).PageAsync(HttpStatusCode.OK);
        Assert.Contains(english, e => HostResponses.VisibleText(inEnglish).Contains(e, StringComparison.Ordinal));
        var client = await host.SignedInClientAsync(TestUser.Member(culture));

        foreach (var path in EverydayPages)
        {
            using var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
            var html = await response.PageAsync(HttpStatusCode.OK);
            Assert.Equal(culture, HostResponses.HtmlLang(html));
            var text = HostResponses.VisibleText(ScriptsAndStyles().Replace(html, " "));
            var found = english.Where(e => text.Contains(e, StringComparison.Ordinal)).ToList();
            Assert.True(found.Count == 0, $"{path} in {culture} shows English: {string.Join(" | ", found)}");
        }
    }

    /// <summary>Every module's English phrases that its <paramref name="culture"/> translation words differently.</summary>
    private static List<string> EnglishPhrases(string culture)
    {
        var phrases = new List<string>();
        foreach (var localization in ModuleLoader.Load<PortalWebModule>().Select(m => m.Localization).OfType<ModuleLocalization>())
        {
            var english = LocalizedTexts.ReadFile(localization, PortalCultures.English) ?? new Dictionary<string, string>();
            var translated = LocalizedTexts.ReadFile(localization, culture) ?? new Dictionary<string, string>();
            phrases.AddRange(english
                .Where(e => translated.TryGetValue(e.Key, out var t) && t != e.Value)
                .Select(e => e.Value.Trim())
                .Where(e => e.Length >= 10 && e.Contains(' ', StringComparison.Ordinal) && !e.Contains('{', StringComparison.Ordinal)));
        }
        return phrases.Distinct().ToList();
    }

    [GeneratedRegex("<(script|style)[^>]*>.*?</\\1>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex ScriptsAndStyles();
}

[Collection(HostCollections.Sqlite)]
public sealed class NoEnglishInTranslatedPagesTests_Sqlite(HostPortal<SqlitePortal> host) : NoEnglishInTranslatedPagesTests<SqlitePortal>(host);
