using System.Globalization;
using System.Text.Json;
using Consortium.Portal.Identity;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Identity.Tests;

/// <summary>Reads the module's own en.json, so messages in tests are the real ones.</summary>
internal sealed class TestLocalizer : IStringLocalizer<IdentityResource>
{
    private static readonly Lazy<Dictionary<string, string>> English = new(() => Load("en"));

    public static Dictionary<string, string> Load(string culture)
    {
        var name = $"Consortium.Portal.Identity.Localization.{culture}.json";
        using var stream = typeof(IdentityModule).Assembly.GetManifestResourceStream(name)
                           ?? throw new InvalidOperationException($"{name} is not embedded.");
        return JsonSerializer.Deserialize<Dictionary<string, string>>(stream)!;
    }

    public LocalizedString this[string name]
        => English.Value.TryGetValue(name, out var value) ? new LocalizedString(name, value) : new LocalizedString(name, name, resourceNotFound: true);

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var text = this[name];
            return new LocalizedString(name, string.Format(CultureInfo.InvariantCulture, text.Value, arguments), text.ResourceNotFound);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures)
        => English.Value.Select(e => new LocalizedString(e.Key, e.Value));
}
