using System.Globalization;
using Bunit;
using Consortium.Portal.Platform.Components;
using Consortium.Portal.Platform.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MudBlazor.Services;

namespace Consortium.Portal.Platform.Tests.Components;

/// <summary>The meeting and event forms' zone field: it shows the stored IANA id by its name in the reader's language.</summary>
public sealed class TimeZonePickerTests : IAsyncLifetime
{
    private readonly BunitContext _page = new();
    private readonly (CultureInfo Culture, CultureInfo UiCulture) _before = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);

    public Task InitializeAsync()
    {
        _page.Services.AddMudServices();
        _page.Services.AddSingleton<IStringLocalizer<PlatformResource>, EmbeddedJsonLocalizer>();
        _page.JSInterop.Mode = JSRuntimeMode.Loose;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = _before;
        await _page.DisposeAsync();
    }

    [Theory]
    [InlineData("sq", "Europe/Belgrade", "Beograd – Ora e Evropës Qendrore (UTC+01:00)")]
    [InlineData("sr-Cyrl", "Europe/Belgrade", "Београд – Средњеевропско време (UTC+01:00)")]
    [InlineData("en", "Mars/Olympus_Mons", "Mars/Olympus_Mons")]
    public void The_stored_zone_reads_by_its_name_in_the_reader_s_language_and_an_unknown_one_as_stored(string culture, string id, string shown)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);

        var picker = _page.Render<TimeZonePicker>(p => p.Add(c => c.Value, id).Add(c => c.Label, "Zone"));

        picker.WaitForAssertion(() => Assert.Equal(shown, picker.Find("input").GetAttribute("value")));
    }
}
