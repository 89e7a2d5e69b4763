using Consortium.Portal.Platform.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.Platform.Tests.Web;

/// <summary><c>Portal:PublicBaseUrl</c> is read one way (<see cref="PublicPages"/>) by every module that writes links.</summary>
public sealed class PublicBaseUrlTests
{
    private static IConfiguration Settings(string? publicBaseUrl)
        => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [PublicPages.PublicBaseUrlSetting] = publicBaseUrl }).Build();

    private static HttpContext Request(IConfiguration configuration)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddSingleton(configuration).BuildServiceProvider() };
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("portal.internal:8443");
        return context;
    }

    [Theory]
    [InlineData("https://portal.kspag.example/", "https://portal.kspag.example")]
    [InlineData("https://portal.kspag.example/portal", "https://portal.kspag.example/portal")]
    public void A_configured_address_wins_everywhere_without_its_trailing_slash(string configured, string expected)
    {
        var settings = Settings(configured);

        Assert.Equal(expected, PublicPages.ConfiguredPublicBaseUrl(settings));
        Assert.Equal(expected, PublicPages.PublicBaseUrl(settings));
        Assert.Equal(expected, PublicPages.PublicBaseUrl(Request(settings)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Without_one_a_request_uses_its_own_address_and_a_job_the_development_server(string? configured)
    {
        var settings = Settings(configured);

        Assert.Null(PublicPages.ConfiguredPublicBaseUrl(settings));
        Assert.Equal("https://portal.internal:8443", PublicPages.PublicBaseUrl(Request(settings)));
        Assert.Equal(PublicPages.DefaultPublicBaseUrl, PublicPages.PublicBaseUrl(settings));
    }
}
