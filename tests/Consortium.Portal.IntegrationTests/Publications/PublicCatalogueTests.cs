using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Consortium.Portal.Identity;
using Consortium.Portal.IntegrationTests.Documents;
using Consortium.Portal.IntegrationTests.Infrastructure;
using Consortium.Portal.Publications;
using Consortium.Portal.Publications.Api;
using Consortium.Portal.Publications.Domain;
using Consortium.Portal.Publications.Public;
using Consortium.Portal.Workspaces;

namespace Consortium.Portal.IntegrationTests.Publications;

/// <summary>The public catalogue as someone without an account meets it, and what it never tells.</summary>
public abstract class PublicCatalogueTests<TPortal, TDatabase>(TPortal portal) : IClassFixture<TPortal>
    where TPortal : PublicationsPortal<TDatabase>
    where TDatabase : PortalAppFactory, new()
{
    private readonly HttpClient _public = portal.Anonymous();

    private async Task<Publication> InStateAsync(PublicationState state, IReadOnlyList<string>? languages = null, string? title = null,
        PublicationType type = PublicationType.OpEd, ConsortiumPartners.Partner? partner = null, DateOnly? publishedOn = null)
    {
        var author = portal.NewPerson("Arta Krasniqi", partner ?? ConsortiumPartners.Bprg);
        var workspace = portal.Workspaces.New((author.Id, WorkspaceRole.Editor));
        var manuscript = portal.Documents.Add(workspace, "final.md", "The text of the final file, " + Guid.NewGuid());
        return await PublicationsSetUp.InStateAsync(portal.App.Services, state, workspace, manuscript, author.Id, (partner ?? ConsortiumPartners.Bprg).Id,
            languages, title ?? "Catalogue " + Guid.NewGuid().ToString("N")[..10], type, publishedOn: publishedOn);
    }

    private async Task<string> TextAsync(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await _public.GetAsync(url);
        Assert.Equal(expected, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task A_publications_page_in_each_language_is_rendered_on_the_server_with_its_card_and_downloads_and_no_circuit()
    {
        var p = await InStateAsync(PublicationState.Published, ["en", "sq"], title: "Normalisation, town by town");

        var english = await TextAsync(PublicCataloguePaths.Page("en", p.Slug!));
        var albanian = await TextAsync(PublicCataloguePaths.Page("sq", p.Slug!));

        Assert.Contains("<meta property=\"og:title\" content=\"Normalisation, town by town\"", english);
        Assert.Contains("<meta property=\"og:type\" content=\"article\"", english);
        Assert.Contains($"og:url\" content=\"https://localhost{PublicCataloguePaths.Page("en", p.Slug!)}\"", english);
        Assert.Contains(PublicCataloguePaths.Download("sq", p.Slug!), english);
        Assert.Contains("hreflang=\"sq\"", english);
        Assert.DoesNotContain("blazor", english, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", english, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<html lang=\"sq\"", albanian);
        Assert.Contains("Si të citohet", System.Net.WebUtility.HtmlDecode(albanian));
        Assert.Contains("How to cite", english);
    }

    [Fact]
    public async Task Every_answer_carries_an_etag_and_cache_control_and_a_matching_if_none_match_gets_304()
    {
        var p = await InStateAsync(PublicationState.Published);
        foreach (var url in new[] { PublicCataloguePaths.Page("en", p.Slug!), PublicCataloguePaths.Feed("en"), PublicCataloguePaths.Sitemap, PublicCataloguePaths.List,
                     PublicCataloguePaths.Api, $"{PublicCataloguePaths.Api}/{p.Slug}", PublicCataloguePaths.Citation("en", p.Slug!, "bib"), PublicCataloguePaths.Download("en", p.Slug!) })
        {
            var first = await _public.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.True(first.Headers.ETag is not null, url);
            Assert.True(first.Headers.CacheControl is { Public: true, MaxAge: not null }, url);

            using var again = new HttpRequestMessage(HttpMethod.Get, url);
            again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
            var second = await _public.SendAsync(again);

            Assert.True(second.StatusCode == HttpStatusCode.NotModified, $"{url}: {(int)second.StatusCode}");
            Assert.Empty(await second.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task A_changed_etag_gets_the_page_again()
    {
        var p = await InStateAsync(PublicationState.Published);
        using var request = new HttpRequestMessage(HttpMethod.Get, PublicCataloguePaths.Page("en", p.Slug!));
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"stale\""));

        Assert.Equal(HttpStatusCode.OK, (await _public.SendAsync(request)).StatusCode);
    }

    [Theory]
    [InlineData(PublicationState.Draft)]
    [InlineData(PublicationState.InApproval)]
    [InlineData(PublicationState.ChangesRequested)]
    [InlineData(PublicationState.Approved)]
    [InlineData(PublicationState.Withdrawn)]
    public async Task Nothing_unpublished_or_withdrawn_leaks_by_id_slug_feed_sitemap_list_or_file(PublicationState state)
    {
        var p = await InStateAsync(state, ["en", "sr"]);
        // A slug exists only once published; for the others, the slug they would get is what someone could guess.
        var slug = p.Slug ?? Consortium.Portal.Platform.Text.Slugs.For(p.Title, p.Id);

        foreach (var url in new[]
                 {
                     PublicCataloguePaths.Page("en", slug), PublicCataloguePaths.Page("sr", slug), PublicCataloguePaths.Download("en", slug),
                     PublicCataloguePaths.Citation("en", slug, "bib"), PublicCataloguePaths.Citation("en", slug, "ris"), PublicCataloguePaths.Citation("en", slug, "txt"),
                     $"{PublicCataloguePaths.Api}/{slug}", $"{PublicCataloguePaths.Api}/{p.Id}", PublicCataloguePaths.Page("en", p.Id.ToString()),
                     PublicCataloguePaths.Download("en", p.Id.ToString()),
                 })
        {
            var response = await _public.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{state} {url}: {(int)response.StatusCode}");
        }
        foreach (var url in new[] { PublicCataloguePaths.Feed("en"), PublicCataloguePaths.Feed("sr"), PublicCataloguePaths.Sitemap, PublicCataloguePaths.List, PublicCataloguePaths.Api })
        {
            var text = await TextAsync(url);
            Assert.DoesNotContain(p.Title, text);
            Assert.DoesNotContain(slug, text);
        }
    }

    [Fact]
    public async Task A_language_the_publication_is_not_in_and_an_unknown_language_are_404()
    {
        var p = await InStateAsync(PublicationState.Published, ["en"]);

        await TextAsync(PublicCataloguePaths.Page("sq", p.Slug!), HttpStatusCode.NotFound);
        await TextAsync(PublicCataloguePaths.Download("sq", p.Slug!), HttpStatusCode.NotFound);
        await TextAsync(PublicCataloguePaths.Page("de", p.Slug!), HttpStatusCode.NotFound);
        await TextAsync(PublicCataloguePaths.Feed("de"), HttpStatusCode.NotFound);
        await TextAsync(PublicCataloguePaths.Citation("en", p.Slug!, "docx"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_citation_comes_as_plain_text_bibtex_and_ris()
    {
        var p = await InStateAsync(PublicationState.Published, title: "Rule of law & security: 100% local", type: PublicationType.ResearchReport,
            publishedOn: new DateOnly(2026, 11, 3));

        var text = await TextAsync(PublicCataloguePaths.Citation("en", p.Slug!, "txt"));
        var bib = await TextAsync(PublicCataloguePaths.Citation("en", p.Slug!, "bib"));
        var ris = await TextAsync(PublicCataloguePaths.Citation("en", p.Slug!, "ris"));

        Assert.Equal($"Arta Krasniqi (2026). Rule of law & security: 100% local. Research report. Kosovo–Serbia Policy Advocacy Group. Koha Ditore. https://localhost/catalogue/en/{p.Slug}", text);
        Assert.StartsWith($"@techreport{{{p.Slug},\n  author = {{Arta Krasniqi}},\n  title = {{Rule of law \\& security: 100\\% local}},", bib);
        Assert.Contains("  year = {2026},", bib);
        Assert.StartsWith("TY  - RPRT\r\nAU  - Arta Krasniqi\r\nTI  - Rule of law & security: 100% local\r\nPY  - 2026\r\nDA  - 2026/11/03\r\n", ris);
        Assert.EndsWith("ER  - \r\n", ris);
    }

    [Fact]
    public async Task The_json_api_filters_by_type_partner_language_and_year()
    {
        var year = 2030 + Random.Shared.Next(0, 100);
        var brief = await InStateAsync(PublicationState.Published, ["sq"], type: PublicationType.PolicyBrief, partner: ConsortiumPartners.Aktiv, publishedOn: new DateOnly(year, 3, 1));
        var oped = await InStateAsync(PublicationState.Published, ["en"], type: PublicationType.OpEd, partner: ConsortiumPartners.Yucom, publishedOn: new DateOnly(year, 6, 1));

        async Task<List<string>> SlugsAsync(string query)
            => (await (await _public.GetAsync($"{PublicCataloguePaths.Api}?year={year}&{query}")).ReadAsync<List<JsonElement>>()).Select(e => e.GetProperty("slug").GetString()!).ToList();

        Assert.Equal([oped.Slug!, brief.Slug!], await SlugsAsync(""));
        Assert.Equal([brief.Slug!], await SlugsAsync("type=PolicyBrief"));
        Assert.Equal([oped.Slug!], await SlugsAsync("partner=YUCOM"));
        Assert.Equal([brief.Slug!], await SlugsAsync("language=sq"));
        Assert.Empty(await SlugsAsync("partner=NOBODY"));
        Assert.Equal(HttpStatusCode.BadRequest, (await _public.GetAsync($"{PublicCataloguePaths.Api}?type=Novel")).StatusCode);
        var one = await (await _public.GetAsync($"{PublicCataloguePaths.Api}/{brief.Slug}")).ReadAsync<JsonElement>();
        Assert.Equal($"https://localhost{PublicCataloguePaths.Download("sq", brief.Slug!)}", one.GetProperty("files")[0].GetProperty("downloadUrl").GetString());
        Assert.Equal(["AKTIV"], one.GetProperty("partners").EnumerateArray().Select(x => x.GetString()));
    }

    [Fact]
    public async Task The_list_page_filters_with_a_plain_form()
    {
        var year = 2130 + Random.Shared.Next(0, 60);
        var p = await InStateAsync(PublicationState.Published, ["sr"], partner: ConsortiumPartners.Bcsp, publishedOn: new DateOnly(year, 1, 2));

        var html = await TextAsync($"{PublicCataloguePaths.List}?language=sr&partner=BCSP&year={year}");

        Assert.Contains(p.Title, html);
        Assert.Contains(PublicCataloguePaths.Page("sr", p.Slug!), html);
        Assert.Contains("<form class=\"filters\" method=\"get\"", html);
        Assert.DoesNotContain(p.Title, await TextAsync($"{PublicCataloguePaths.List}?language=en&year={year}"));
        Assert.Equal(HttpStatusCode.BadRequest, (await _public.GetAsync($"{PublicCataloguePaths.List}?year=abc")).StatusCode);
    }

    [Fact]
    public async Task A_bad_filter_value_shows_the_list_with_a_message_naming_it_in_the_readers_language()
    {
        var year = 2130 + Random.Shared.Next(0, 60);
        var p = await InStateAsync(PublicationState.Published, ["sr"], partner: ConsortiumPartners.Bcsp, publishedOn: new DateOnly(year, 3, 4));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{PublicCataloguePaths.List}?language=sr&partner=BCSP&year=abc");
        request.Headers.AcceptLanguage.ParseAdd("sq");

        var response = await _public.SendAsync(request);
        // The page is HTML-encoded (quotes and letters beyond ASCII as character references): read it as the reader does.
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Contains("“abc” nuk është një nga zgjedhjet e filtrit “Viti”", html);
        // The rest of the page works: the form, and the list for the filters that were right.
        Assert.Contains("<form class=\"filters\" method=\"get\"", html);
        Assert.Contains(p.Title, html);
        var json = await _public.GetAsync($"{PublicCataloguePaths.Api}?year=abc");
        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        var problem = await json.Content.ReadAsStringAsync();
        Assert.Contains("\"year\"", problem);
        // The API's refusal is in words too (the reader sent no language: English), not a fixed English title.
        Assert.Contains("is not one of this filter", problem);
    }

    [Fact]
    public async Task The_download_is_the_pinned_version_of_the_final_file()
    {
        var p = await InStateAsync(PublicationState.Published);

        var response = await _public.GetAsync(PublicCataloguePaths.Download("en", p.Slug!));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("final-en.md", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        Assert.StartsWith("The text of the final file", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_publication_reaches_the_feed_and_the_sitemap_when_published_and_leaves_them_when_withdrawn()
    {
        var author = portal.NewPerson("Arta Krasniqi", ConsortiumPartners.Bprg);
        var workspace = portal.Workspaces.New((author.Id, WorkspaceRole.Editor));
        var manuscript = portal.Documents.Add(workspace, "m.md", "draft");
        var p = await PublicationsSetUp.InStateAsync(portal.App.Services, PublicationState.Approved, workspace, manuscript, author.Id, ConsortiumPartners.Bprg.Id, ["en"],
            title: "Feed " + Guid.NewGuid().ToString("N")[..8]);
        Assert.DoesNotContain(p.Title, await TextAsync(PublicCataloguePaths.Feed("en")));
        var final = portal.Documents.Add(workspace, "final.md", PublicationsSetUp.PassingText("BPRG"));

        var published = await (await author.Client.PostAsJsonAsync($"{PublicationsPaths.Api}/{p.Id}/publish",
            new PublishPublicationRequest([new PublicationFileRequest("en", final, null)], null, null, p.ConcurrencyStamp), DocumentsClient.Json)).ReadAsync<PublicationDto>();

        var feed = XDocument.Parse(await TextAsync(PublicCataloguePaths.Feed("en")));
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var entry = feed.Root!.Elements(atom + "entry").Single(e => e.Element(atom + "title")!.Value == p.Title);
        Assert.Equal($"https://localhost{PublicCataloguePaths.Page("en", published.Slug!)}", entry.Element(atom + "link")!.Attribute("href")!.Value);
        Assert.Contains(PublicCataloguePaths.Page("en", published.Slug!), await TextAsync(PublicCataloguePaths.Sitemap));

        await author.Client.PostAsJsonAsync($"{PublicationsPaths.Api}/{p.Id}/withdraw", new WithdrawPublicationRequest("Retracted", published.ConcurrencyStamp), DocumentsClient.Json);

        Assert.DoesNotContain(p.Title, await TextAsync(PublicCataloguePaths.Feed("en")));
        Assert.DoesNotContain(published.Slug!, await TextAsync(PublicCataloguePaths.Sitemap));
        await TextAsync(PublicCataloguePaths.Page("en", published.Slug!), HttpStatusCode.NotFound);
    }
}

public sealed class PublicCatalogueTests_Sqlite(PublicationsSqlitePortal portal) : PublicCatalogueTests<PublicationsSqlitePortal, SqlitePortal>(portal);

public sealed class PublicCatalogueTests_PostgreSql(PublicationsPostgreSqlPortal portal) : PublicCatalogueTests<PublicationsPostgreSqlPortal, PostgreSqlPortal>(portal);
