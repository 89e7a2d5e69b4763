using System.Globalization;
using System.Text;
using Consortium.Portal.Identity;
using Consortium.Portal.Platform.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

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
    /// <summary>How long a browser or proxy may keep a public page.</summary>
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(1);

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

    /// <summary>The filter as given; a value that is not one of the library's is refused (400) rather than ignored.</summary>
    internal static LibraryFilter? FilterOf(HttpRequest request)
    {
        var q = request.Query;
        Audience? audience = null;
        if (q["audience"].ToString() is { Length: > 0 } a)
        {
            if (!Enum.TryParse<Audience>(a, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(a, out _))
            {
                return null;
            }
            audience = parsed;
        }
        var language = q["language"].ToString() is { Length: > 0 } l ? l : null;
        if (language is not null && !TrainingConsts.Languages.Contains(language))
        {
            return null;
        }
        int? activity = null;
        if (q["activity"].ToString() is { Length: > 0 } n)
        {
            if (!int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed is < TrainingConsts.FirstActivity or > TrainingConsts.LastActivity)
            {
                return null;
            }
            activity = parsed;
        }
        var sort = MaterialSort.Newest;
        if (q["sort"].ToString() is { Length: > 0 } s && (!Enum.TryParse(s, ignoreCase: true, out sort) || !Enum.IsDefined(sort) || int.TryParse(s, out _)))
        {
            return null;
        }
        var topic = q["topic"].ToString() is { Length: > 0 and <= TrainingConsts.MaxTopicLength } t ? t : null;
        var partner = q["partner"].ToString() is { Length: > 0 and <= 16 } p ? p : null;
        return new LibraryFilter(topic, audience, language, partner, activity, sort);
    }

    private static async Task<IResult> ListPageAsync(HttpContext context, PublicLibrary library, IUserDirectory users, CancellationToken ct)
    {
        if (FilterOf(context.Request) is not { } filter)
        {
            return Results.BadRequest();
        }
        var parameters = new Dictionary<string, object?>
        {
            ["Entries"] = await library.ListAsync(filter, ct),
            ["Filter"] = filter,
            ["Topics"] = await library.TopicsAsync(ct),
            ["Partners"] = await users.GetPartnersAsync(ct),
        };
        return await HtmlAsync<LibraryListView>(context, parameters);
    }

    private static async Task<IResult> PageAsync(string slug, HttpContext context, PublicLibrary library, CancellationToken ct)
    {
        if (await library.FindAsync(slug, ct) is not { } entry)
        {
            return Results.NotFound();
        }
        return await HtmlAsync<LibraryMaterialView>(context, new Dictionary<string, object?> { ["Entry"] = entry });
    }

    private static async Task<IResult> CollectionPageAsync(string slug, HttpContext context, PublicLibrary library, CancellationToken ct)
    {
        if (await library.CollectionAsync(slug, ct) is not { } collection)
        {
            return Results.NotFound();
        }
        return await HtmlAsync<LibraryCollectionView>(context, new Dictionary<string, object?> { ["Collection"] = collection });
    }

    /// <summary>A public file material's latest version, streamed from the Documents module and counted; a link is followed.</summary>
    private static async Task<IResult> DownloadAsync(string slug, HttpContext context, PublicLibrary library, CancellationToken ct)
    {
        if (await library.FindMaterialAsync(slug, ct) is not { } material)
        {
            return Results.NotFound();
        }
        if (material.Url is { } url)
        {
            return Results.Redirect(url);
        }
        var content = await library.OpenAsync(material, ct);
        if (content is null)
        {
            return Results.NotFound();
        }
        context.Response.RegisterForDisposeAsync(content);
        PublicPages.SetCacheControl(context, CacheLifetime);
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

    private static async Task<IResult> HtmlAsync<TView>(HttpContext context, Dictionary<string, object?> parameters) where TView : Microsoft.AspNetCore.Components.IComponent
    {
        // The pages speak the reader's language (cookie or Accept-Language), so caches keep one copy per language.
        context.Response.Headers.Vary = "Accept-Language, Cookie";
        var html = await PublicPages.RenderAsync<TView>(context, parameters, CultureInfo.CurrentUICulture);
        return PublicPages.Cached(context, CacheLifetime, Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8");
    }
}
