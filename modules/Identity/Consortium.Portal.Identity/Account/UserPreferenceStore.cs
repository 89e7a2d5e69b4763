using Consortium.Portal.Identity.Domain;
using Consortium.Portal.Platform.Localization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;

namespace Consortium.Portal.Identity.Account;

/// <summary>
/// Keeps the language a user picked on their account, so it follows them to every device; the session's culture
/// claim is refreshed at once so the next page already uses it.
/// </summary>
internal sealed class UserPreferenceStore(UserManager<PortalUser> users, SignInManager<PortalUser> signIn, IHttpContextAccessor httpContextAccessor)
    : IUserPreferenceStore
{
    public async Task SetCultureAsync(Guid userId, string culture)
    {
        if (!PortalCultures.All.Contains(culture))
        {
            throw new ArgumentException($"'{culture}' is not a language of the portal.", nameof(culture));
        }
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null || user.PreferredCulture == culture)
        {
            return;
        }
        user.PreferredCulture = culture;
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
        if (httpContextAccessor.HttpContext?.User.Identity?.IsAuthenticated == true && users.GetUserId(httpContextAccessor.HttpContext.User) == user.Id.ToString())
        {
            await signIn.RefreshSignInAsync(user);
        }
    }
}
