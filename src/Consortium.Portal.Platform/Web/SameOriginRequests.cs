using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace Consortium.Portal.Platform.Web;

/// <summary>
/// The portal's defence against cross-site request forgery on the API, the hubs and the Blazor circuit: a state-changing
/// request (any method but GET, HEAD, OPTIONS, TRACE) and every WebSocket handshake must come from the portal's own
/// pages. The browser says where a request comes from in headers no script can set: <c>Sec-Fetch-Site</c> must be
/// <c>same-origin</c>; without it, <c>Origin</c> must be one of the portal's own origins (the request's own, that of
/// <c>Portal:PublicBaseUrl</c>, those of <c>Security:AllowedOrigins</c>). Anything else is refused with a 403 problem
/// before routing, so no endpoint of any module runs.
/// </summary>
/// <remarks>
/// A request with neither header passes: every browser the portal supports sends <c>Origin</c> with every request
/// whose method is not GET or HEAD and with every WebSocket handshake (the Fetch standard, RFC 6455), and also
/// <c>Sec-Fetch-Site</c>; so a request without both was not made by a browser on another site's behalf. It was made
/// by a program that holds the cookie itself (the test clients, the load benchmark), which forgery is not. The
/// session cookies are <c>SameSite=Lax</c> as well, so even a browser too old to send either header does not attach
/// them to another site's POST.
/// </remarks>
public static class SameOriginRequests
{
    public const string AllowedOriginsSetting = "Security:AllowedOrigins";

    public static IApplicationBuilder UsePortalSameOriginRequests(this IApplicationBuilder app)
    {
        var configuration = app.ApplicationServices.GetRequiredService<IConfiguration>();
        var configured = ConfiguredOrigins(configuration);
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SameOriginRequests).FullName!);
        return app.Use(async (context, next) =>
        {
            if (IsGuarded(context.Request) && !ComesFromThePortal(context.Request, configured))
            {
                logger.LogWarning("Refused a {Method} request to {Path} from another origin ({Origin}, Sec-Fetch-Site {FetchSite})",
                    context.Request.Method, context.Request.Path.Value, context.Request.Headers.Origin.ToString(),
                    context.Request.Headers["Sec-Fetch-Site"].ToString());
                var text = context.RequestServices.GetRequiredService<IStringLocalizerFactory>().Create(typeof(PlatformResource));
                var (title, detail) = ExceptionProblems.InRequestCulture(context,
                    () => ((string)text["Problem.Forbidden.Title"], (string)text["Problem.CrossOrigin.Detail"]));
                await StatusProblems.WriteAsync(context, StatusCodes.Status403Forbidden, title, detail,
                    new Dictionary<string, object?> { ["code"] = "Request.CrossOrigin" });
                return;
            }
            await next(context);
        });
    }

    /// <summary>State-changing requests to the API, the hubs and the Blazor circuit, and every WebSocket handshake.</summary>
    public static bool IsGuarded(HttpRequest request)
    {
        if (IsWebSocketHandshake(request))
        {
            return true;
        }
        var safe = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
                   || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method);
        return !safe && (PortalRequests.IsApi(request) || request.Path.StartsWithSegments("/_blazor"));
    }

    private static bool IsWebSocketHandshake(HttpRequest request)
        => request.Headers.Upgrade.Any(u => u is not null && u.Contains("websocket", StringComparison.OrdinalIgnoreCase))
           || request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpExtendedConnectFeature>() is { IsExtendedConnect: true };

    public static bool ComesFromThePortal(HttpRequest request, IReadOnlyCollection<string> configuredOrigins)
    {
        var fetchSite = request.Headers["Sec-Fetch-Site"];
        if (fetchSite.Count > 0)
        {
            return fetchSite.Count == 1 && string.Equals(fetchSite[0], "same-origin", StringComparison.OrdinalIgnoreCase);
        }
        var origin = request.Headers.Origin;
        if (origin.Count == 0)
        {
            return true; // not a browser: see the remarks
        }
        if (origin.Count > 1 || Normalize(origin[0]) is not { } claimed)
        {
            return false; // "null" (a sandboxed or privacy-stripped page), or not an origin at all
        }
        return claimed == Normalize($"{request.Scheme}://{request.Host}") || configuredOrigins.Contains(claimed);
    }

    /// <summary>The origins of <c>Portal:PublicBaseUrl</c> (the address people use behind a proxy) and <c>Security:AllowedOrigins</c>.</summary>
    public static IReadOnlyCollection<string> ConfiguredOrigins(IConfiguration configuration)
    {
        var origins = new HashSet<string>(StringComparer.Ordinal);
        var candidates = configuration.GetSection(AllowedOriginsSetting).GetChildren().Select(c => c.Value)
            .Concat((configuration[AllowedOriginsSetting] ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries))
            .Append(configuration[PublicPages.PublicBaseUrlSetting]);
        foreach (var candidate in candidates)
        {
            if (Normalize(candidate) is { } origin)
            {
                origins.Add(origin);
            }
        }
        return origins;
    }

    /// <summary>"scheme://host[:port]" in lower case with the default port left out; null for anything that is not an http(s) origin.</summary>
    public static string? Normalize(string? origin)
    {
        if (string.IsNullOrWhiteSpace(origin) || !Uri.TryCreate(origin.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.Host.Length == 0)
        {
            return null;
        }
        return uri.IsDefaultPort ? $"{uri.Scheme}://{uri.IdnHost}".ToLowerInvariant() : $"{uri.Scheme}://{uri.IdnHost}:{uri.Port}".ToLowerInvariant();
    }
}
