using System.Text.Json;
using Consortium.Portal.Platform.Domain;

namespace Consortium.Portal.Notifications.Domain;

/// <summary>Where the e-mail of a notification stands.</summary>
public enum EmailState
{
    /// <summary>Its recipient wants it in the portal only.</summary>
    NotWanted,

    /// <summary>To be sent: at once by a job, or with the next daily digest.</summary>
    Pending,
    Sent,

    /// <summary>The recipient has no e-mail address (or is disabled): in the portal only.</summary>
    NoAddress,

    /// <summary>Every attempt failed; <see cref="Notification.EmailError"/> says why.</summary>
    Failed,

    /// <summary>A digest item the recipient had read in the portal before the digest went out.</summary>
    ReadBeforeDigest,
}

/// <summary>
/// One notification of one recipient. Only the type and its parameters are kept: the title and body are rendered in
/// the reader's language when read. <see cref="SourceMessageId"/> (the outbox message it came from) with the recipient
/// and type is unique, so a message delivered twice notifies nobody twice.
/// </summary>
public sealed class Notification : Entity<Guid>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private Notification() { }

    public Notification(
        Guid recipientId,
        NotificationTypeDefinition type,
        IReadOnlyDictionary<string, string> parameters,
        string? link,
        Guid sourceMessageId,
        DateTime requestedAtUtc,
        DateTime createdAtUtc,
        NotificationDelivery delivery,
        IReadOnlyList<NotificationAction>? actions = null)
    {
        if (delivery == NotificationDelivery.Off)
        {
            throw new ArgumentException("A notification its recipient turned off is not created.", nameof(delivery));
        }
        Id = Guid.CreateVersion7(createdAtUtc);
        RecipientId = recipientId;
        Type = type.Name;
        Module = type.Module;
        ParametersJson = JsonSerializer.Serialize(parameters, Json);
        Link = link;
        ActionsJson = actions is { Count: > 0 } ? JsonSerializer.Serialize(actions, Json) : null;
        SourceMessageId = sourceMessageId;
        RequestedAtUtc = requestedAtUtc;
        CreatedAtUtc = createdAtUtc;
        Delivery = delivery;
        EmailState = delivery == NotificationDelivery.InApp ? EmailState.NotWanted : EmailState.Pending;
    }

    public Guid RecipientId { get; private set; }
    public string Type { get; private set; } = "";
    public string Module { get; private set; } = "";
    public string ParametersJson { get; private set; } = "{}";
    public string? Link { get; private set; }

    /// <summary>The buttons of its e-mail (see <see cref="NotificationAction"/>); null for a notification with none.</summary>
    public string? ActionsJson { get; private set; }
    public Guid SourceMessageId { get; private set; }

    /// <summary>When the sender asked (the event's time); <see cref="CreatedAtUtc"/> is when the inbox received it.</summary>
    public DateTime RequestedAtUtc { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? ReadAtUtc { get; private set; }

    /// <summary>The recipient's preference for the type when the notification arrived.</summary>
    public NotificationDelivery Delivery { get; private set; }
    public EmailState EmailState { get; private set; }
    public int EmailAttempts { get; private set; }
    public string? EmailError { get; private set; }
    public DateTime? EmailedAtUtc { get; private set; }

    public IReadOnlyDictionary<string, string> Parameters
        => JsonSerializer.Deserialize<Dictionary<string, string>>(ParametersJson, Json) ?? [];

    public IReadOnlyList<NotificationAction> Actions
        => ActionsJson is null ? [] : JsonSerializer.Deserialize<List<NotificationAction>>(ActionsJson, Json) ?? [];

    public bool IsRead => ReadAtUtc is not null;

    /// <summary>Reading again keeps the first time.</summary>
    public void MarkRead(DateTime nowUtc) => ReadAtUtc ??= nowUtc;

    public void EmailSent(DateTime nowUtc)
    {
        EmailAttempts++;
        EmailState = EmailState.Sent;
        EmailedAtUtc = nowUtc;
        EmailError = null;
    }

    /// <summary>Records a failed attempt; after the last one the e-mail is given up.</summary>
    public void EmailFailed(string error, bool willRetry)
    {
        EmailAttempts++;
        EmailError = error.Length > MaxEmailErrorLength ? error[..MaxEmailErrorLength] : error;
        if (!willRetry)
        {
            EmailState = EmailState.Failed;
        }
    }

    public void EmailImpossible() => EmailState = EmailState.NoAddress;

    /// <summary>A digest item settled by the digest: sent in it, or left out because it was read already.</summary>
    public void Digested(DateTime nowUtc, bool included)
    {
        EmailState = included ? EmailState.Sent : EmailState.ReadBeforeDigest;
        EmailedAtUtc = included ? nowUtc : null;
    }

    public const int MaxEmailErrorLength = 2_000;
}

/// <summary>A user's choice of delivery for one notification type; without one, the type's default applies.</summary>
public sealed class NotificationPreference
{
    private NotificationPreference() { }

    public NotificationPreference(Guid userId, string type, NotificationDelivery delivery)
    {
        UserId = userId;
        Type = type;
        Delivery = delivery;
    }

    public Guid UserId { get; private set; }
    public string Type { get; private set; } = "";
    public NotificationDelivery Delivery { get; set; }
}

/// <summary>That a user's digest of one local day went out, so an hourly run (or a second instance) never sends it twice.</summary>
public sealed class DigestRun
{
    private DigestRun() { }

    public DigestRun(Guid userId, DateOnly localDate, DateTime sentAtUtc, int notificationCount)
    {
        UserId = userId;
        LocalDate = localDate;
        SentAtUtc = sentAtUtc;
        NotificationCount = notificationCount;
    }

    public Guid UserId { get; private set; }
    public DateOnly LocalDate { get; private set; }
    public DateTime SentAtUtc { get; private set; }
    public int NotificationCount { get; private set; }
}
