using System.Globalization;
using Consortium.Portal.Platform.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Consortium.Portal.Training.Public;

public static class PublicLibraryPaths
{
    public const string List = "/library";

    public static string Material(string slug) => $"/library/{slug}";

    public static string Download(string slug) => $"/library/{slug}/download";

    public static string Collection(string slug) => $"/library/collections/{slug}";

    public static string CollectionZip(string slug) => $"/library/collections/{slug}/download";
}

/// <summary>
/// The public library, without sign-in: pages rendered once on the server (no circuit, no script) and downloads. Only
/// public materials exist here: a material in the consortium or in review answers 404, by slug or by file, exactly as
/// what never existed does.
/// </summary>
internal static class PublicLibraryEndpoints
{
    public static IEndpointRouteBuilder MapPublicLibraryEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var pages = endpoints.MapGroup(PublicLibraryPaths.List).AllowAnonymous().ExcludeFromDescription();
        pages.MapGet("", ListPageAsync);
        pages.MapGet("/{slug}", PageAsync);
        pages.MapGet("/{slug}/download", DownloadAsync);
        pages.MapGet("/collections/{slug}", CollectionPageAsync);
        pages.MapGet("/collections/{slug}/download", CollectionZipAsync);
        return endpoints;
    }

    /// <summary>
    /// The filter as given. A value that is not one of the library's is left out and named in <paramref name="errors"/>,
    /// so the page answers 400 with a message rather than quietly ignoring it.
    /// </summary>
    internal static LibraryFilter FilterOf(HttpRequest request, out IReadOnlyList<PublicFilterError> errors)
    {
        var q = new PublicFilterReader(request.Query);
        var filter = new LibraryFilter(
            q.Text("topic", TrainingConsts.MaxTopicLength),
            q.Enum<Audience>("audience"),
            q.OneOf("language", TrainingConsts.Languages),
            q.Text("partner", MaxPartnerShortNameLength),
            q.Number("activity", TrainingConsts.FirstActivity, TrainingConsts.LastActivity),
            q.Enum<MaterialSort>("sort") ?? MaterialSort.Newest,
            // The Platform's paging rules (IPagedQuery): a page from 1, a size up to the list's cap; other values are named.
            q.Number("page", 1, int.MaxValue / LibraryFilter.MaxPageSize)?.ToString(CultureInfo.InvariantCulture),
            q.Number("pageSize", 1, LibraryFilter.MaxPageSize)?.ToString(CultureInfo.InvariantCulture));
        errors = q.Errors;
        return filter;
    }

    private const int MaxPartnerShortNameLength = 16;

    // The reads (PublicLibrary and what it needs: DbContexts, the user directory, document storage) are resolved inside
    // the answer's production, only when no kept answer serves the request: resolving them cost a kept answer 2 ms of
    // CPU, ten times the rest of its request (issue 16, build/bench/RESULTS.md).
    private static async Task<IResult> ListPageAsync(HttpContext context, IOptions<TrainingOptions> options)
        => await PublicAnswers.ListPageAsync(context, PublicLibrary.CacheTag, options.Value.PublicCacheLifetime, async ct =>
        {
            var library = context.RequestServices.GetRequiredService<PublicLibrary>();
            var filter = FilterOf(context.Request, out var errors);
            var parameters = new Dictionary<string, object?>
            {
                ["Entries"] = await library.ListAsync(filter, ct),
                ["Filter"] = filter,
                ["Errors"] = errors,
                ["Topics"] = await library.TopicsAsync(ct),
                ["Partners"] = await library.PartnersAsync(ct),
                ["CountLag"] = options.Value.PublicCacheLifetime,
            };
            return (await PublicPages.RenderAsync<LibraryListView>(context, parameters, CultureInfo.CurrentUICulture), errors);
        }, await KeptAsAsync(context));

    /// <summary>The first pages kept of a filtered list (page numbers beyond are read each time: few readers go there).</summary>
    internal const int KeptFilteredPages = 3;

    /// <summary>
    /// The filter in one spelling, under which the filtered list page is kept (<see cref="PublicAnswers.ListPageAsync"/>);
    /// null, not kept, unless every value in it is one the library offers: a topic of its topic list (exactly as listed:
    /// the filter compares topics exactly), a partner it names, one of the first pages in the default size, and newest
    /// first (a most-used order changes with each download, which drops nothing). A visitor's free text is read, never kept.
    /// </summary>
    internal static async Task<string?> KeptAsAsync(HttpContext context)
    {
        var filter = FilterOf(context.Request, out var errors);
        var page = filter.Resolved;
        if (errors.Count > 0 || filter.Sort != MaterialSort.Newest || page.Page > KeptFilteredPages || page.PageSize != LibraryFilter.DefaultPageSize)
        {
            return null;
        }
        if (filter.Topic is not null || filter.Partner is not null)
        {
            var library = context.RequestServices.GetRequiredService<PublicLibrary>();
            if (filter.Topic is { } topic && !(await library.TopicsAsync(context.RequestAborted)).Contains(topic.Trim(), StringComparer.Ordinal))
            {
                return null;
            }
            if (filter.Partner is { } partner
                && !(await library.PartnersAsync(context.RequestAborted)).Any(p => string.Equals(p.ShortName, partner, StringComparison.OrdinalIgnoreCase)))
            {
                return null;
            }
        }
        return string.Create(CultureInfo.InvariantCulture,
            $"topic={filter.Topic?.Trim()}&audience={filter.Audience}&language={filter.Language}&partner={filter.Partner?.ToUpperInvariant()}&activity={filter.Activity}&page={page.Page}");
    }

    private static Task<IResult> PageAsync(string slug, HttpContext context, IOptions<TrainingOptions> options)
        => HtmlAsync<LibraryMaterialView>(context, options.Value, async ct
            => await context.RequestServices.GetRequiredService<PublicLibrary>().FindAsync(slug, ct) is { } entry ? new Dictionary<string, object?> { ["Entry"] = entry } : null);

    private static Task<IResult> CollectionPageAsync(string slug, HttpContext context, IOptions<TrainingOptions> options)
        => HtmlAsync<LibraryCollectionView>(context, options.Value, async ct
            => await context.RequestServices.GetRequiredService<PublicLibrary>().CollectionAsync(slug, ct) is { } collection ? new Dictionary<string, object?> { ["Collection"] = collection } : null);

    /// <summary>A public file material's latest version, streamed from the Documents module and counted; a link is followed.</summary>
    private static async Task<IResult> DownloadAsync(string slug, HttpContext context, PublicLibrary library, IOptions<TrainingOptions> options, CancellationToken ct)
    {
        if (await library.FindMaterialAsync(slug, ct) is not { } material)
        {
            return Results.NotFound();
        }
        if (material.Url is { } url)
        {
            // An opened link is a use as a download is: counted, so "most used" ranks links and files alike.
            await library.CountAsync(material, ct);
            return Results.Redirect(url);
        }
        var content = await library.OpenAsync(material, ct);
        if (content is null)
        {
            return Results.NotFound();
        }
        context.Response.RegisterForDisposeAsync(content);
        PublicPages.SetCacheControl(context, options.Value.PublicCacheLifetime);
        // A file the public downloads never runs anything of the portal's origin, whatever its type.
        context.Response.Headers["X-Content-Type-Options"] = "nosniff";
        return Results.File(content.Content, content.Version.ContentType, content.DownloadName, enableRangeProcessing: true);
    }

    private static async Task<IResult> CollectionZipAsync(string slug, HttpContext context, PublicLibrary library, CancellationToken ct)
    {
        if (await library.FindCollectionAsync(slug, ct) is not { } found)
        {
            return Results.NotFound();
        }
        return Results.Stream(output => library.WriteZipAsync(found.Materials, output, context.RequestAborted), "application/zip", found.Collection.Slug + ".zip");
    }

    /// <summary>A page kept as <see cref="PublicAnswers"/> keeps it; <paramref name="parametersOf"/> null: 404.</summary>
    private static Task<IResult> HtmlAsync<TView>(HttpContext context, TrainingOptions options, Func<CancellationToken, Task<Dictionary<string, object?>?>> parametersOf)
        where TView : Microsoft.AspNetCore.Components.IComponent
    {
        // The pages speak the reader's language (cookie or Accept-Language), so caches keep one copy per language.
        context.Response.Headers.Vary = "Accept-Language, Cookie";
        return PublicAnswers.AnswerAsync(context, PublicLibrary.CacheTag, options.PublicCacheLifetime, async ct
            => await parametersOf(ct) is { } parameters
                ? PublicAnswer.Html(await PublicPages.RenderAsync<TView>(context, parameters, CultureInfo.CurrentUICulture))
                : null);
    }
}
