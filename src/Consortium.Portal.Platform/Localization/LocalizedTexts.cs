using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Consortium.Portal.Platform.Modularity;

namespace Consortium.Portal.Platform.Localization;

/// <summary>
/// The texts of one localization resource, per culture. sr-Cyrl is the module's sr-Latn transliterated, overlaid
/// with what its own sr-Cyrl.json says (a module ships one only where the transliteration is not good enough).
/// </summary>
public sealed class ResourceTexts
{
    private readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> _byCulture;

    internal ResourceTexts(Type resourceType, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> byCulture)
    {
        ResourceType = resourceType;
        _byCulture = byCulture;
    }

    public Type ResourceType { get; }

    /// <summary>The texts of <paramref name="culture"/> exactly (no fallback); empty when the module has none.</summary>
    public IReadOnlyDictionary<string, string> For(string culture)
        => _byCulture.TryGetValue(culture, out var texts) ? texts : EmptyTexts;

    /// <summary>
    /// The text of <paramref name="key"/> in <paramref name="culture"/>, else in its parent cultures, else in English;
    /// null when not even English has it.
    /// </summary>
    public string? Find(string key, CultureInfo culture)
    {
        for (var c = culture; !Equals(c, CultureInfo.InvariantCulture); c = c.Parent)
        {
            if (_byCulture.TryGetValue(c.Name, out var texts) && texts.TryGetValue(key, out var text))
            {
                return text;
            }
        }
        return For(PortalCultures.Default).GetValueOrDefault(key);
    }

    private static readonly IReadOnlyDictionary<string, string> EmptyTexts = new Dictionary<string, string>();
}

/// <summary>Reads the embedded JSON files of the modules' localization resources, once per resource.</summary>
public sealed class LocalizedTexts(ModuleCatalog modules)
{
    private readonly ConcurrentDictionary<Type, ResourceTexts?> _resources = new();

    /// <summary>The texts of the module resource whose marker type is <paramref name="resourceType"/>; null when no loaded module declares it.</summary>
    public ResourceTexts? Get(Type resourceType) => _resources.GetOrAdd(resourceType, type =>
        modules.Modules.Select(m => m.Localization).FirstOrDefault(l => l?.ResourceType == type) is { } localization
            ? Load(localization)
            : null);

    public static ResourceTexts Load(ModuleLocalization localization)
    {
        var byCulture = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var culture in PortalCultures.All)
        {
            if (ReadFile(localization, culture) is { } texts)
            {
                byCulture[culture] = texts;
            }
        }

        var cyrillic = byCulture.TryGetValue(PortalCultures.SerbianLatin, out var latin)
            ? latin.ToDictionary(t => t.Key, t => SerbianTransliterator.ToCyrillic(t.Value), StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        if (byCulture.TryGetValue(PortalCultures.SerbianCyrillic, out var shipped))
        {
            foreach (var (key, text) in shipped)
            {
                cyrillic[key] = text;
            }
        }
        byCulture[PortalCultures.SerbianCyrillic] = cyrillic;
        return new ResourceTexts(localization.ResourceType, byCulture);
    }

    /// <summary>The flat key → text object of <c>{Folder}/{culture}.json</c>; null when the module does not ship that file.</summary>
    /// <exception cref="InvalidOperationException">the file is not a flat JSON object of strings.</exception>
    public static IReadOnlyDictionary<string, string>? ReadFile(ModuleLocalization localization, string culture)
    {
        // Manifest names are "{RootNamespace}.{Folder with dots}.{culture}.json"; the root namespace is not ours to know.
        var suffix = "." + localization.Folder.Replace('/', '.').Replace('\\', '.').Trim('.') + "." + culture + ".json";
        var resourceName = localization.Assembly.GetManifestResourceNames()
            .FirstOrDefault(n => n.EndsWith(suffix, StringComparison.OrdinalIgnoreCase));
        if (resourceName is null)
        {
            return null;
        }

        using var stream = localization.Assembly.GetManifestResourceStream(resourceName)!;
        var where = $"{localization.Assembly.GetName().Name}: {resourceName}";
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"Localization file {where} is not valid JSON: {e.Message}", e);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidOperationException($"Localization file {where} must be one JSON object of key to text.");
            }
            var texts = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.String)
                {
                    throw new InvalidOperationException($"Localization file {where}: the value of '{property.Name}' is not a string.");
                }
                texts[property.Name] = property.Value.GetString()!;
            }
            return texts;
        }
    }
}
