using System.Security.Claims;
using Consortium.Portal.Platform.Localization;
using Consortium.Portal.Platform.Security;
using Microsoft.AspNetCore.Http;

namespace Consortium.Portal.Platform.Tests.Localization;

public sealed class RequestCultureTests
{
    private static HttpContext Request(ClaimsPrincipal? user = null, string? acceptLanguage = null)
    {
        var context = new DefaultHttpContext { User = user ?? new ClaimsPrincipal(new ClaimsIdentity()) };
        if (acceptLanguage is not null)
        {
            context.Request.Headers.AcceptLanguage = acceptLanguage;
        }
        return context;
    }

    private static ClaimsPrincipal SignedIn(string culture)
        => new(new ClaimsIdentity([new Claim(PortalClaimTypes.Culture, culture)], "test"));

    [Fact]
    public async Task A_signed_in_user_s_culture_claim_names_the_culture()
    {
        var result = await new UserClaimRequestCultureProvider().DetermineProviderCultureResult(Request(SignedIn("sr-latn")));

        Assert.Equal("sr-Latn", Assert.Single(result!.UICultures).Value);
    }

    [Fact]
    public async Task An_anonymous_request_or_an_unsupported_claim_names_none()
    {
        var provider = new UserClaimRequestCultureProvider();
        var anonymous = new ClaimsPrincipal(new ClaimsIdentity([new Claim(PortalClaimTypes.Culture, "sq")]));

        Assert.Null(await provider.DetermineProviderCultureResult(Request(anonymous)));
        Assert.Null(await provider.DetermineProviderCultureResult(Request(SignedIn("de"))));
    }

    [Fact]
    public async Task Serbian_without_a_script_is_read_as_Cyrillic_and_other_languages_pass_through()
    {
        var result = await new SerbianAwareAcceptLanguageProvider().DetermineProviderCultureResult(Request(acceptLanguage: "sr-RS,sr-Latn;q=0.9,sq;q=0.8"));

        Assert.Equal(["sr-Cyrl", "sr-Latn", "sq"], result!.UICultures.Select(c => c.Value!));
    }

    [Theory]
    [InlineData("/", true)]
    [InlineData("/documents/42?tab=versions", true)]
    [InlineData("~/documents", true)]
    [InlineData("//evil.example/", false)]
    [InlineData("/\\evil.example", false)]
    [InlineData("https://evil.example/", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("/docs\r\nSet-Cookie: x=1", false)]
    [InlineData("", false)]
    public void Only_addresses_on_this_site_are_return_addresses(string url, bool local)
        => Assert.Equal(local, CultureSelection.IsLocalUrl(url));
}
