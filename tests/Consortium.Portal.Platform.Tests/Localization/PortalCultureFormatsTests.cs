using System.Globalization;
using Consortium.Portal.Platform.Localization;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.Platform.Tests.Localization;

public sealed class PortalCultureFormatsTests
{
    private static readonly DateTime Afternoon = new(2026, 12, 2, 13, 49, 0);

    [Fact]
    public void English_writes_day_month_year_and_the_24_hour_clock_as_in_the_rest_of_Europe()
    {
        var english = PortalCultureFormats.Get("en");

        Assert.Equal("02/12/2026", Afternoon.ToString("d", english));
        Assert.Equal("02/12/2026 13:49", Afternoon.ToString("g", english));
        Assert.Equal("en", english.Name);
    }

    [Fact]
    public void Albanian_uses_the_24_hour_clock_that_Kosovo_uses()
    {
        var albanian = PortalCultureFormats.Get("sq");

        Assert.Equal("13:49", Afternoon.ToString("t", albanian));
        Assert.Equal("2.12.2026 13:49", Afternoon.ToString("g", albanian));
        Assert.DoesNotContain("pasdites", Afternoon.ToString("f", albanian));
        Assert.DoesNotContain("paradites", new DateTime(2026, 12, 2, 9, 5, 0).ToString("G", albanian));
    }

    [Theory]
    [InlineData("sr-Latn", "2.12.2026. 13:49")]
    [InlineData("sr-Cyrl", "2.12.2026. 13:49")]
    public void Serbian_keeps_its_own_formats(string name, string expected)
        => Assert.Equal(expected, Afternoon.ToString("g", PortalCultureFormats.Get(name)));

    [Fact]
    public void Every_working_language_has_its_culture_read_only_and_once()
    {
        foreach (var name in PortalCultures.All)
        {
            var culture = PortalCultureFormats.Get(name);
            Assert.True(culture.IsReadOnly);
            Assert.Equal(name, culture.Name);
            Assert.Same(culture, PortalCultureFormats.Get(name.ToUpperInvariant()));
        }
    }

    [Fact]
    public void Requests_run_under_the_portals_cultures()
    {
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection().AddPortalLocalization().BuildServiceProvider();
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Builder.RequestLocalizationOptions>>().Value;

        var english = options.SupportedCultures!.Single(c => c.Name == "en");
        Assert.Equal("dd/MM/yyyy", english.DateTimeFormat.ShortDatePattern);
        Assert.Equal("HH:mm", options.SupportedCultures!.Single(c => c.Name == "sq").DateTimeFormat.ShortTimePattern);
    }

    [Fact]
    public void A_request_that_names_no_language_gets_the_portals_english_not_us_dates()
    {
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection().AddPortalLocalization().BuildServiceProvider();
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Builder.RequestLocalizationOptions>>().Value;

        Assert.Same(PortalCultureFormats.Get("en"), options.DefaultRequestCulture.Culture);
        Assert.Same(PortalCultureFormats.Get("en"), options.DefaultRequestCulture.UICulture);
        Assert.Equal("dd/MM/yyyy", options.DefaultRequestCulture.Culture.DateTimeFormat.ShortDatePattern);
    }
}
