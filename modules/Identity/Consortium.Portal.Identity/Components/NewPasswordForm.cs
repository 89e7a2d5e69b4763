using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Identity.Components;

/// <summary>A new password typed twice (reset, invitation). Strength is Identity's validators' business.</summary>
public sealed class NewPasswordForm
{
    public string? DisplayName { get; set; }
    public string? Password { get; set; }
    public string? ConfirmPassword { get; set; }

    /// <summary>What is wrong before the validators run, or null.</summary>
    public string? CheckedPassword(IStringLocalizer localizer)
    {
        if (string.IsNullOrEmpty(Password))
        {
            return localizer["Validation.PasswordRequired"].Value;
        }
        return Password == ConfirmPassword ? null : localizer["Password.Mismatch"].Value;
    }
}
