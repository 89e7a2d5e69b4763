using Consortium.Portal.Platform.Localization;

namespace Consortium.Portal.Notifications.Delivery;

/// <summary>Every notification type the loaded modules defined, by name; checks requests against them.</summary>
internal sealed class NotificationTypeRegistry
{
    private readonly Dictionary<string, NotificationTypeDefinition> _byName = new(StringComparer.Ordinal);

    public NotificationTypeRegistry(IEnumerable<NotificationTypeDefinition> definitions)
    {
        foreach (var definition in definitions)
        {
            if (_byName.TryGetValue(definition.Name, out var existing) && !ReferenceEquals(existing, definition))
            {
                throw new InvalidOperationException($"Notification type '{definition.Name}' is defined twice.");
            }
            _byName[definition.Name] = definition;
        }
    }

    public IReadOnlyCollection<NotificationTypeDefinition> All => _byName.Values;

    public NotificationTypeDefinition? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>
    /// The parameter a key fills: <c>author:t</c> (a text key to translate) fills <c>author</c>, and so does
    /// <c>author@sq</c> (its value in a working language); null for a language the portal does not have.
    /// </summary>
    private static string? BareName(string key)
    {
        if (key.EndsWith(NotificationTypeDefinition.TranslatedSuffix, StringComparison.Ordinal))
        {
            return key[..^NotificationTypeDefinition.TranslatedSuffix.Length];
        }
        var at = key.LastIndexOf(NotificationTypeDefinition.LanguageSeparator, StringComparison.Ordinal);
        return at < 0 ? key
            : PortalCultures.All.Contains(key[(at + 1)..], StringComparer.Ordinal) ? key[..at]
            : null;
    }

    /// <summary>The request's type, once the request is found to fit it.</summary>
    /// <exception cref="InvalidNotificationException">an unknown type, a missing or unknown parameter, a bad recipient or link.</exception>
    public NotificationTypeDefinition Check(NotificationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Type) || Find(request.Type) is not { } type)
        {
            var known = string.Join(", ", _byName.Keys.Order(StringComparer.Ordinal));
            throw new InvalidNotificationException(
                $"Notification type '{request.Type}' is not defined. Define it with services.AddNotificationType(...) in its module; defined types: {known}.");
        }

        var parameters = request.Parameters ?? new Dictionary<string, string>();
        var missing = type.RequiredParameters.Where(p => string.IsNullOrWhiteSpace(parameters.GetValueOrDefault(p))
            && string.IsNullOrWhiteSpace(parameters.GetValueOrDefault(p + NotificationTypeDefinition.TranslatedSuffix))).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidNotificationException(
                $"Notification type '{type.Name}' needs the parameter(s) {string.Join(", ", missing)}; the request has {Listed(parameters.Keys)}.");
        }
        var unknown = parameters.Keys.Where(k => BareName(k) is not { } bare || !type.Parameters.Contains(bare, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidNotificationException(
                $"Notification type '{type.Name}' has no parameter(s) {string.Join(", ", unknown)}; its parameters are {Listed(type.Parameters)}.");
        }
        var tooLong = parameters.Where(p => p.Value is { Length: > NotificationRequest.MaxParameterLength }).Select(p => p.Key).ToList();
        if (tooLong.Count > 0)
        {
            throw new InvalidNotificationException(
                $"The parameter(s) {string.Join(", ", tooLong)} of a '{type.Name}' notification are longer than {NotificationRequest.MaxParameterLength} characters.");
        }

        var recipients = request.RecipientIds ?? [];
        if (recipients.Count > NotificationRequest.MaxRecipients)
        {
            throw new InvalidNotificationException($"A notification goes to at most {NotificationRequest.MaxRecipients} recipients; this one names {recipients.Count}.");
        }
        if (recipients.Contains(Guid.Empty))
        {
            throw new InvalidNotificationException($"A '{type.Name}' notification names the empty user id as a recipient.");
        }

        if (request.Link is { } link && !IsPortalPath(link))
        {
            throw new InvalidNotificationException(
                $"The link of a '{type.Name}' notification must be a path inside the portal starting with '/' (at most {NotificationRequest.MaxLinkLength} characters), not '{link}'.");
        }
        var actions = request.Actions ?? [];
        if (actions.Count > NotificationRequest.MaxActions)
        {
            throw new InvalidNotificationException($"A '{type.Name}' notification has at most {NotificationRequest.MaxActions} actions; this one has {actions.Count}.");
        }
        if (actions.Any(a => a is null || string.IsNullOrWhiteSpace(a.LabelKey) || a.LabelKey.Length > NotificationTypeDefinition.MaxNameLength
                || a.Link is null || !IsPortalPath(a.Link)))
        {
            throw new InvalidNotificationException(
                $"Each action of a '{type.Name}' notification needs a label key (at most {NotificationTypeDefinition.MaxNameLength} characters) and a path inside the portal starting with '/' " +
                $"(at most {NotificationRequest.MaxLinkLength} characters).");
        }
        return type;
    }

    // A link leads inside the portal: "//host" and "/\host" would leave it, as would any scheme.
    internal static bool IsPortalPath(string link)
        => link.Length is > 0 and <= NotificationRequest.MaxLinkLength
           && link[0] == '/'
           && (link.Length == 1 || (link[1] != '/' && link[1] != '\\'))
           && !link.Any(char.IsControl);

    private static string Listed(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count == 0 ? "none" : string.Join(", ", list);
    }
}
