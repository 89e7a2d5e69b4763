namespace Consortium.Portal.Identity.Security;

/// <summary>The <c>Identity</c> configuration section. Defaults follow OWASP ASVS 5.0.</summary>
public sealed class PortalIdentityOptions
{
    public const string Section = "Identity";

    /// <summary>A session unused this long ends (sliding).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A session ends this long after signing in, however active.</summary>
    public TimeSpan AbsoluteTimeout { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How often a session's cookie and live connections are checked against the user (disabled, password changed).</summary>
    public TimeSpan SecurityStampValidationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long an instance keeps a session it has read (<see cref="DatabaseTicketStore"/>) before it reads the row again.
    /// A session ended on this instance is refused at once; one ended on another instance is refused here at most this
    /// long later. Zero reads the row on every request. At most 30 seconds.
    /// </summary>
    public TimeSpan SessionCacheLifetime { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromDays(7);

    public TimeSpan PasswordResetLifetime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Sign-in attempts per client address and <see cref="SignInRateLimitWindow"/>.</summary>
    public int SignInRateLimit { get; set; } = 10;

    public TimeSpan SignInRateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    public BootstrapAdminOptions BootstrapAdmin { get; set; } = new();
}

/// <summary>The first administrator of an installation, created at start when both values are set.</summary>
public sealed class BootstrapAdminOptions
{
    public string? Email { get; set; }
    public string? Password { get; set; }
}

/// <summary>Policy limits that are not configuration.</summary>
public static class PasswordRules
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 128;
    public const int Pbkdf2Iterations = 210_000;
    public const int RecoveryCodeCount = 10;
    public const int MaxFailedAttempts = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);
}
