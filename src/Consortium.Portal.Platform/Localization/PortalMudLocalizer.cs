using System.Globalization;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Consortium.Portal.Platform.Localization;

/// <summary>
/// MudBlazor's own labels (the date picker's "Previous month", the pager's "Rows per page", "Close"…) in the reader's
/// language: MudBlazor asks its <see cref="MudLocalizer"/> for each key and keeps its English text only when the key is
/// not found. The texts are the Platform's, under <c>MudBlazor:{key}</c> in <c>Localization/*.json</c>, so sr-Cyrl is
/// derived and the completeness test covers them like any other.
/// </summary>
public sealed class PortalMudLocalizer(LocalizedTexts texts) : MudLocalizer
{
    public const string KeyPrefix = "MudBlazor:";

    public override LocalizedString this[string key]
        => Find(key) is { } text ? new LocalizedString(key, text, resourceNotFound: false) : base[key];

    public override LocalizedString this[string key, params object[] arguments]
        => Find(key) is { } text
            ? new LocalizedString(key, string.Format(CultureInfo.CurrentCulture, text, arguments), resourceNotFound: false)
            : base[key, arguments];

    private string? Find(string key)
        => texts.Get(typeof(PlatformResource))?.Find(KeyPrefix + key, CultureInfo.CurrentUICulture);
}
