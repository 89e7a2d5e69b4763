namespace Consortium.Portal.Platform.Localization;

/// <summary>
/// Remembers a signed-in user's choices across devices. Implemented by the module that owns users (Identity);
/// when no module registers one, a choice lives only in the browser's cookie.
/// </summary>
public interface IUserPreferenceStore
{
    /// <param name="culture">One of <see cref="PortalCultures.All"/>.</param>
    Task SetCultureAsync(Guid userId, string culture);
}
