using System.Text;
using Consortium.Portal.Identity.Domain;
using Consortium.Portal.Identity.Security;
using Consortium.Portal.Platform.Auditing;
using Consortium.Portal.Platform.Security;
using Microsoft.AspNetCore.Identity;

namespace Consortium.Portal.Identity.Account;

/// <summary>The shared key an authenticator app needs: grouped for typing, and as an otpauth:// URI for scanning.</summary>
public sealed record AuthenticatorKey(string SharedKey, string FormattedKey, string AuthenticatorUri)
{
    /// <summary>
    /// The URI as a QR code for the app's camera: a PNG data URI (the page's policy allows <c>data:</c> images), drawn
    /// on the server by QRCoder, so no script and no third party sees the key.
    /// </summary>
    public string QrCodeDataUri
    {
        get
        {
            using var generator = new QRCoder.QRCodeGenerator();
            using var data = generator.CreateQrCode(AuthenticatorUri, QRCoder.QRCodeGenerator.ECCLevel.M);
            return "data:image/png;base64," + Convert.ToBase64String(new QRCoder.PngByteQRCode(data).GetGraphic(5));
        }
    }
}

public sealed record TwoFactorStatus(bool Enabled, bool Required, int RecoveryCodesLeft);

/// <summary>TOTP two-factor authentication: setting up an authenticator, recovery codes, switching it off.</summary>
internal sealed class TwoFactorSetUp(UserManager<PortalUser> users, SignInManager<PortalUser> signInManager, IAuditLog auditLog)
{
    public const string Issuer = "Consortium Portal";

    public async Task<TwoFactorStatus> GetStatusAsync(PortalUser user)
    {
        var roles = await users.GetRolesAsync(user);
        return new TwoFactorStatus(
            user.TwoFactorEnabled,
            roles.Any(r => PortalRoles.RequiringTwoFactor.Contains(r)),
            user.TwoFactorEnabled ? await users.CountRecoveryCodesAsync(user) : 0);
    }

    /// <summary>The user's authenticator key, creating one the first time.</summary>
    public async Task<AuthenticatorKey> GetOrCreateKeyAsync(PortalUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user)
                  ?? throw new InvalidOperationException("Identity did not store an authenticator key.");
            // Resetting the key renewed the security stamp; keep this session valid.
            await signInManager.RefreshSignInAsync(user);
        }
        return new AuthenticatorKey(key, FormatKey(key), AuthenticatorUri(user.Email ?? user.UserName ?? user.Id.ToString(), key));
    }

    /// <summary>Turns two-factor sign-in on when <paramref name="code"/> proves the app has the key; returns the recovery codes to show once, or null.</summary>
    public async Task<IReadOnlyList<string>?> EnableAsync(PortalUser user, string code)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key)
            || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, AccountSignIn.NormalizeCode(code)))
        {
            return null;
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, PasswordRules.RecoveryCodeCount))?.ToList() ?? [];
        await signInManager.RefreshSignInAsync(user);
        await auditLog.WriteAsync(new AuditRecord("identity.two-factor.enabled", "PortalUser", user.Id.ToString()));
        return codes;
    }

    public async Task<IReadOnlyList<string>> NewRecoveryCodesAsync(PortalUser user)
    {
        if (!user.TwoFactorEnabled)
        {
            throw new InvalidOperationException("Recovery codes exist only with two-factor sign-in on.");
        }
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, PasswordRules.RecoveryCodeCount))?.ToList() ?? [];
        await auditLog.WriteAsync(new AuditRecord("identity.two-factor.recovery-codes-renewed", "PortalUser", user.Id.ToString()));
        return codes;
    }

    /// <summary>Switches two-factor sign-in off and forgets the key; refused for roles that must use it.</summary>
    public async Task<bool> DisableAsync(PortalUser user)
    {
        if ((await GetStatusAsync(user)).Required)
        {
            return false;
        }
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await signInManager.RefreshSignInAsync(user);
        await auditLog.WriteAsync(new AuditRecord("identity.two-factor.disabled", "PortalUser", user.Id.ToString()));
        return true;
    }

    /// <summary>
    /// Starts over with a new key (a lost or replaced phone): two-factor sign-in is off until the new key is verified on
    /// the set-up page; a role that needs it is sent there before anything else (<see cref="TwoFactorEnrollmentGate"/>).
    /// </summary>
    public async Task ResetAsync(PortalUser user)
    {
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await signInManager.RefreshSignInAsync(user);
        await auditLog.WriteAsync(new AuditRecord("identity.two-factor.reset", "PortalUser", user.Id.ToString()));
    }

    /// <summary>"abcd efgh ijkl ..." is easier to type than one long run.</summary>
    internal static string FormatKey(string key)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }
            builder.Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }
        return builder.ToString().ToLowerInvariant();
    }

    internal static string AuthenticatorUri(string account, string key)
        => $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(account)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6&period=30";
}
