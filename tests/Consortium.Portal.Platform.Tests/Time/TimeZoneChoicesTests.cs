using System.Globalization;
using Consortium.Portal.Platform.Time;

namespace Consortium.Portal.Platform.Tests.Time;

public sealed class TimeZoneChoicesTests
{
    [Theory]
    [InlineData("en", "Belgrade – Central European Time (UTC+01:00)")]
    [InlineData("sq", "Beograd – Ora e Evropës Qendrore (UTC+01:00)")]
    [InlineData("sr-Latn", "Beograd – Srednjeevropsko vreme (UTC+01:00)")]
    [InlineData("sr-Cyrl", "Београд – Средњеевропско време (UTC+01:00)")]
    public void A_zone_is_named_in_the_readers_language_with_its_offset_and_city(string culture, string label)
        => Assert.Equal(label, TimeZoneChoices.LabelOf("Europe/Belgrade", CultureInfo.GetCultureInfo(culture)));

    [Fact]
    public void Each_language_gets_its_own_names_whichever_is_asked_first()
    {
        // The runtime's own TimeZoneInfo.DisplayName keeps the first language it was asked in for the whole process.
        var albanian = TimeZoneChoices.LabelOf("America/New_York", CultureInfo.GetCultureInfo("sq"));
        var cyrillic = TimeZoneChoices.LabelOf("America/New_York", CultureInfo.GetCultureInfo("sr-Cyrl"));

        Assert.Equal("Nju-Jork – Ora e SHBA-së Lindore (UTC-05:00)", albanian);
        Assert.Equal("Њујорк – Северноамеричко источно време (UTC-05:00)", cyrillic);
    }

    [Fact]
    public void Choices_store_the_iana_id_and_run_by_offset_then_name()
    {
        var choices = TimeZoneChoices.For(CultureInfo.GetCultureInfo("sr-Latn"));
        var byName = StringComparer.Create(CultureInfo.GetCultureInfo("sr-Latn"), ignoreCase: true);

        Assert.Equal(TimeZoneChoices.IanaIds.Order(StringComparer.Ordinal), choices.Select(c => c.Id).Order(StringComparer.Ordinal));
        Assert.All(choices.Zip(choices.Skip(1)), pair => Assert.True(
            pair.First.Offset < pair.Second.Offset
            || (pair.First.Offset == pair.Second.Offset && byName.Compare(pair.First.Label, pair.Second.Label) <= 0),
            $"{pair.First.Label} before {pair.Second.Label}"));
        Assert.Contains(choices, c => c.Id == "Europe/Tirane" && c.Label == "Tirana – Srednjeevropsko vreme (UTC+01:00)");
    }

    [Fact]
    public void No_zone_is_given_an_unknown_city()
    {
        // ICU names "Unknown City" where a zone has none; the picker leaves the city out instead.
        var choices = TimeZoneChoices.For(CultureInfo.GetCultureInfo("en"));

        Assert.NotEmpty(choices);
        Assert.DoesNotContain(choices, c => c.Label.Contains("Unknown City", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("sq", "beograd", "Europe/Belgrade")]
    [InlineData("sr-Latn", "BEOGRAD", "Europe/Belgrade")]
    [InlineData("sr-Cyrl", "београд", "Europe/Belgrade")]
    [InlineData("en", "atlantis", null)]
    [InlineData("sq", "ora evropes qendrore tirane", "Europe/Tirane")]
    [InlineData("en", "new york", "America/New_York")]
    [InlineData("en", "UTC+01:00 belgrade", "Europe/Belgrade")]
    public void A_zone_is_found_by_any_words_of_its_name_or_id_whatever_their_case_and_accents(string culture, string typed, string? id)
    {
        var found = TimeZoneChoices.Find(typed, CultureInfo.GetCultureInfo(culture)).Select(c => c.Id).ToList();

        if (id is null)
        {
            // No zone is called so: nothing is offered rather than every zone.
            Assert.Empty(found);
        }
        else
        {
            Assert.Contains(id, found);
            Assert.True(found.Count < 10, $"'{typed}' found {found.Count} zones");
        }
    }

    [Fact]
    public void Nothing_typed_offers_every_zone()
        => Assert.Equal(TimeZoneChoices.For(CultureInfo.GetCultureInfo("sq")).Count, TimeZoneChoices.Find("  ", CultureInfo.GetCultureInfo("sq")).Count());
}
