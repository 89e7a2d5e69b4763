namespace Consortium.Portal.Notifications;

/// <summary>Marker type of the Notifications module's localization resource (<c>Localization/*.json</c>).</summary>
public sealed class NotificationsResource;
