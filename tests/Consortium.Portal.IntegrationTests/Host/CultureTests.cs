using System.Net;
using System.Net.Http.Headers;
using Consortium.Portal.IntegrationTests.Infrastructure;

namespace Consortium.Portal.IntegrationTests.Host;

/// <summary>The culture picker's switch, and how the portal chooses the language of a request.</summary>
public abstract class CultureTests<TPortal>(HostPortal<TPortal> host)
    where TPortal : PortalAppFactory, new()
{
    [Fact]
    public async Task Choosing_Albanian_sets_the_culture_cookie_and_the_next_page_is_in_Albanian()
    {
        var client = host.CreateClient();

        var switched = await client.GetAsync("/culture/set?culture=sq&returnUrl=%2Fnot-found");

        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/not-found", switched.Headers.Location!.OriginalString);
        var cookie = Assert.Single(switched.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-Portal.Culture=", StringComparison.Ordinal));
        Assert.Contains("c%3Dsq%7Cuic%3Dsq", cookie);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);

        var html = await (await client.GetAsync("/not-found")).PageAsync(HttpStatusCode.OK);
        Assert.Equal("sq", HostResponses.HtmlLang(html));
        Assert.Contains("Faqja nuk u gjet", HostResponses.VisibleText(html));
    }

    [Fact]
    public async Task Serbian_Cyrillic_pages_are_the_Serbian_Latin_texts_transliterated()
    {
        var client = host.CreateClient();

        await client.GetAsync("/culture/set?culture=sr-Cyrl&returnUrl=%2F");
        var html = await (await client.GetAsync("/not-found")).PageAsync(HttpStatusCode.OK);

        Assert.Equal("sr-Cyrl", HostResponses.HtmlLang(html));
        Assert.Contains("Страница није пронађена", HostResponses.VisibleText(html));
    }

    [Theory]
    [InlineData("culture=tlh&returnUrl=%2F", "culture")]
    [InlineData("returnUrl=%2F", "culture")]
    [InlineData("culture=sq&returnUrl=https%3A%2F%2Fevil.example%2F", "returnUrl")]
    [InlineData("culture=sq&returnUrl=%2F%2Fevil.example", "returnUrl")]
    [InlineData("culture=sq&returnUrl=%2F%5Cevil.example", "returnUrl")]
    public async Task An_unknown_culture_or_a_return_address_off_the_site_is_refused_and_changes_nothing(string query, string field)
    {
        var response = await host.CreateClient().GetAsync("/culture/set?" + query);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}");
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task A_signed_in_user_s_choice_is_remembered_for_their_account()
    {
        var user = TestUser.Member();
        var client = await host.SignedInClientAsync(user);

        var response = await client.GetAsync("/culture/set?culture=SR-latn&returnUrl=%2F");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains((user.Id, "sr-Latn"), host.Preferences.Cultures);
    }

    [Fact]
    public async Task An_anonymous_choice_lives_only_in_the_cookie()
    {
        var before = host.Preferences.Cultures.Count;

        var response = await host.CreateClient().GetAsync("/culture/set?culture=sq&returnUrl=%2F");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(before, host.Preferences.Cultures.Count);
    }

    [Fact]
    public async Task Without_a_choice_the_browser_s_language_is_used_and_English_is_the_default()
    {
        var albanian = host.CreateClient();
        albanian.DefaultRequestHeaders.AcceptLanguage.ParseAdd("sq-AL,sq;q=0.9,en;q=0.5");
        var german = host.CreateClient();
        german.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-DE");

        Assert.Equal("sq", HostResponses.HtmlLang(await (await albanian.GetAsync("/not-found")).PageAsync(HttpStatusCode.OK)));
        Assert.Equal("en", HostResponses.HtmlLang(await (await german.GetAsync("/not-found")).PageAsync(HttpStatusCode.OK)));
    }

    [Fact]
    public async Task A_browser_asking_for_Serbian_without_a_script_gets_Cyrillic()
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("sr-RS,sr;q=0.9");

        var html = await (await client.GetAsync("/not-found")).PageAsync(HttpStatusCode.OK);

        Assert.Equal("sr-Cyrl", HostResponses.HtmlLang(html));
    }

    [Fact]
    public async Task The_signed_in_user_s_language_wins_over_the_browser_s()
    {
        var client = await host.SignedInClientAsync(TestUser.Member(culture: "sr-Latn"));
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("sq"));

        var html = await (await client.GetAsync("/not-found")).PageAsync(HttpStatusCode.OK);

        Assert.Equal("sr-Latn", HostResponses.HtmlLang(html));
        Assert.Contains("Stranica nije pronađena", HostResponses.VisibleText(html));
    }

    [Fact]
    public async Task A_choice_made_in_this_browser_wins_over_the_signed_in_user_s_language()
    {
        var client = await host.SignedInClientAsync(TestUser.Member(culture: "sr-Latn"));

        await client.GetAsync("/culture/set?culture=sq&returnUrl=%2F");
        var html = await (await client.GetAsync("/not-found")).PageAsync(HttpStatusCode.OK);

        Assert.Equal("sq", HostResponses.HtmlLang(html));
    }

    [Fact]
    public async Task Statically_rendered_pages_offer_every_language_as_a_link_back_to_the_same_page()
    {
        var html = await (await host.CreateClient().GetAsync("/error")).PageAsync(HttpStatusCode.OK);

        foreach (var culture in new[] { "en", "sq", "sr-Latn", "sr-Cyrl" })
        {
            Assert.Contains($"href=\"/culture/set?culture={culture}&amp;returnUrl=%2Ferror\"", html);
        }
        Assert.Contains("Српски (ћирилица)", HostResponses.VisibleText(html));
    }
}

[Collection(HostCollections.Sqlite)]
public sealed class CultureTests_Sqlite(HostPortal<SqlitePortal> host) : CultureTests<SqlitePortal>(host);

[Collection(HostCollections.PostgreSql)]
public sealed class CultureTests_PostgreSql(HostPortal<PostgreSqlPortal> host) : CultureTests<PostgreSqlPortal>(host);
