using System.Security.Claims;
using Consortium.Portal.Identity.Domain;
using Consortium.Portal.Identity.Security;
using Consortium.Portal.Platform.Auditing;
using Microsoft.AspNetCore.Identity;

namespace Consortium.Portal.Identity.Account;

public enum SignInOutcome
{
    SignedIn,
    /// <summary>The password was right; a code from the authenticator (or a recovery code) is needed.</summary>
    RequiresTwoFactor,
    /// <summary>The password was right but the second factor was wrong.</summary>
    InvalidTwoFactorCode,
    LockedOut,
    /// <summary>Unknown user, wrong password or disabled user: one answer for all three.</summary>
    Failed,
}

public sealed record SignInAttempt(SignInOutcome Outcome, Guid? UserId = null, string? DisplayName = null, bool TwoFactorSetUpRequired = false);

/// <summary>
/// Signing in with a password, and then a second factor, for the account pages and the JSON API. An unknown e-mail
/// address, a wrong password and a disabled account get the same answer after the same work (a password hash is
/// checked in every case), so neither the answer nor its timing tells whether an account exists.
/// </summary>
internal sealed class AccountSignIn(
    UserManager<PortalUser> users,
    SignInManager<PortalUser> signInManager,
    IPasswordHasher<PortalUser> hasher,
    SignInTimingEqualizer equalizer,
    IAuditLog auditLog)
{
    /// <summary>The account pages: sets the session cookie, or the cookie that remembers the first step for the 2FA page.</summary>
    public async Task<SignInAttempt> SignInWithPasswordAsync(string email, string password, CancellationToken cancellationToken = default)
    {
        var user = await FindCandidateAsync(email, password, cancellationToken);
        if (user is null)
        {
            return new SignInAttempt(SignInOutcome.Failed);
        }
        if (await LockedOutOutcomeAsync(user, password) is { } locked)
        {
            return await RecordAsync(user, email, locked, cancellationToken);
        }
        var result = await signInManager.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        return await RecordAsync(user, email, Map(result), cancellationToken);
    }

    /// <summary>The JSON API: both factors in one request, no intermediate cookie.</summary>
    public async Task<SignInAttempt> SignInForApiAsync(string email, string password, string? twoFactorCode, string? recoveryCode, CancellationToken cancellationToken = default)
    {
        var user = await FindCandidateAsync(email, password, cancellationToken);
        if (user is null)
        {
            return new SignInAttempt(SignInOutcome.Failed);
        }
        if (await LockedOutOutcomeAsync(user, password) is { } locked)
        {
            return await RecordAsync(user, email, locked, cancellationToken);
        }
        var passwordCheck = await signInManager.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (!passwordCheck.Succeeded)
        {
            return await RecordAsync(user, email, Map(passwordCheck), cancellationToken);
        }
        if (!user.TwoFactorEnabled)
        {
            await signInManager.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", "pwd")]);
            return await RecordAsync(user, email, SignInOutcome.SignedIn, cancellationToken);
        }
        if (string.IsNullOrWhiteSpace(twoFactorCode) && string.IsNullOrWhiteSpace(recoveryCode))
        {
            return await RecordAsync(user, email, SignInOutcome.RequiresTwoFactor, cancellationToken);
        }
        var verified = !string.IsNullOrWhiteSpace(twoFactorCode)
            ? await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, NormalizeCode(twoFactorCode))
            : (await users.RedeemTwoFactorRecoveryCodeAsync(user, NormalizeRecoveryCode(recoveryCode!))).Succeeded;
        if (!verified)
        {
            await users.AccessFailedAsync(user);
            var outcome = await users.IsLockedOutAsync(user) ? SignInOutcome.LockedOut : SignInOutcome.InvalidTwoFactorCode;
            return await RecordAsync(user, email, outcome, cancellationToken);
        }
        await users.ResetAccessFailedCountAsync(user);
        await signInManager.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", "mfa")]);
        return await RecordAsync(user, email, SignInOutcome.SignedIn, cancellationToken);
    }

    /// <summary>The second step on the account pages, after <see cref="SignInWithPasswordAsync"/> answered <see cref="SignInOutcome.RequiresTwoFactor"/>.</summary>
    public async Task<SignInAttempt> SignInWithAuthenticatorCodeAsync(string code, CancellationToken cancellationToken = default)
    {
        var user = await signInManager.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return new SignInAttempt(SignInOutcome.Failed);
        }
        var result = await signInManager.TwoFactorAuthenticatorSignInAsync(NormalizeCode(code), isPersistent: false, rememberClient: false);
        return await RecordAsync(user, user.Email ?? "", result.Succeeded ? SignInOutcome.SignedIn : result.IsLockedOut ? SignInOutcome.LockedOut : SignInOutcome.InvalidTwoFactorCode, cancellationToken);
    }

    public async Task<SignInAttempt> SignInWithRecoveryCodeAsync(string code, CancellationToken cancellationToken = default)
    {
        var user = await signInManager.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return new SignInAttempt(SignInOutcome.Failed);
        }
        var result = await signInManager.TwoFactorRecoveryCodeSignInAsync(NormalizeRecoveryCode(code));
        return await RecordAsync(user, user.Email ?? "", result.Succeeded ? SignInOutcome.SignedIn : result.IsLockedOut ? SignInOutcome.LockedOut : SignInOutcome.InvalidTwoFactorCode, cancellationToken);
    }

    public Task<PortalUser?> PendingTwoFactorUserAsync() => signInManager.GetTwoFactorAuthenticationUserAsync();

    /// <summary>
    /// For a locked account, what to answer: Identity would say "locked" at once, without checking the password, which
    /// tells anyone that the address has an account (an unknown address costs a password check, and fails). Here the
    /// password is checked like any other, and only its owner learns the account is locked; a wrong password fails like
    /// an unknown address, after the same work. Null when the account is not locked.
    /// </summary>
    private async Task<SignInOutcome?> LockedOutOutcomeAsync(PortalUser user, string password)
    {
        if (!await users.IsLockedOutAsync(user))
        {
            return null;
        }
        var verified = hasher.VerifyHashedPassword(user, user.PasswordHash ?? "", password ?? "") != PasswordVerificationResult.Failed;
        return verified ? SignInOutcome.LockedOut : SignInOutcome.Failed;
    }

    /// <summary>The user to check the password of, or null (unknown or disabled) after spending the time a check takes.</summary>
    private async Task<PortalUser?> FindCandidateAsync(string email, string password, CancellationToken cancellationToken)
    {
        var user = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email.Trim());
        if (user is not null && !user.IsDisabled)
        {
            return user;
        }
        equalizer.VerifyAgainstDummy(hasher, password);
        await auditLog.WriteAsync(new AuditRecord("identity.sign-in.failed", "PortalUser", user?.Id.ToString(),
            System.Text.Json.JsonSerializer.Serialize(new { email, reason = user is null ? "unknown" : "disabled" })), cancellationToken);
        return null;
    }

    private async Task<SignInAttempt> RecordAsync(PortalUser user, string email, SignInOutcome outcome, CancellationToken cancellationToken)
    {
        var action = outcome switch
        {
            SignInOutcome.SignedIn => "identity.sign-in.succeeded",
            SignInOutcome.RequiresTwoFactor => "identity.sign-in.password-accepted",
            SignInOutcome.LockedOut => "identity.sign-in.locked-out",
            _ => "identity.sign-in.failed",
        };
        await auditLog.WriteAsync(new AuditRecord(action, "PortalUser", user.Id.ToString(),
            System.Text.Json.JsonSerializer.Serialize(new { email }), UserId: user.Id, UserName: user.UserName), cancellationToken);
        if (outcome != SignInOutcome.SignedIn)
        {
            return new SignInAttempt(outcome);
        }
        var roles = await users.GetRolesAsync(user);
        var setUpRequired = !user.TwoFactorEnabled && roles.Any(r => Platform.Security.PortalRoles.RequiringTwoFactor.Contains(r));
        return new SignInAttempt(outcome, user.Id, user.DisplayName, setUpRequired);
    }

    private static SignInOutcome Map(Microsoft.AspNetCore.Identity.SignInResult result) =>
        result.Succeeded ? SignInOutcome.SignedIn
        : result.RequiresTwoFactor ? SignInOutcome.RequiresTwoFactor
        : result.IsLockedOut ? SignInOutcome.LockedOut
        : SignInOutcome.Failed;

    /// <summary>Recovery codes keep their dash (xxxxx-xxxxx): that is how Identity stores them.</summary>
    internal static string NormalizeRecoveryCode(string code) => code.Replace(" ", "", StringComparison.Ordinal).Trim();

    internal static string NormalizeCode(string code) => code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Trim();
}

/// <summary>A password hash of nobody, checked when there is no account to check, so that costs the same as a real check.</summary>
internal sealed class SignInTimingEqualizer
{
    private string? _dummyHash;

    public void VerifyAgainstDummy(IPasswordHasher<PortalUser> hasher, string password)
    {
        var dummy = new PortalUser();
        var hash = LazyInitializer.EnsureInitialized(ref _dummyHash, () => hasher.HashPassword(dummy, Guid.NewGuid().ToString("N")));
        hasher.VerifyHashedPassword(dummy, hash, password ?? "");
    }
}
