namespace Consortium.Portal.Notifications;

/// <summary>
/// Notifications of one type to some people, with the parameters the type's texts need and a link to the thing they
/// are about (a path inside the portal, such as <c>/documents/42</c>).
/// </summary>
public sealed record NotificationRequest(
    string Type,
    IReadOnlyList<Guid> RecipientIds,
    IReadOnlyDictionary<string, string> Parameters,
    string? Link = null)
{
    public const int MaxRecipients = 10_000;
    public const int MaxParameterLength = 2_000;
    public const int MaxLinkLength = 1_024;
}

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
