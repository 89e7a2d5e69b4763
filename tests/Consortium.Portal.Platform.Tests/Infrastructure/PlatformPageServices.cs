using System.Security.Claims;
using Bunit;
using Consortium.Portal.Platform.Localization;
using Consortium.Portal.Platform.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MudBlazor.Services;

namespace Consortium.Portal.Platform.Tests.Infrastructure;

/// <summary>
/// What a page on <c>PortalComponentBase</c> needs from the circuit, for a bUnit test of the Platform's components: MudBlazor
/// on bUnit's JavaScript, the Platform's texts, and one signed-in person with their time zone.
/// </summary>
internal static class PlatformPageServices
{
    public static void AddPlatformPage(this BunitContext page, string userName)
    {
        page.Services.AddMudServices();
        page.Services.AddSingleton<IStringLocalizer<PlatformResource>, EmbeddedJsonLocalizer>();
        page.Services.AddSingleton<IStringLocalizerFactory, EmbeddedJsonLocalizerFactory>();
        page.Services.AddHttpContextAccessor();
        page.Services.AddScoped(_ => new CurrentPrincipal { Principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, userName)], "test")) });
        page.Services.AddScoped<ICurrentUser, CurrentUser>();
        page.Services.AddScoped<UserTimeZone>();
        page.JSInterop.Mode = JSRuntimeMode.Loose;
    }
}
