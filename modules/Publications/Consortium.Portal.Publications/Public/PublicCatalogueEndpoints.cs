using System.Globalization;
using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using Consortium.Portal.Documents;
using Consortium.Portal.Identity;
using Consortium.Portal.Platform;
using Consortium.Portal.Platform.Domain;
using Consortium.Portal.Platform.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Consortium.Portal.Publications.Public;

public static class PublicCataloguePaths
{
    public const string List = "/catalogue";
    public const string Sitemap = "/catalogue/sitemap.xml";
    public const string Api = "/api/catalogue/publications";

    public static string Page(string language, string slug) => $"/catalogue/{language}/{slug}";

    public static string Download(string language, string slug) => $"/catalogue/{language}/{slug}/download";

    public static string Citation(string language, string slug, string format) => $"/catalogue/{language}/{slug}/citation.{format}";

    public static string Feed(string language) => $"/catalogue/{language}/feed.atom";
}

/// <summary>
/// The public catalogue, without sign-in: pages rendered once on the server (no circuit, no script), citations, Atom
/// feeds, a sitemap, downloads and a JSON API for the consortium's website. Every answer carries an ETag of its bytes
/// and Cache-Control; a matching If-None-Match gets 304. Whatever is not published answers 404, exactly as what never
/// existed does.
/// </summary>
internal static class PublicCatalogueEndpoints
{
    public static IEndpointRouteBuilder MapPublicCatalogueEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var pages = endpoints.MapGroup("/catalogue").AllowAnonymous().ExcludeFromDescription();
        pages.MapGet("", ListPageAsync);
        pages.MapGet("/sitemap.xml", SitemapAsync);
        pages.MapGet("/{language}/feed.atom", FeedAsync);
        pages.MapGet("/{language}/{slug}", PageAsync);
        pages.MapGet("/{language}/{slug}/citation.{format}", CitationAsync);
        pages.MapGet("/{language}/{slug}/download", DownloadAsync);

