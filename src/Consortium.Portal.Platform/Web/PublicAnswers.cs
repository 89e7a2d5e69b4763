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

    /// <summary>When the answer stops being true by the clock alone, with nothing saved (an event's registration closes
    /// at its start): it is kept no longer than that.</summary>
    public DateTimeOffset? TrueUntil { get; init; }
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
    public static Task<IResult> AnswerAsync(HttpContext context, string tag, TimeSpan lifetime,
        Func<CancellationToken, Task<PublicAnswer?>> produce)
        => AnswerAsync(context, tag, lifetime, keptAs: null, produce);

    private static async Task<IResult> AnswerAsync(HttpContext context, string tag, TimeSpan lifetime, string? keptAs,
        Func<CancellationToken, Task<PublicAnswer?>> produce)
    {
        var kept = await KeptAsync(context, tag, lifetime, keptAs, produce);
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
    /// A kept page with one value that must be new in every answer (a public form's time-stamped token: shared between
    /// readers it would tell a robot's instant post from a person's no longer). <paramref name="produce"/> renders the page
    /// with <paramref name="placeholder"/> where the value goes; each answer is the kept bytes with
    /// <paramref name="fill"/>'s value in its place, sent <c>no-store</c> (no ETag: no two answers are the same).
    /// </summary>
    /// <param name="placeholder">ASCII letters and digits only (it must come out of HTML encoding as it went in), found
    /// once in the page.</param>
    public static async Task<IResult> AnswerWithAsync(HttpContext context, string tag, TimeSpan lifetime, string placeholder,
        Func<string> fill, Func<CancellationToken, Task<PublicAnswer?>> produce)
    {
        var kept = await KeptAsync(context, tag, lifetime, keptAs: null, produce);
        if (kept is null)
        {
            return Results.NotFound();
        }
        context.Response.Headers.CacheControl = "no-store";
        var hole = kept.Body.AsSpan().IndexOf(System.Text.Encoding.ASCII.GetBytes(placeholder));
        if (hole < 0)
        {
            return new StatusBytes(kept.Body, kept.ContentType, kept.StatusCode);
        }
        var value = System.Text.Encoding.UTF8.GetBytes(fill());
        var body = new byte[kept.Body.Length - placeholder.Length + value.Length];
        kept.Body.AsSpan(0, hole).CopyTo(body);
        value.CopyTo(body.AsSpan(hole));
        kept.Body.AsSpan(hole + placeholder.Length).CopyTo(body.AsSpan(hole + value.Length));
        return new StatusBytes(body, kept.ContentType, kept.StatusCode);
    }

    /// <param name="keptAs">A filtered list's filter as its module understood it, in one spelling (see
    /// <see cref="ListPageAsync"/>): the answer is kept under it instead of the query string. Null: an address with a
    /// query is never kept.</param>
    private static async Task<Kept?> KeptAsync(HttpContext context, string tag, TimeSpan lifetime, string? keptAs,
        Func<CancellationToken, Task<PublicAnswer?>> produce)
    {
        var cache = context.RequestServices.GetRequiredService<PortalCache>();
        var key = new Key(context.Request.Path.Value ?? "", keptAs ?? context.Request.QueryString.Value ?? "",
            CultureInfo.CurrentUICulture.Name, PublicPages.PublicBaseUrl(context));
        var kept = await cache.GetOrReadAsync<Kept?>(key, tag, lifetime, async (read, ct) =>
        {
            var answer = await produce(ct);
            // Only the addresses without a query are kept (the pages and the unfiltered lists, a number bounded by the
            // public items), and a filtered list its module named in one spelling from values it offers (keptAs). Any
            // other query string would be a new entry of a whole page, and anyone can make query strings without end;
            // the cache counts entries, not bytes, so they would fill it with pages.
            if (answer is null || answer.StatusCode != StatusCodes.Status200OK || (context.Request.QueryString.HasValue && keptAs is null))
            {
                read.DoNotKeep();
            }
            if (answer?.TrueUntil is { } until)
            {
                read.KeepNoLongerThan(until);
            }
            return answer is null ? null : new Kept(answer.Body, answer.ContentType, answer.StatusCode, PublicPages.ETagOf(answer.Body));
        }, context.RequestAborted);
        return kept;
    }

    /// <summary>
    /// A public list page through <see cref="AnswerAsync"/>, in the reader's language (caches keep one copy per language):
    /// when its query had values the list does not know (<see cref="PublicFilterReader"/>), the page, which names them, is
    /// a 400 that is never kept. A filtered list is kept too when the module passes <paramref name="keptAs"/>: its
    /// filter written one way (the same whatever the order or spelling of the query), and only when every value in it
    /// is one the list offers (a topic it lists, a partner it names, a page among the first few) and the page shows
    /// nothing that changes without a save the tag hears of (not a most-used order). The set of kept filtered pages is
    /// then bounded by what the list offers, as the unfiltered pages are by the public items.
    /// </summary>
    public static Task<IResult> ListPageAsync(HttpContext context, string tag, TimeSpan lifetime,
        Func<CancellationToken, Task<(string Html, IReadOnlyList<PublicFilterError> Errors)>> render, string? keptAs = null)
    {
        context.Response.Headers.Vary = "Accept-Language, Cookie";
        return AnswerAsync(context, tag, lifetime, keptAs, async ct =>
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
