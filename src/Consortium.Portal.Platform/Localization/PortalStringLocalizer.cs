using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Consortium.Portal.Platform.Localization;

/// <summary>
/// Texts of one module resource in the current UI culture. A key missing there falls back to the parent culture,
/// then to English, then to the key itself (with <see cref="LocalizedString.ResourceNotFound"/> set).
/// </summary>
public sealed class PortalStringLocalizer(ResourceTexts texts) : IStringLocalizer
{
    public LocalizedString this[string name]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(name);
            var text = texts.Find(name, CultureInfo.CurrentUICulture);
            return new LocalizedString(name, text ?? name, resourceNotFound: text is null, searchedLocation: texts.ResourceType.FullName);
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var format = this[name];
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments), format.ResourceNotFound, format.SearchedLocation);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures)
    {
        var culture = CultureInfo.CurrentUICulture;
        var keys = new HashSet<string>(texts.For(culture.Name).Keys, StringComparer.Ordinal);
        if (includeParentCultures)
        {
            for (var c = culture.Parent; !Equals(c, CultureInfo.InvariantCulture); c = c.Parent)
            {
                keys.UnionWith(texts.For(c.Name).Keys);
            }
            keys.UnionWith(texts.For(PortalCultures.Default).Keys);
        }
        return keys.Order(StringComparer.Ordinal).Select(key => this[key]);
    }
}

/// <summary>
/// Serves <c>IStringLocalizer&lt;T&gt;</c> from the modules' JSON resources. A type no module declares (a library's
/// own resource, such as a component vendor's) is left to the framework's .resx localizer.
/// </summary>
public sealed class PortalStringLocalizerFactory(LocalizedTexts texts, IOptions<LocalizationOptions> options, ILoggerFactory loggerFactory)
    : IStringLocalizerFactory
{
    private readonly ResourceManagerStringLocalizerFactory _resx = new(options, loggerFactory);
    private readonly ConcurrentDictionary<Type, IStringLocalizer> _localizers = new();

    public IStringLocalizer Create(Type resourceSource)
        => _localizers.GetOrAdd(resourceSource, type => texts.Get(type) is { } resource
            ? new PortalStringLocalizer(resource)
            : _resx.Create(type));

    public IStringLocalizer Create(string baseName, string location) => _resx.Create(baseName, location);
}
