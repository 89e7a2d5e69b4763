namespace Consortium.Portal.Notifications;

/// <summary>
/// Notifications of one type to some people, with the parameters the type's texts need and a link to the thing they
/// are about (a path inside the portal, such as <c>/documents/42</c>). <paramref name="Actions"/>, when given, are what
/// the reader can do straight from the e-mail (a button each, such as the three answers to an invitation); the bell and
/// the inbox keep the one <paramref name="Link"/> (or, without one, the first action's).
/// </summary>
public sealed record NotificationRequest(
    string Type,
    IReadOnlyList<Guid> RecipientIds,
    IReadOnlyDictionary<string, string> Parameters,
    string? Link = null,
    IReadOnlyList<NotificationAction>? Actions = null)
{
    public const int MaxRecipients = 10_000;
    public const int MaxParameterLength = 2_000;
    public const int MaxLinkLength = 1_024;
    public const int MaxActions = 5;

    /// <summary>What the bell and the inbox open: the link, or the first action's when there is none.</summary>
    public string? PrimaryLink => Link ?? Actions?.FirstOrDefault()?.Link;
}

/// <summary>
/// One thing a notification's reader can do, shown as a button in its e-mail: <paramref name="LabelKey"/> is a key of the
/// type's localization resource (rendered in the reader's language), <paramref name="Link"/> a path inside the portal,
/// followed after sign-in. A link must change nothing on its GET (mail scanners follow links): the page it opens acts.
/// </summary>
public sealed record NotificationAction(string LabelKey, string Link);

/// <summary>A notification request the registry refuses: an unknown type, a missing parameter, a bad link.</summary>
public sealed class InvalidNotificationException(string message) : Exception(message);

/// <summary>
/// Sends notifications from a module's own code. The request is checked at once (an unknown type or a missing
/// parameter throws <see cref="InvalidNotificationException"/>) and written to the outbox of the unit of work in
/// progress as a <see cref="NotificationRequested"/> event: the caller's SaveChanges commits it with the change it is
/// about, or not at all.
/// </summary>
public interface INotificationSender
{
    /// <exception cref="InvalidNotificationException">the request does not fit its type.</exception>
    void Send(NotificationRequest request);
}
