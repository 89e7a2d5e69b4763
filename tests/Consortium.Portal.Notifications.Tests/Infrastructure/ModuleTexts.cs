using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Consortium.Portal.Notifications;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Notifications.Tests.Infrastructure;

/// <summary>
/// The module's embedded <c>Localization/{culture}.json</c> texts behind <see cref="IStringLocalizerFactory"/>, in the
/// current UI culture with English as the fallback, as the portal serves them; other resources come from
/// <see cref="Extra"/> (a test's own type's texts).
/// </summary>
public sealed class ModuleTexts : IStringLocalizerFactory
{
    private static readonly ConcurrentDictionary<string, Dictionary<string, string>> Files = new();

    public Dictionary<Type, Dictionary<string, Dictionary<string, string>>> Extra { get; } = new();

    public IStringLocalizer Create(Type resourceSource) => new Localizer(culture => TextsOf(resourceSource, culture));

    public IStringLocalizer Create(string baseName, string location) => throw new NotSupportedException();

    private Dictionary<string, string> TextsOf(Type resource, string culture)
    {
        if (Extra.TryGetValue(resource, out var byCulture))
        {
            return byCulture.GetValueOrDefault(culture) ?? [];
        }
        if (resource != typeof(NotificationsResource))
        {
            return [];
        }
        return Files.GetOrAdd(culture, c =>
        {
            var assembly = typeof(NotificationsResource).Assembly;
            var name = assembly.GetManifestResourceNames().SingleOrDefault(n => n.EndsWith($".Localization.{c}.json", StringComparison.Ordinal));
            if (name is null)
            {
                return [];
            }
            using var stream = assembly.GetManifestResourceStream(name)!;
            return JsonSerializer.Deserialize<Dictionary<string, string>>(stream)!;
        });
    }

    private sealed class Localizer(Func<string, Dictionary<string, string>> texts) : IStringLocalizer
    {
        public LocalizedString this[string name]
        {
            get
            {
                var text = texts(CultureInfo.CurrentUICulture.Name).GetValueOrDefault(name) ?? texts("en").GetValueOrDefault(name);
                return new LocalizedString(name, text ?? name, resourceNotFound: text is null);
            }
        }

        public LocalizedString this[string name, params object[] arguments]
        {
            get
            {
                var format = this[name];
                return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments), format.ResourceNotFound);
            }
        }

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => texts(CultureInfo.CurrentUICulture.Name).Select(t => new LocalizedString(t.Key, t.Value));
    }
}

/// <summary>The texts of a module that exists only in these tests.</summary>
public sealed class DocumentsTestResource;
