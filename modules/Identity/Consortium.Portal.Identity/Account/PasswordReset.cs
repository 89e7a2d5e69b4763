using System.Buffers.Text;
using System.Text;
using Consortium.Portal.Identity.Domain;
using Consortium.Portal.Platform.Auditing;
using Microsoft.AspNetCore.Identity;

namespace Consortium.Portal.Identity.Account;

/// <summary>Resetting a forgotten password through a link sent by e-mail (Identity's data-protection token, time-limited).</summary>
internal sealed class PasswordReset(UserManager<PortalUser> users, AccountEmails emails, IAuditLog auditLog)
{
    /// <summary>Sends a reset link if the address belongs to an active account; says nothing either way.</summary>
    public async Task RequestAsync(string email, CancellationToken cancellationToken = default)
    {
        var user = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email.Trim());
        if (user is null || user.IsDisabled || user.Email is null)
        {
            return;
        }
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var code = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(token));
        var link = $"{emails.PublicBaseUrl}/account/reset-password?user={user.Id}&code={code}";
        await emails.SendPasswordResetAsync(user.Email, user.DisplayName, link, user.PreferredCulture, cancellationToken);
        await auditLog.WriteAsync(new AuditRecord("identity.password-reset.requested", "PortalUser", user.Id.ToString(), UserId: user.Id, UserName: user.UserName), cancellationToken);
    }

    /// <summary>Sets the new password; the security stamp changes, so every other session of the user ends.</summary>
    public async Task<IdentityResult> ResetAsync(Guid userId, string code, string newPassword, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        string token;
        try
        {
            token = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(code));
        }
        catch (FormatException)
        {
            token = "";
        }
        if (user is null || user.IsDisabled || token.Length == 0)
        {
            return IdentityResult.Failed(users.ErrorDescriber.InvalidToken());
        }
        var result = await users.ResetPasswordAsync(user, token, newPassword);
        if (result.Succeeded)
        {
            // Whoever locked the account by guessing does not keep the owner out after a reset.
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            await auditLog.WriteAsync(new AuditRecord("identity.password-reset.completed", "PortalUser", user.Id.ToString(), UserId: user.Id, UserName: user.UserName), cancellationToken);
        }
        return result;
    }
}
