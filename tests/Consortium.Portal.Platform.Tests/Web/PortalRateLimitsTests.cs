using System.Net;
using System.Net.Http.Json;
using Consortium.Portal.Platform.Localization;
using Consortium.Portal.Platform.Modularity;
using Consortium.Portal.Platform.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Consortium.Portal.Platform.Tests.Web;

/// <summary>
/// The one rate limit of the modules (README, module guide): counted per client address or the module's key, reads are
/// free, and a rejected client gets 429 with Retry-After and the policy's own text in its language.
/// </summary>
public sealed class PortalRateLimitsTests : IAsyncLifetime
{
    private sealed class TextsResource;

    private sealed class TextsModule : PortalModule
    {
        public override string Name => "Texts";
        public override ModuleLocalization? Localization => new(typeof(TextsResource), typeof(TextsModule).Assembly, "Localization/RateLimitTexts");
    }

    private const string Submit = "texts.submit";
    private const string PerKey = "texts.per-key";

    private WebApplication app = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(new ModuleCatalog([new TextsModule()]));
        builder.Services.AddPortalLocalization();
        builder.Services.AddProblemDetails();
        builder.Services.AddPortalRateLimit<TextsResource>(Submit, "TooManyTries", _ => new RateLimitWindow(2, TimeSpan.FromMinutes(1)));
        builder.Services.AddPortalRateLimit<TextsResource>(PerKey, "TooManyForAccount", _ => new RateLimitWindow(1, TimeSpan.FromMinutes(1)),
            context => context.Request.Headers["X-Account"].ToString());
        app = builder.Build();
        app.UseRequestLocalization();
        app.UseRateLimiter();
        app.MapPost("/api/submit", () => "done").RequireRateLimiting(Submit);
        app.MapMethods("/submit", [HttpMethods.Get, HttpMethods.Post], () => "done").RequireRateLimiting(Submit);
        app.MapPost("/api/per-key", () => "done").RequireRateLimiting(PerKey);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await app.DisposeAsync();
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string language = "en", string? account = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.AcceptLanguage.ParseAdd(language);
        if (account is not null)
        {
            request.Headers.Add("X-Account", account);
        }
        return client.SendAsync(request);
    }

    [Theory]
    [InlineData("en", "Too many tries. Wait a minute.")]
    [InlineData("sq", "Shumë përpjekje. Prisni një minutë.")]
    [InlineData("sr-Latn", "Previše pokušaja. Sačekajte minut.")]
    [InlineData("sr-Cyrl", "Превише покушаја. Сачекајте минут.")]
    public async Task Beyond_the_limit_the_api_answers_429_problem_in_the_readers_language_with_Retry_After(string language, string title)
    {
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Post, "/api/submit", language)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Post, "/api/submit", language)).StatusCode);

        var refused = await SendAsync(HttpMethod.Post, "/api/submit", language);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Equal(429, problem!.Status);
        Assert.Equal(title, problem.Title);
        var retryAfter = int.Parse(Assert.Single(refused.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
    }

    [Fact]
    public async Task A_page_gets_a_small_titled_html_answer_and_reading_the_form_is_never_counted()
    {
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "/submit", "sq")).StatusCode);
        }
        await SendAsync(HttpMethod.Post, "/submit", "sq");
        await SendAsync(HttpMethod.Post, "/submit", "sq");

        var refused = await SendAsync(HttpMethod.Post, "/submit", "sq");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("text/html", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(refused.Headers.Contains("Retry-After"));
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"sq\">", html);
        Assert.Contains("<title>Shumë përpjekje. Prisni një minutë.</title>", html);
        Assert.Contains("<h1>Shumë përpjekje. Prisni një minutë.</h1>", html);
        // A read after the refusal still passes: only changes are limited.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "/submit", "sq")).StatusCode);
    }

    [Fact]
    public async Task Each_policy_counts_on_its_own_by_its_own_key_and_answers_in_its_own_words()
    {
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Post, "/api/per-key", account: "ardita")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Post, "/api/per-key", account: "bekim")).StatusCode);
        // Another policy's count from the same address is untouched.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Post, "/api/submit")).StatusCode);

        var refused = await SendAsync(HttpMethod.Post, "/api/per-key", account: "ardita");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("Too many for this account.", (await refused.Content.ReadFromJsonAsync<ProblemDetails>())!.Title);
    }

    [Fact]
    public void A_policy_added_twice_stops_the_start()
    {
        var services = new ServiceCollection().AddPortalRateLimit<TextsResource>(Submit, "TooManyTries", _ => new RateLimitWindow(1, TimeSpan.FromSeconds(1)));
        services.AddPortalRateLimit<TextsResource>(Submit, "Title", _ => new RateLimitWindow(1, TimeSpan.FromSeconds(1)));

        using var provider = services.BuildServiceProvider();

        Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<PortalRateLimitTexts>>().Value);
    }
}
