using Consortium.Portal.Platform;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Platform.Tests.Infrastructure;

/// <summary>Reads the platform's embedded <c>Localization/en.json</c>, so component tests see the real English texts.</summary>
public sealed class EmbeddedJsonLocalizer : IStringLocalizer<PlatformResource>
{
    private static readonly Lazy<Dictionary<string, string>> English = new(() =>
    {
        var assembly = typeof(PlatformResource).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".Localization.en.json", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        return JsonSerializer.Deserialize<Dictionary<string, string>>(stream)!;
    });

    public LocalizedString this[string name]
        => English.Value.TryGetValue(name, out var text) ? new(name, text) : new(name, name, resourceNotFound: true);

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var format = this[name];
            return new(name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments), format.ResourceNotFound);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => English.Value.Select(e => new LocalizedString(e.Key, e.Value));
}

/// <summary>The Platform's English texts for every resource a component asks the factory for (the kernel has only its own).</summary>
public sealed class EmbeddedJsonLocalizerFactory : IStringLocalizerFactory
{
    public IStringLocalizer Create(Type resourceSource) => new EmbeddedJsonLocalizer();

    public IStringLocalizer Create(string baseName, string location) => new EmbeddedJsonLocalizer();
}
