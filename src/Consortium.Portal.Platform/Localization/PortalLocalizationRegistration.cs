using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Localization;

namespace Consortium.Portal.Platform.Localization;

public static class PortalLocalizationRegistration
{
    /// <summary>
    /// The modules' JSON texts behind <c>IStringLocalizer&lt;T&gt;</c>, the request culture (culture cookie, then the
    /// signed-in user's choice, then Accept-Language; English by default) and the user's time zone.
    /// </summary>
    public static IServiceCollection AddPortalLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.TryAddSingleton<LocalizedTexts>();
        services.Replace(ServiceDescriptor.Singleton<IStringLocalizerFactory, PortalStringLocalizerFactory>());
        services.Configure<RequestLocalizationOptions>(ConfigureRequestCulture);
        services.TryAddScoped<UserTimeZone>();
        // Before AddMudServices, which adds MudBlazor's own localizer only where none is registered.
        services.Replace(ServiceDescriptor.Transient<MudBlazor.MudLocalizer, PortalMudLocalizer>());
        return services;
    }

    private static void ConfigureRequestCulture(RequestLocalizationOptions options)
    {
        // The portal's own formats (PortalCultureFormats): the middleware hands requests these very instances.
        var cultures = PortalCultures.All.Select(PortalCultureFormats.Get).ToList();
        // The default too: a visitor who sends no language (a crawler, a calendar program) gets the portal's English with
        // day-month-year dates, not .NET's plain "en" with US ones.
        options.DefaultRequestCulture = new RequestCulture(PortalCultureFormats.Get(PortalCultures.Default));
        options.SupportedCultures = cultures;
        options.SupportedUICultures = cultures;
        options.FallBackToParentCultures = true;
        options.FallBackToParentUICultures = true;
        options.ApplyCurrentCultureToResponseHeaders = true;
        options.RequestCultureProviders =
        [
            new CookieRequestCultureProvider { CookieName = CultureSelection.CookieName },
            new UserClaimRequestCultureProvider(),
            new SerbianAwareAcceptLanguageProvider(),
        ];
    }
}
