using System.Globalization;
using Consortium.Portal.Platform.Localization;
using Consortium.Portal.Platform.Modularity;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace Consortium.Portal.Platform.Tests.Localization;

/// <summary>MudBlazor's own labels come from the Platform's texts, in the reader's language.</summary>
public sealed class PortalMudLocalizerTests
{
    private static MudLocalizer Localizer()
        => new PortalMudLocalizer(new LocalizedTexts(new ModuleCatalog([new PlatformModule()])));

    private static T In<T>(string culture, Func<T> read)
    {
        var (previous, previousUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = PortalCultureFormats.Get(culture);
        try
        {
            return read();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (previous, previousUi);
        }
    }

    [Theory]
    [InlineData("en", "Previous month {0}")]
    [InlineData("sq", "Muaji i kaluar {0}")]
    [InlineData("sr-Latn", "Prethodni mesec {0}")]
    [InlineData("sr-Cyrl", "Претходни месец {0}")]
    public void The_date_pickers_previous_month_is_in_the_readers_language(string culture, string expected)
    {
        var text = In(culture, () => Localizer()["MudBaseDatePicker_PrevMonth"]);

        Assert.False(text.ResourceNotFound);
        Assert.Equal(expected, text.Value);
    }

    [Fact]
    public void Arguments_are_formatted_into_the_text()
        => Assert.Equal("Faqja 3", In("sq", () => Localizer()["MudPagination_PageIndex", 3]).Value);

    [Fact]
    public void A_key_the_portal_does_not_translate_is_left_to_MudBlazors_English()
        => Assert.True(In("sq", () => Localizer()["MudColorPicker_Something"]).ResourceNotFound);

    [Fact]
    public void MudBlazor_uses_the_portals_localizer_once_the_portal_has_registered_it()
    {
        var services = new ServiceCollection().AddLogging().AddPortalLocalization();
        services.AddSingleton(new ModuleCatalog([new PlatformModule()]));
        services.AddMudServices();

        using var provider = services.BuildServiceProvider();

        Assert.IsType<PortalMudLocalizer>(provider.GetRequiredService<MudLocalizer>());
    }
}
