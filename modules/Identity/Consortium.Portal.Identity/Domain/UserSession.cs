namespace Consortium.Portal.Identity.Domain;

/// <summary>
/// One signed-in browser: the cookie carries only this row's id, and the sign-in itself (the authentication ticket,
/// protected by data protection) lives here, so ending the session on the server ends it for the browser at once.
/// </summary>
public sealed class UserSession
{
    public const int MaxBrowserLength = 256;
    public const int MaxIpAddressLength = 64;

    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime LastSeenAtUtc { get; set; }
    /// <summary>When the cookie lapses unless it is used (the idle time-out); a row past it is no session.</summary>
    public DateTime? ExpiresAtUtc { get; set; }
    /// <summary>The browser's User-Agent, shortened: what the user recognises their sessions by.</summary>
    public string? Browser { get; set; }
    /// <summary>The address it signed in from (the place, as far as the portal knows it).</summary>
    public string? IpAddress { get; set; }
    public byte[] Ticket { get; set; } = [];
}
