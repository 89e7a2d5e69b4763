using System.Security.Claims;
using Consortium.Portal.Platform.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Primitives;

namespace Consortium.Portal.Platform.Localization;

/// <summary>
/// The language a signed-in user chose (the <c>portal:culture</c> claim, remembered by their account), so that it
/// follows them to a browser that has no culture cookie yet, ahead of what that browser asks for.
/// </summary>
public sealed class UserClaimRequestCultureProvider : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var user = httpContext.User;
        var culture = user.Identity?.IsAuthenticated == true ? PortalCultures.Normalize(user.FindFirstValue(PortalClaimTypes.Culture)) : null;
        return Task.FromResult(culture is null ? NullProviderCultureResult.Result : new ProviderCultureResult(culture));
    }
}

/// <summary>
/// Accept-Language, reading a plain "sr" or "sr-RS" as Serbian Cyrillic: browsers name Serbian in Latin script
/// "sr-Latn", and without a script the language's default script, Cyrillic, is meant.
/// </summary>
public sealed class SerbianAwareAcceptLanguageProvider : AcceptLanguageHeaderRequestCultureProvider
{
    public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var result = await base.DetermineProviderCultureResult(httpContext);
        if (result is null)
        {
            return null;
        }
        var cultures = result.UICultures.Select(c => IsSerbianWithoutScript(c) ? new StringSegment(PortalCultures.SerbianCyrillic) : c).ToList();
        return new ProviderCultureResult(cultures, cultures);
    }

    private static bool IsSerbianWithoutScript(StringSegment culture)
    {
        var parts = culture.Value?.Split('-') ?? [];
        return parts.Length > 0 && parts[0].Equals("sr", StringComparison.OrdinalIgnoreCase)
            && !parts.Skip(1).Any(p => p.Equals("Latn", StringComparison.OrdinalIgnoreCase) || p.Equals("Cyrl", StringComparison.OrdinalIgnoreCase));
    }
}
