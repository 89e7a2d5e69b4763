using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Notifications.Delivery;

/// <summary>The words of a notification in one language.</summary>
public sealed record RenderedNotification(string Title, string Body);

/// <summary>
/// Renders a notification's title and body from its type's texts and its parameters, in a given culture. A type no
/// loaded module defines any more (its module was removed) still renders, as a generic text.
/// </summary>
internal sealed class NotificationRenderer(NotificationTypeRegistry types, IStringLocalizerFactory localizers)
{
    public RenderedNotification Render(string type, IReadOnlyDictionary<string, string> parameters, CultureInfo culture)
    {
        using var _ = new CultureScope(culture);
        if (types.Find(type) is not { } definition)
        {
            var own = localizers.Create(typeof(NotificationsResource));
            return new RenderedNotification(own["Notification:UnknownType:Title"], own["Notification:UnknownType:Body"]);
        }
        var texts = localizers.Create(definition.LocalizationResource);
        var arguments = definition.Parameters.Select(p => (object)(
            parameters.GetValueOrDefault(NotificationTypeDefinition.InLanguage(p, culture.Name)) is { Length: > 0 } inReadersLanguage ? inReadersLanguage
            : parameters.GetValueOrDefault(p) is { } value ? (definition.DateParameters.Contains(p) ? AsDate(value, culture) : value)
            : parameters.GetValueOrDefault(p + NotificationTypeDefinition.TranslatedSuffix) is { } key ? texts[key].Value : "")).ToArray();
        var (titleKey, bodyKey) = definition.EarlierTitleKey is { } earlierTitle && definition.EarlierBodyKey is { } earlierBody && !HasEveryRequired(definition, parameters)
            ? (earlierTitle, earlierBody)
            : (definition.TitleKey, definition.BodyKey);
        return new RenderedNotification(texts[titleKey, arguments], texts[bodyKey, arguments]);
    }

    /// <summary>Whether the stored notification has every parameter its type requires now (one stored before may not).</summary>
    private static bool HasEveryRequired(NotificationTypeDefinition definition, IReadOnlyDictionary<string, string> parameters)
        => definition.RequiredParameters.All(p => !string.IsNullOrWhiteSpace(parameters.GetValueOrDefault(p))
            || !string.IsNullOrWhiteSpace(parameters.GetValueOrDefault(p + NotificationTypeDefinition.TranslatedSuffix)));

    /// <summary>The actions' labels in <paramref name="culture"/>, from the type's texts; none for a type no module defines any more.</summary>
    public IReadOnlyList<(string Label, string Link)> RenderActions(string type, IReadOnlyList<NotificationAction> actions, CultureInfo culture)
    {
        if (actions.Count == 0 || types.Find(type) is not { } definition)
        {
            return [];
        }
        using var _ = new CultureScope(culture);
        var texts = localizers.Create(definition.LocalizationResource);
        return actions.Select(a => (texts[a.LabelKey].Value, a.Link)).ToList();
    }

    /// <summary>A date parameter in the reader's culture; a value that is not a date is shown as it was sent.</summary>
    private static string AsDate(string value, CultureInfo culture)
        => DateOnly.TryParseExact(value, NotificationTypeDefinition.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.ToString("d", culture)
            : value;

    /// <summary>The type's own name on the preferences page and in the inbox filter.</summary>
    public string DisplayNameOf(NotificationTypeDefinition definition, CultureInfo culture)
    {
        using var _ = new CultureScope(culture);
        return localizers.Create(definition.LocalizationResource)[definition.DisplayNameKey];
    }

    public string ModuleDisplayNameOf(NotificationTypeDefinition definition, CultureInfo culture)
    {
        using var _ = new CultureScope(culture);
        return localizers.Create(definition.LocalizationResource)[definition.ModuleDisplayNameKey];
    }
}

/// <summary>
/// Switches the culture the localizers read (the current UI culture, and the current culture for formatting) and
/// restores it; both flow with the async context, so other requests are not affected.
/// </summary>
public readonly struct CultureScope : IDisposable
{
    private readonly CultureInfo _culture;
    private readonly CultureInfo _uiCulture;

    public CultureScope(CultureInfo culture)
    {
        _culture = CultureInfo.CurrentCulture;
        _uiCulture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
    }

    public void Dispose()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
    }
}
