namespace Consortium.Portal.Notifications;

public static class NotificationsModuleName
{
    public const string Value = "Notifications";
}

/// <summary>Permission names of the Notifications module; definitions and default grants live in the module.</summary>
public static class NotificationsPermissions
{
    public const string Group = "Notifications";

    public static class Announcements
    {
        /// <summary>Send an announcement to chosen people (a partner lead: to the staff of their own partner only).</summary>
        public const string Send = "Notifications.Announcements.Send";
    }
}

/// <summary>Addresses of the module's HTTP API and hub, and the names of what the hub sends and offers.</summary>
public static class NotificationsPaths
{
    public const string Api = "/api/notifications";
    public const string Hub = "/hubs/notifications";
    public const string InboxPage = "/notifications";
    public const string PreferencesPage = "/notifications/preferences";
}

/// <summary>The hub's vocabulary, for clients (the browser's script, the .NET client, the load benchmark).</summary>
public static class NotificationsHubProtocol
{
    /// <summary>Server to client: a <see cref="NotificationPushDto"/>, for a new notification of the connection's user.</summary>
    public const string Notification = "notification";

    /// <summary>Server to client: an <see cref="UnreadCountDto"/>, after notifications were read in another tab or device.</summary>
    public const string UnreadCount = "unreadCount";

    /// <summary>Server to client: the user was disabled; the client closes the connection.</summary>
    public const string SignedOut = "signedOut";

    /// <summary>Client to server: echoes the client's timestamp with the server's; a baseline for latency measurements.</summary>
    public const string Ping = "Ping";

    /// <summary>Client to server: (re)joins the notifications of a user; only the caller's own are granted.</summary>
    public const string Subscribe = "Subscribe";

    /// <summary>Client to server: marks one of the caller's notifications read.</summary>
    public const string MarkRead = "MarkRead";

    /// <summary>Client to server: (topic, subject id) joins the changes of one subject the caller may see (<see cref="ILiveTopic"/>).</summary>
    public const string Watch = "Watch";

    /// <summary>Client to server: (topic, subject id) leaves them again.</summary>
    public const string Unwatch = "Unwatch";

    /// <summary>Server to client: a <see cref="LiveChangeDto"/>, for a subject the connection watches.</summary>
    public const string Changed = "changed";
}
