using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace Consortium.Portal.Platform.Web;

/// <summary>
/// What the public pages without sign-in share (the publication catalogue, the training library, public events): a component
/// rendered once on the server to HTML (no circuit, no script), and answers with a strong ETag of their bytes and a
/// public Cache-Control, 304 when the client already has them.
/// </summary>
public static class PublicPages
{
    /// <summary>The setting of the address people use to reach the portal (behind a proxy it is not the request's own).</summary>
    public const string PublicBaseUrlSetting = "Portal:PublicBaseUrl";

    /// <summary>Where links point when nothing is configured and no request tells the address: the development server.</summary>
    public const string DefaultPublicBaseUrl = "http://localhost:5080";

    /// <summary>
    /// The one reading of <c>Portal:PublicBaseUrl</c>, without a trailing slash; null when it is not set (a caller that can
    /// write a relative link, or knows the request, decides what then).
    /// </summary>
    public static string? ConfiguredPublicBaseUrl(IConfiguration configuration)
        => configuration[PublicBaseUrlSetting] is { Length: > 0 } configured ? configured.TrimEnd('/') : null;

    /// <summary>The portal's address as links in public pages write it: <c>Portal:PublicBaseUrl</c>, else the request's own.</summary>
    public static string PublicBaseUrl(HttpContext context)
        => ConfiguredPublicBaseUrl(context.RequestServices.GetRequiredService<IConfiguration>())
           ?? $"{context.Request.Scheme}://{context.Request.Host}".TrimEnd('/');

    /// <summary>
    /// The portal's address outside a request (e-mails sent by jobs, invitations): <c>Portal:PublicBaseUrl</c>, else
    /// <see cref="DefaultPublicBaseUrl"/>.
    /// </summary>
    public static string PublicBaseUrl(IConfiguration configuration) => ConfiguredPublicBaseUrl(configuration) ?? DefaultPublicBaseUrl;

    /// <summary>Renders a component to HTML once, on the server, in <paramref name="culture"/>: no circuit is opened.</summary>
    public static async Task<string> RenderAsync<TComponent>(HttpContext context, IDictionary<string, object?> parameters, CultureInfo culture)
        where TComponent : IComponent
    {
        await using var renderer = new HtmlRenderer(context.RequestServices, context.RequestServices.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var (previous, previousUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
            try
            {
                var output = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters));
                return output.ToHtmlString();
            }
            finally
            {
                (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (previous, previousUi);
            }
        });
    }

    /// <summary>The bytes with a strong ETag of their hash and a public Cache-Control of <paramref name="lifetime"/>; 304 when the client has them.</summary>
    public static IResult Cached(HttpContext context, TimeSpan lifetime, byte[] body, string contentType)
        => Cached(context, lifetime, body, contentType, ETagOf(body));

    /// <summary>The strong ETag of <paramref name="body"/>: the start of its SHA-256.</summary>
    public static EntityTagHeaderValue ETagOf(byte[] body)
        => new("\"" + Convert.ToHexStringLower(SHA256.HashData(body))[..32] + "\"");

    /// <summary>As <see cref="Cached(HttpContext, TimeSpan, byte[], string)"/> with the ETag already known (a kept answer's).</summary>
    public static IResult Cached(HttpContext context, TimeSpan lifetime, byte[] body, string contentType, EntityTagHeaderValue etag)
    {
        SetCacheControl(context, lifetime);
        context.Response.Headers.ETag = etag.ToString();
        return NotModified(context, etag) ? Results.StatusCode(StatusCodes.Status304NotModified) : Results.Bytes(body, contentType);
    }

    /// <summary>
    /// A public list page in the reader's language (so caches keep one copy per language). When its query had values the
    /// list does not know (<see cref="PublicFilterReader"/>), the page, which names them, is a 400 that is never cached;
    /// otherwise it is <see cref="Cached"/>.
    /// </summary>
    public static IResult ListPage(HttpContext context, TimeSpan lifetime, string html, IReadOnlyList<PublicFilterError> errors)
    {
        context.Response.Headers.Vary = "Accept-Language, Cookie";
        if (errors.Count == 0)
        {
            return Cached(context, lifetime, System.Text.Encoding.UTF8.GetBytes(html), HtmlContentType);
        }
        context.Response.Headers.CacheControl = "no-store";
        return Results.Content(html, HtmlContentType, System.Text.Encoding.UTF8, StatusCodes.Status400BadRequest);
    }

    public const string HtmlContentType = "text/html; charset=utf-8";

    public static void SetCacheControl(HttpContext context, TimeSpan lifetime)
        => context.Response.Headers.CacheControl = $"public, max-age={(int)lifetime.TotalSeconds}";

    /// <summary>Whether the request's If-None-Match already names <paramref name="etag"/> (or any).</summary>
    public static bool NotModified(HttpContext context, EntityTagHeaderValue etag)
        => EntityTagHeaderValue.TryParseList(context.Request.Headers.IfNoneMatch.OfType<string>().ToList(), out var tags)
           && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(etag, useStrongComparison: false));
}
