using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Identity.Security;

/// <summary>Identity's error messages in the user's language.</summary>
internal sealed class PortalIdentityErrorDescriber(IStringLocalizer<IdentityResource> localizer) : IdentityErrorDescriber
{
    private IdentityError Error(string code, string key, params object[] arguments) => new() { Code = code, Description = localizer[key, arguments] };

    public override IdentityError DefaultError() => Error(nameof(DefaultError), "IdentityError.Default");
    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), "IdentityError.ConcurrencyFailure");
    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), "IdentityError.PasswordMismatch");
    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), "IdentityError.InvalidToken");
    public override IdentityError RecoveryCodeRedemptionFailed() => Error(nameof(RecoveryCodeRedemptionFailed), "IdentityError.RecoveryCodeRedemptionFailed");
    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), "IdentityError.InvalidEmail", userName ?? "");
    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), "IdentityError.InvalidEmail", email ?? "");
    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), "IdentityError.DuplicateEmail", userName);
    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), "IdentityError.DuplicateEmail", email);
    public override IdentityError UserAlreadyHasPassword() => Error(nameof(UserAlreadyHasPassword), "IdentityError.UserAlreadyHasPassword");
    public override IdentityError UserLockoutNotEnabled() => Error(nameof(UserLockoutNotEnabled), "IdentityError.Default");
    public override IdentityError UserAlreadyInRole(string role) => Error(nameof(UserAlreadyInRole), "IdentityError.UserAlreadyInRole", role);
    public override IdentityError UserNotInRole(string role) => Error(nameof(UserNotInRole), "IdentityError.UserNotInRole", role);
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), "Password.TooShort", length);
}
