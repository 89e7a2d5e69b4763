using System.Text.RegularExpressions;

namespace Consortium.Portal.Notifications;

/// <summary>
/// A kind of notification a module sends, such as <c>documents.review-requested</c>. Nothing of its text is stored: the
/// title and body are texts of the owning module's localization resource, rendered in the reader's language when read,
/// with the notification's parameters as placeholders <c>{0}</c>, <c>{1}</c>... in the order of
/// <see cref="RequiredParameters"/> followed by <see cref="OptionalParameters"/>.
/// </summary>
public sealed partial class NotificationTypeDefinition
{
    public const int MaxNameLength = 128;

    /// <summary>
    /// A parameter named <c>{name}:t</c> instead of <c>{name}</c> holds a key of the type's localization resource, and
    /// renders as that text in the reader's language: for words the sender writes, such as "Former member" for an
    /// author who is no longer in the directory.
    /// </summary>
    public const string TranslatedSuffix = ":t";

    /// <summary>
    /// A parameter named <c>{name}@{language}</c> (<c>workflow@sq</c>; en, sq, sr-Latn, sr-Cyrl) holds <c>{name}</c> in that
    /// language, for names people gave in the four languages (a workflow's, a stage's): a reader of that language sees
    /// it, anyone else the plain <c>{name}</c>, which stays the one a required parameter needs (<see cref="InLanguage"/>).
    /// </summary>
    public const string LanguageSeparator = "@";

    /// <summary>The key of <paramref name="parameter"/>'s value in <paramref name="language"/> (<c>workflow@sr-Latn</c>).</summary>
    public static string InLanguage(string parameter, string language) => parameter + LanguageSeparator + language;

    /// <summary>How a date parameter (<see cref="DateParameters"/>) is sent: <c>2026-12-09</c>, in the invariant culture.</summary>
    public const string DateFormat = "yyyy-MM-dd";

    /// <param name="name">module.kind, lower case, for example <c>documents.review-requested</c>; the part before the first dot names the module.</param>
    /// <param name="localizationResource">The marker type of the owning module's localization resource.</param>
    /// <param name="titleKey">The key of the title (one line) in that resource.</param>
    /// <param name="bodyKey">The key of the body (a sentence or two) in that resource.</param>
    /// <param name="requiredParameters">Parameters every notification of this type carries; a send without one is refused.</param>
    /// <param name="defaultDelivery">What a user who never chose gets.</param>
    /// <param name="optionalParameters">Parameters that may be missing (rendered as an empty text).</param>
    /// <param name="displayNameKey">The key of the type's name on the preferences page; <c>NotificationType:{name}</c> by default.</param>
    /// <param name="dateParameters">
    /// Those of the parameters that carry a calendar date, sent as <see cref="DateFormat"/>: each reader sees it as a date of
    /// their own language ("9 Dec 2026", "9.12.2026"), not as the stored text.
    /// </param>
    /// <param name="addressesReader">
    /// Whether a notification of this type speaks to its reader in person (a mention of them, an answer to what they
    /// wrote) rather than about something they follow: the home page lists these under "Mentions and replies".
    /// </param>
    /// <param name="earlierTitleKey">
    /// The title of a notification stored before the type needed one of its required parameters (the texts are
    /// rendered when read, so old notifications meet new texts): used when a stored notification lacks a required
    /// parameter, instead of a title with blanks. Null: the current title with the missing ones empty.
    /// </param>
    /// <param name="earlierBodyKey">The body to go with <paramref name="earlierTitleKey"/>.</param>
    public NotificationTypeDefinition(
        string name,
        Type localizationResource,
        string titleKey,
        string bodyKey,
        IReadOnlyList<string>? requiredParameters = null,
        NotificationDelivery defaultDelivery = NotificationDelivery.InApp,
        IReadOnlyList<string>? optionalParameters = null,
        string? displayNameKey = null,
        IReadOnlyList<string>? dateParameters = null,
        bool addressesReader = false,
        string? earlierTitleKey = null,
        string? earlierBodyKey = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(localizationResource);
        ArgumentException.ThrowIfNullOrWhiteSpace(titleKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(bodyKey);
        if (name.Length > MaxNameLength || !NamePattern().IsMatch(name))
        {
            throw new ArgumentException(
                $"Notification type '{name}' is not a valid name: use module.kind in lower case (letters, digits, '-'), at most {MaxNameLength} characters, " +
                "for example 'documents.review-requested'.", nameof(name));
        }
        RequiredParameters = requiredParameters ?? [];
        OptionalParameters = optionalParameters ?? [];
        var all = RequiredParameters.Concat(OptionalParameters).ToList();
        if (all.Any(string.IsNullOrWhiteSpace) || all.Distinct(StringComparer.Ordinal).Count() != all.Count)
        {
            throw new ArgumentException($"The parameters of notification type '{name}' must be non-empty and distinct.", nameof(requiredParameters));
        }
        DateParameters = dateParameters ?? [];
        AddressesReader = addressesReader;
        if (DateParameters.Any(p => !all.Contains(p, StringComparer.Ordinal)))
        {
            throw new ArgumentException($"The date parameters of notification type '{name}' must be among its parameters.", nameof(dateParameters));
        }
        if ((earlierTitleKey is null) != (earlierBodyKey is null) || earlierTitleKey is { Length: 0 } || earlierBodyKey is { Length: 0 })
        {
            throw new ArgumentException($"Notification type '{name}' needs both an earlier title and an earlier body, or neither.", nameof(earlierTitleKey));
        }
        EarlierTitleKey = earlierTitleKey;
        EarlierBodyKey = earlierBodyKey;
        Name = name;
        Module = name[..name.IndexOf('.')];
        LocalizationResource = localizationResource;
        TitleKey = titleKey;
        BodyKey = bodyKey;
        DefaultDelivery = defaultDelivery;
        Parameters = all;
        DisplayNameKey = displayNameKey ?? "NotificationType:" + name;
    }

    public string Name { get; }

    /// <summary>Whether it speaks to its reader in person (mentions, replies): listed on the home page.</summary>
    public bool AddressesReader { get; }

    /// <summary>The parameters that are calendar dates (<see cref="DateFormat"/>), shown in each reader's culture.</summary>
    public IReadOnlyList<string> DateParameters { get; }

    /// <summary>The part of <see cref="Name"/> before the first dot; the inbox filters by it.</summary>
    public string Module { get; }

    public Type LocalizationResource { get; }

    public string TitleKey { get; }

    public string BodyKey { get; }

    /// <summary>The title of a stored notification that lacks a required parameter (stored before the type needed it); null: none.</summary>
    public string? EarlierTitleKey { get; }

    /// <summary>The body to go with <see cref="EarlierTitleKey"/>.</summary>
    public string? EarlierBodyKey { get; }

    public string DisplayNameKey { get; }

    /// <summary>The key of the module's name in the inbox filter, in the same resource: <c>NotificationModule:{module}</c>.</summary>
    public string ModuleDisplayNameKey => "NotificationModule:" + Module;

    public IReadOnlyList<string> RequiredParameters { get; }

    public IReadOnlyList<string> OptionalParameters { get; }

    /// <summary>Every parameter, in placeholder order.</summary>
    public IReadOnlyList<string> Parameters { get; }

    public NotificationDelivery DefaultDelivery { get; }

    public override string ToString() => Name;

    [GeneratedRegex("^[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
