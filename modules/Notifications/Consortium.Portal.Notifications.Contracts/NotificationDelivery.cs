using System.Text.Json.Serialization;

namespace Consortium.Portal.Notifications;

/// <summary>How a user wants to hear about one type of notification.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NotificationDelivery>))]
public enum NotificationDelivery
{
    /// <summary>In the inbox and pushed to every open tab; no e-mail.</summary>
    InApp,

    /// <summary>In the inbox, pushed, and an e-mail at once.</summary>
    EmailImmediately,

    /// <summary>In the inbox, pushed, and summed up in one e-mail a day.</summary>
    DailyDigest,

    /// <summary>Not at all.</summary>
    Off,
}
