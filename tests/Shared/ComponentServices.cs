using Consortium.Portal.Platform.Components;
using Consortium.Portal.Platform.Localization;
using Consortium.Portal.Platform.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MudBlazor.Services;

namespace Consortium.Portal.Tests;

/// <summary>
/// What every component test of a module page needs before its own services: MudBlazor, the key localizer (a string
/// shows its key, so a test finds it without a language), the signed-in person and what the pages read from them
/// (linked into the module test projects with <see cref="SignedInUser"/>).
/// </summary>
internal static class ComponentServices
{
    public static IServiceCollection AddPortalComponentBasics(this IServiceCollection services, Func<ICurrentUser> signedIn)
    {
        services.AddMudServices();
        services.AddSingleton(typeof(IStringLocalizer<>), typeof(KeyLocalizer<>));
        services.AddSingleton<IStringLocalizerFactory, KeyLocalizerFactory>();
        services.AddScoped(_ => signedIn());
        services.AddScoped<CurrentPrincipal>();
        services.AddScoped<UserTimeZone>();
        // The dialog of the pages' UnsavedChangesGuard, on the test's own dialog service.
        services.AddScoped<LeavePrompt>();
        return services;
    }
}
