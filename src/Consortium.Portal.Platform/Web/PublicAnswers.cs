using System.Globalization;
using System.Security.Cryptography;
using Consortium.Portal.Platform.Caching;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace Consortium.Portal.Platform.Web;

/// <summary>What a public answer is made of before it is kept: its bytes, their type and its status (200, or 400 for a list whose filter was not understood).</summary>
public sealed record PublicAnswer(byte[] Body, string ContentType, int StatusCode = StatusCodes.Status200OK)
{
    public static PublicAnswer Html(string html, int statusCode = StatusCodes.Status200OK)
        => new(System.Text.Encoding.UTF8.GetBytes(html), PublicPages.HtmlContentType, statusCode);
}

/// <summary>
/// The public pages' answers kept in <see cref="PortalCache"/>, so that a page read over and over is queried and rendered
/// once per change rather than once per request (issue 16: rendering and querying per request kept every public page at
/// 0.001–0.03 of the bare endpoint). An answer is kept under the request's path, query, UI culture and the public base
/// URL its links are written with, and under the module's tag: a save the module declared
/// (<see cref="CacheInvalidationRegistration.InvalidateCacheOnSave{TEntity}"/>) drops it at once, so an item that stops
/// being public is gone from the next answer on this instance. Nothing user-specific is in these pages (their
/// Cache-Control is public: a proxy already shares them between readers).
/// </summary>
public static class PublicAnswers
{
    private sealed record Key(string Path, string Query, string Culture, string BaseUrl);

    private sealed record Kept(byte[] Body, string ContentType, int StatusCode, EntityTagHeaderValue ETag);

    /// <summary>
    /// The answer kept for this request, or the one <paramref name="produce"/> makes (null: 404, not kept). A 200 is kept
    /// for <paramref name="lifetime"/> and answered with its strong ETag, a public Cache-Control and 304 when the client
    /// has it; any other status is never kept and is sent with <c>no-store</c>.
    /// </summary>
    public static async Task<IResult> AnswerAsync(HttpContext context, string tag, TimeSpan lifetime,
        Func<CancellationToken, Task<PublicAnswer?>> produce)
    {
        var cache = context.RequestServices.GetRequiredService<PortalCache>();
        var key = new Key(context.Request.Path.Value ?? "", context.Request.QueryString.Value ?? "",
            CultureInfo.CurrentUICulture.Name, PublicPages.PublicBaseUrl(context));
        var kept = await cache.GetOrReadAsync<Kept?>(key, tag, lifetime, async (read, ct) =>
        {
            var answer = await produce(ct);
            // Only the addresses without a query are kept: the pages and the unfiltered lists, a number bounded by the
            // public items. Each new query string would be a new entry of a whole page, and anyone can make query strings
            // without end; the cache counts entries, not bytes, so they would fill it with pages.
            if (answer is null || answer.StatusCode != StatusCodes.Status200OK || context.Request.QueryString.HasValue)
            {
                read.DoNotKeep();
            }
            return answer is null ? null : new Kept(answer.Body, answer.ContentType, answer.StatusCode, PublicPages.ETagOf(answer.Body));
        }, context.RequestAborted);
        if (kept is null)
        {
            return Results.NotFound();
        }
        if (kept.StatusCode != StatusCodes.Status200OK)
        {
            context.Response.Headers.CacheControl = "no-store";
            return new StatusBytes(kept.Body, kept.ContentType, kept.StatusCode);
        }
        return PublicPages.Cached(context, lifetime, kept.Body, kept.ContentType, kept.ETag);
    }

    /// <summary>
    /// A public list page through <see cref="AnswerAsync"/>, in the reader's language (caches keep one copy per language):
    /// when its query had values the list does not know (<see cref="PublicFilterReader"/>), the page, which names them, is
    /// a 400 that is never kept.
    /// </summary>
    public static Task<IResult> ListPageAsync(HttpContext context, string tag, TimeSpan lifetime,
        Func<CancellationToken, Task<(string Html, IReadOnlyList<PublicFilterError> Errors)>> render)
    {
        context.Response.Headers.Vary = "Accept-Language, Cookie";
        return AnswerAsync(context, tag, lifetime, async ct =>
        {
            var (html, errors) = await render(ct);
            return PublicAnswer.Html(html, errors.Count == 0 ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
        });
    }

    private sealed class StatusBytes(byte[] body, string contentType, int statusCode) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = statusCode;
            httpContext.Response.ContentType = contentType;
            httpContext.Response.ContentLength = body.Length;
            return httpContext.Response.Body.WriteAsync(body).AsTask();
        }
    }
}
