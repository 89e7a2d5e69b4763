using System.Globalization;
using Consortium.Portal.Platform.Localization;
using Consortium.Portal.Platform.Modularity;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Consortium.Portal.Platform.Tests.Localization;

public sealed class PortalStringLocalizerTests
{
    private sealed class DocumentsResource;

    private sealed class DocumentsModule : PortalModule
    {
        public override string Name => "Documents";
        public override ModuleLocalization? Localization => new(typeof(DocumentsResource), typeof(DocumentsModule).Assembly, "Localization/TestTexts");
    }

    private static IStringLocalizer Localizer()
        => new PortalStringLocalizerFactory(
                new LocalizedTexts(new ModuleCatalog([new DocumentsModule()])),
                Options.Create(new LocalizationOptions()),
                NullLoggerFactory.Instance)
            .Create(typeof(DocumentsResource));

    private static T In<T>(string culture, Func<T> read)
    {
        var (previous, previousUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
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
    [InlineData("en", "Hello, Ardita")]
    [InlineData("sq", "Përshëndetje, Ardita")]
    [InlineData("sr-Latn", "Zdravo, Ardita")]
    [InlineData("sq-AL", "Përshëndetje, Ardita")]
    public void A_text_is_read_in_the_current_culture_and_formatted(string culture, string expected)
        => Assert.Equal(expected, In(culture, () => Localizer()["Greeting", "Ardita"].Value));

    [Fact]
    public void Serbian_Cyrillic_is_transliterated_from_Serbian_Latin()
        => Assert.Equal("Здраво, Ardita", In("sr-Cyrl", () => Localizer()["Greeting", "Ardita"].Value));

    [Fact]
    public void A_module_s_own_Cyrillic_text_wins_over_the_transliteration()
        => Assert.Equal("Списи", In("sr-Cyrl", () => Localizer()["Title"].Value));

    [Theory]
    [InlineData("sq")]
    [InlineData("sr-Latn")]
    [InlineData("sr-Cyrl")]
    [InlineData("de")]
    public void A_text_missing_in_the_culture_falls_back_to_English(string culture)
    {
        var text = In(culture, () => Localizer()["OnlyInEnglish"]);

        Assert.Equal("Upload a new version", text.Value);
        Assert.False(text.ResourceNotFound);
    }

    [Fact]
    public void A_key_missing_even_in_English_is_shown_as_the_key_and_reported_not_found()
    {
        var text = In("sq", () => Localizer()["Nowhere.To.Be.Found"]);

        Assert.Equal("Nowhere.To.Be.Found", text.Value);
        Assert.True(text.ResourceNotFound);
    }

    [Fact]
    public void All_strings_of_a_culture_include_the_English_fallbacks_when_asked()
    {
        var names = In("sq", () => Localizer().GetAllStrings(includeParentCultures: true).Select(s => s.Name).ToList());
        var own = In("sq", () => Localizer().GetAllStrings(includeParentCultures: false).Select(s => s.Name).ToList());

        Assert.Equal(["Greeting", "OnlyInEnglish", "Title"], names);
        Assert.Equal(["Greeting", "Title"], own);
    }

    [Fact]
    public void A_resource_no_module_declares_is_left_to_the_framework_s_resx_localizer()
    {
        var factory = new PortalStringLocalizerFactory(
            new LocalizedTexts(new ModuleCatalog([new DocumentsModule()])), Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance);

        var localizer = factory.Create(typeof(PortalStringLocalizerTests));

        Assert.IsNotType<PortalStringLocalizer>(localizer);
        Assert.True(localizer["Anything"].ResourceNotFound);
    }

    [Fact]
    public void A_localization_file_that_is_not_a_flat_object_of_strings_is_refused_with_its_name()
    {
        var broken = new ModuleLocalization(typeof(DocumentsResource), typeof(DocumentsModule).Assembly, "Localization/Broken");

        var error = Assert.Throws<InvalidOperationException>(() => LocalizedTexts.ReadFile(broken, "en"));

        Assert.Contains("Localization.Broken.en.json", error.Message);
        Assert.Contains("'Count'", error.Message);
    }
}
