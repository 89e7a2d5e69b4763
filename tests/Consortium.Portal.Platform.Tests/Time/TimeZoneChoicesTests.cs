using System.Globalization;
using Consortium.Portal.Platform.Time;

namespace Consortium.Portal.Platform.Tests.Time;

public sealed class TimeZoneChoicesTests
{
    [Theory]
    [InlineData("en", "(UTC+01:00) Central European Time – Belgrade")]
    [InlineData("sq", "(UTC+01:00) Ora e Evropës Qendrore – Beograd")]
    [InlineData("sr-Latn", "(UTC+01:00) Srednjeevropsko vreme – Beograd")]
    [InlineData("sr-Cyrl", "(UTC+01:00) Средњеевропско време – Београд")]
    public void A_zone_is_named_in_the_readers_language_with_its_offset_and_city(string culture, string label)
        => Assert.Equal(label, TimeZoneChoices.LabelOf("Europe/Belgrade", CultureInfo.GetCultureInfo(culture)));

    [Fact]
    public void Each_language_gets_its_own_names_whichever_is_asked_first()
    {
        // The runtime's own TimeZoneInfo.DisplayName keeps the first language it was asked in for the whole process.
        var albanian = TimeZoneChoices.LabelOf("America/New_York", CultureInfo.GetCultureInfo("sq"));
        var cyrillic = TimeZoneChoices.LabelOf("America/New_York", CultureInfo.GetCultureInfo("sr-Cyrl"));

        Assert.Equal("(UTC-05:00) Ora e SHBA-së Lindore – Nju-Jork", albanian);
        Assert.Equal("(UTC-05:00) Северноамеричко источно време – Њујорк", cyrillic);
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
        Assert.Contains(choices, c => c.Id == "Europe/Tirane" && c.Label == "(UTC+01:00) Srednjeevropsko vreme – Tirana");
    }

    [Fact]
    public void No_zone_is_given_an_unknown_city()
    {
        // ICU names "Unknown City" where a zone has none; the picker leaves the city out instead.
        var choices = TimeZoneChoices.For(CultureInfo.GetCultureInfo("en"));

        Assert.NotEmpty(choices);
        Assert.DoesNotContain(choices, c => c.Label.Contains("Unknown City", StringComparison.Ordinal));
    }
}
