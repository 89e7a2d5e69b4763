using Consortium.Portal.Identity.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Identity.Security;

/// <summary>
/// ASVS 5.0 password rules beyond Identity's minimum length: an upper limit, no common password (the shipped list)
/// and nothing made of the user's own e-mail address or name. There are no composition rules on purpose.
/// </summary>
internal sealed class PortalPasswordValidator(IStringLocalizer<IdentityResource> localizer) : IPasswordValidator<PortalUser>
{
    public const string TooLongCode = "PasswordTooLong";
    public const string CommonCode = "PasswordTooCommon";
    public const string PersonalCode = "PasswordContainsPersonalData";

    private readonly CommonPasswordList _list = CommonPasswordList.Default;

    public Task<IdentityResult> ValidateAsync(UserManager<PortalUser> manager, PortalUser user, string? password)
        => Task.FromResult(Validate(user, password));

    internal IdentityResult Validate(PortalUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return IdentityResult.Success; // Identity's own length rule reports an empty password.
        }
        if (password.Length > PasswordRules.MaximumLength)
        {
            return Fail(TooLongCode, localizer["Password.TooLong", PasswordRules.MaximumLength]);
        }
        if (_list.IsCommon(password))
        {
            return Fail(CommonCode, localizer["Password.TooCommon"]);
        }
        if (ContainsPersonalData(user, password))
        {
            return Fail(PersonalCode, localizer["Password.Personal"]);
        }
        return IdentityResult.Success;
    }

    private static bool ContainsPersonalData(PortalUser user, string password)
    {
        var lower = Fold(password);
        var compact = Compact(lower);
        var email = Fold(user.Email ?? user.UserName ?? "");
        if (email.Length > 0)
        {
            var localPart = email.Split('@')[0];
            if (lower.Contains(email, StringComparison.Ordinal)
                || (localPart.Length >= 4 && (lower.Contains(localPart, StringComparison.Ordinal) || compact.Contains(Compact(localPart), StringComparison.Ordinal))))
            {
                return true;
            }
        }
        var nameParts = Fold(user.DisplayName ?? "")
            .Split([' ', '-', '.', '\''], StringSplitOptions.RemoveEmptyEntries);
        var wholeName = string.Concat(nameParts);
        if (wholeName.Length >= 4 && compact.Contains(wholeName, StringComparison.Ordinal))
        {
            return true;
        }
        // A password that is nothing but one of the user's names with digits or symbols around it.
        var letters = new string(lower.Where(char.IsLetter).ToArray());
        return nameParts.Any(part => part.Length >= 3 && letters == part)
               || (letters.Length > 0 && nameParts.Any(part => part.Length >= 3 && CommonPasswordList.IsRepetition(letters, out var unit) && unit == part));
    }

    /// <summary>Lower case without diacritics, so "Petrovic" matches the name "Petrović".</summary>
    private static string Fold(string value)
    {
        var decomposed = value.ToLowerInvariant().Replace('đ', 'd').Normalize(System.Text.NormalizationForm.FormD);
        return new string(decomposed.Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark).ToArray())
            .Normalize(System.Text.NormalizationForm.FormC);
    }

    private static string Compact(string value) => new(value.Where(char.IsLetterOrDigit).ToArray());

    private static IdentityResult Fail(string code, string description)
        => IdentityResult.Failed(new IdentityError { Code = code, Description = description });
}