        var api = endpoints.MapGroup(PublicCataloguePaths.Api).AllowAnonymous().WithTags("Catalogue");
        api.MapGet("", ListJsonAsync).WithName("ListPublicPublications")
            .WithSummary("Published publications, newest first; filters type, partner (short name), language, year");
        api.MapGet("/{slug}", OneJsonAsync).WithName("GetPublicPublication").WithSummary("One published publication; 404 for anything not published");
        return endpoints;
    }

    private static bool IsLanguage(string language) => PublicationsConsts.Languages.Contains(language);

    /// <summary>
    /// The filter as given. A value that is not one of the catalogue's is left out and named in <paramref name="errors"/>,
    /// so the page and the API answer 400 rather than quietly ignoring it.
    /// </summary>
    private static CatalogueFilter FilterOf(HttpRequest request, out IReadOnlyList<PublicFilterError> errors)
    {
        var q = new PublicFilterReader(request.Query);
        var filter = new CatalogueFilter(q.Enum<PublicationType>("type"), q.Text("partner", MaxPartnerShortNameLength),
            q.OneOf("language", PublicationsConsts.Languages), q.Number("year", FirstYear, LastYear));
        errors = q.Errors;
        return filter;
    }

    private const int MaxPartnerShortNameLength = 16;
    private const int FirstYear = 2000;
    private const int LastYear = 2200;

    // The reads (PublicCatalogue, the user directory and their DbContexts) are resolved inside the answer's production,
    // only when no kept answer serves the request: resolving them per request cost more CPU than a kept answer's whole
    // request (issue 16, build/bench/RESULTS.md).
    private static Task<IResult> ListPageAsync(HttpContext context, IOptions<PublicationsOptions> options)
        => PublicAnswers.ListPageAsync(context, PublicCatalogue.CacheTag, options.Value.PublicCacheLifetime, async ct =>
        {
            var catalogue = context.RequestServices.GetRequiredService<PublicCatalogue>();
            var users = context.RequestServices.GetRequiredService<IUserDirectory>();
            var filter = FilterOf(context.Request, out var errors);
            var parameters = new Dictionary<string, object?>
            {
                ["Entries"] = await catalogue.ListAsync(filter, ct),
                ["Filter"] = filter,
                ["Errors"] = errors,
                ["Years"] = await catalogue.YearsAsync(ct),
                ["Partners"] = await users.GetPartnersAsync(ct),
                ["BaseUrl"] = PublicPages.PublicBaseUrl(context),
                ["Publisher"] = options.Value.Publisher,
            };
            return (await PublicPages.RenderAsync<CatalogueListView>(context, parameters, CultureInfo.CurrentUICulture), errors);
        });

    private static Task<IResult> PageAsync(string language, string slug, HttpContext context, IOptions<PublicationsOptions> options)
        => PublicAnswers.AnswerAsync(context, PublicCatalogue.CacheTag, options.Value.PublicCacheLifetime, async ct =>
        {
            if (!IsLanguage(language) || await context.RequestServices.GetRequiredService<PublicCatalogue>().FindAsync(slug, language, ct) is not { } entry)
            {
                return null;
            }
            var baseUrl = PublicPages.PublicBaseUrl(context);
            var parameters = new Dictionary<string, object?>
            {
                ["Entry"] = entry,
                ["Language"] = language,
                ["BaseUrl"] = baseUrl,
                ["Publisher"] = options.Value.Publisher,
                ["Citation"] = Citations.PlainText(entry, options.Value.Publisher, baseUrl + PublicCataloguePaths.Page(language, slug)),
            };
            return PublicAnswer.Html(await PublicPages.RenderAsync<CataloguePageView>(context, parameters, PublicCatalogue.CultureOf(language)));
        });

    private static async Task<IResult> CitationAsync(string language, string slug, string format, HttpContext context, PublicCatalogue catalogue, IOptions<PublicationsOptions> options, CancellationToken ct)
    {
        if (!IsLanguage(language) || await catalogue.FindAsync(slug, language, ct) is not { } entry)
        {
            return Results.NotFound();
        }
        var url = PublicPages.PublicBaseUrl(context) + PublicCataloguePaths.Page(language, slug);
        var publisher = options.Value.Publisher;
        var (text, type) = format switch
        {
            "txt" => (Citations.PlainText(entry, publisher, url), "text/plain; charset=utf-8"),
            "bib" => (Citations.BibTex(entry, publisher, url), "application/x-bibtex; charset=utf-8"),
            "ris" => (Citations.Ris(entry, publisher, url), "application/x-research-info-systems; charset=utf-8"),
            _ => (null, null),
        };
        if (text is null)
        {
            return Results.NotFound();
        }
        var disposition = new ContentDispositionHeaderValue("inline");
        disposition.SetHttpFileName($"{slug}.{format}");
        context.Response.Headers.ContentDisposition = disposition.ToString();
        return PublicPages.Cached(context, options.Value.PublicCacheLifetime, Encoding.UTF8.GetBytes(text), type!);
    }

    private static Task<IResult> FeedAsync(string language, HttpContext context, IOptions<PublicationsOptions> options)
        => PublicAnswers.AnswerAsync(context, PublicCatalogue.CacheTag, options.Value.PublicCacheLifetime, async ct => IsLanguage(language)
            ? await FeedOfAsync(language, context, context.RequestServices.GetRequiredService<PublicCatalogue>(), options, ct)
            : null);

    private static async Task<PublicAnswer> FeedOfAsync(string language, HttpContext context, PublicCatalogue catalogue, IOptions<PublicationsOptions> options, CancellationToken ct)
    {
        var entries = await catalogue.ListAsync(CatalogueFilter.None with { Language = language }, ct);
        var baseUrl = PublicPages.PublicBaseUrl(context);
        var texts = context.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizerFactory>().Create(typeof(PublicationsResource));
        var culture = PublicCatalogue.CultureOf(language);
        string title;
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = culture;
            title = $"{options.Value.Publisher}: {texts["Catalogue.Title"].Value} ({texts["Language." + language].Value})";
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
        var feed = new SyndicationFeed(title, null, new Uri(baseUrl + PublicCataloguePaths.List + "?language=" + language), baseUrl + PublicCataloguePaths.Feed(language),
            entries.Count == 0 ? DateTimeOffset.UnixEpoch : entries.Max(e => new DateTimeOffset(e.PublishedOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)))
        {
            Language = language,
            Items = entries.Select(e =>
            {
                var link = baseUrl + PublicCataloguePaths.Page(language, e.Slug);
                var item = new SyndicationItem(e.Title, e.Summary ?? e.Title, new Uri(link), link,
                    new DateTimeOffset(e.PublishedOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero))
                {
                    PublishDate = new DateTimeOffset(e.PublishedOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
                };
                foreach (var author in e.Authors)
                {
                    item.Authors.Add(new SyndicationPerson { Name = author });
                }
                foreach (var tag in e.Tags)
                {
                    item.Categories.Add(new SyndicationCategory(tag));
                }
                return item;
            }).ToList(),
        };
        feed.Links.Add(new SyndicationLink(new Uri(baseUrl + PublicCataloguePaths.Feed(language)), "self", title, "application/atom+xml", 0));
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            new Atom10FeedFormatter(feed).WriteTo(writer);
        }
        return new PublicAnswer(buffer.ToArray(), "application/atom+xml; charset=utf-8");
    }

    private static async Task<IResult> SitemapAsync(HttpContext context, PublicCatalogue catalogue, IOptions<PublicationsOptions> options, CancellationToken ct)
    {
        var baseUrl = PublicPages.PublicBaseUrl(context);
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        xml.Append("  <url><loc>").Append(System.Security.SecurityElement.Escape(baseUrl + PublicCataloguePaths.List)).Append("</loc></url>\n");
        foreach (var entry in await catalogue.ListAsync(CatalogueFilter.None, ct))
        {
            foreach (var file in entry.Files)
            {
                xml.Append("  <url><loc>").Append(System.Security.SecurityElement.Escape(baseUrl + PublicCataloguePaths.Page(file.Language, entry.Slug)))
                    .Append("</loc><lastmod>").Append(entry.PublishedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append("</lastmod></url>\n");
            }
        }
        xml.Append("</urlset>\n");
        return PublicPages.Cached(context, options.Value.PublicCacheLifetime, Encoding.UTF8.GetBytes(xml.ToString()), "application/xml; charset=utf-8");
    }

    /// <summary>The final file, streamed from the Documents module: only the version pinned when it was published.</summary>
    private static async Task<IResult> DownloadAsync(string language, string slug, HttpContext context, PublicCatalogue catalogue, IDocumentFiles documents,
        IOptions<PublicationsOptions> options, CancellationToken ct)
    {
        if (!IsLanguage(language) || await catalogue.FileAsync(slug, language, ct) is not { } file)
        {
            return Results.NotFound();
        }
        var etag = new EntityTagHeaderValue($"\"{file.Sha256}\"");
        if (PublicPages.NotModified(context, etag))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }
        var content = await documents.OpenAsync(file.DocumentId, file.VersionNumber, ct);
        if (content is null)
        {
            return Results.NotFound();
        }
        context.Response.RegisterForDisposeAsync(content);
        PublicPages.SetCacheControl(context, options.Value.PublicCacheLifetime);
        // A file the public downloads never runs anything of the portal's origin, whatever its type.
        context.Response.Headers["X-Content-Type-Options"] = "nosniff";
        return Results.File(content.Content, file.ContentType, file.FileName, entityTag: etag, enableRangeProcessing: true);
    }

    private static async Task<IResult> ListJsonAsync(HttpContext context, PublicCatalogue catalogue, IOptions<PublicationsOptions> options, CancellationToken ct)
    {
        var filter = FilterOf(context.Request, out var errors);
        if (errors.Count > 0)
        {
            // The Platform's validation problem, in the reader's language, like every other refused input of the API.
            var text = context.RequestServices.GetRequiredService<IStringLocalizer<PlatformResource>>();
            throw new RequestValidationException(errors.ToDictionary(e => e.Parameter, e => new[] { text["Public:BadFilterValue", e.Value].Value }));
        }
        var baseUrl = PublicPages.PublicBaseUrl(context);
        var entries = (await catalogue.ListAsync(filter, ct)).Select(e => ToJson(e, baseUrl)).ToList();
        return PublicPages.Cached(context, options.Value.PublicCacheLifetime, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(entries, JsonOptions), "application/json; charset=utf-8");
    }

    private static async Task<IResult> OneJsonAsync(string slug, HttpContext context, PublicCatalogue catalogue, IOptions<PublicationsOptions> options, CancellationToken ct)
    {
        if (await catalogue.FindAsync(slug, null, ct) is not { } entry)
        {
            return Results.NotFound();
        }
        return PublicPages.Cached(context, options.Value.PublicCacheLifetime, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(ToJson(entry, PublicPages.PublicBaseUrl(context)), JsonOptions), "application/json; charset=utf-8");
    }

    private static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new(System.Text.Json.JsonSerializerDefaults.Web);

    /// <summary>The consortium website's view of a publication: absolute links to its pages and files in each language.</summary>
    private static PublicPublicationJson ToJson(CatalogueEntry e, string baseUrl) => new(e.Slug, e.Type.ToString(), e.Title, e.Summary, e.Tags, e.Authors,
        e.Partners.Select(p => p.ShortName).ToList(), e.PublishedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), e.Outlet, e.OutletUrl, e.Activity,
        e.Files.Select(f => new PublicFileJson(f.Language, baseUrl + PublicCataloguePaths.Page(f.Language, e.Slug), baseUrl + PublicCataloguePaths.Download(f.Language, e.Slug),
            f.FileName, f.Size, f.ContentType)).ToList());
}

public sealed record PublicPublicationJson(string Slug, string Type, string Title, string? Summary, IReadOnlyList<string> Tags, IReadOnlyList<string> Authors,
    IReadOnlyList<string> Partners, string PublishedOn, string? Outlet, string? OutletUrl, int Activity, IReadOnlyList<PublicFileJson> Files);

public sealed record PublicFileJson(string Language, string PageUrl, string DownloadUrl, string FileName, long Size, string ContentType);
