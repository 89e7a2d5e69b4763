using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;

namespace Consortium.Portal.Platform.Web;

/// <summary>
/// Headers that tell the browser what this site may do: run only its own scripts, talk only to itself, never be framed,
/// keep referrers short, and use no camera, microphone or location.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// An <see cref="HttpContext.Items"/> key: a stricter policy an endpoint wants instead of the portal's (a file shown
    /// inline runs in a sandbox, for example).
    /// </summary>
    public const string EndpointPolicyItem = "portal:content-security-policy";

    /// <summary>
    /// An <see cref="HttpContext.Items"/> key: the response may be shown in a frame of the portal's own pages (a PDF in
    /// the document preview), so X-Frame-Options says SAMEORIGIN; its own policy must say frame-ancestors 'self'.
    /// </summary>
    public const string SameOriginFramingItem = "portal:same-origin-framing";

    public const string PermissionsPolicy =
        "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), " +
        "microphone=(), midi=(), payment=(), publickey-credentials-get=(), usb=(), xr-spatial-tracking=()";

    /// <summary>
    /// The Content-Security-Policy of a request. Blazor Server needs no eval and no inline script; MudBlazor sets
    /// inline styles; the interactive circuit is a WebSocket to this same host, named explicitly because older
    /// browsers do not count ws:/wss: as 'self'. The API documentation page's inline scripts carry the nonce Scalar
    /// made for the request.
    /// </summary>
    public static string ContentSecurityPolicy(HttpContext context)
    {
        var request = context.Request;
        var host = request.Host.HasValue ? request.Host.Value : null;
        var sockets = host is null ? "" : request.IsHttps ? $" wss://{host}" : $" ws://{host} wss://{host}";
        var nonce = context.Items.TryGetValue(ScalarOptions.NonceHttpContextItemKey, out var value) && value is string n ? $" 'nonce-{n}'" : "";
        return "default-src 'self'; " +
               $"script-src 'self'{nonce}; " +
               "style-src 'self' 'unsafe-inline'; " +
               "img-src 'self' data:; " +
               "font-src 'self' data:; " +
               $"connect-src 'self'{sockets}; " +
               "object-src 'none'; " +
               "frame-ancestors 'none'; " +
               "base-uri 'self'; " +
               "form-action 'self'";
    }

    /// <summary>Puts the headers on every response, error responses included (they are set as the response starts).</summary>
    public static IApplicationBuilder UsePortalSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            // Set, not added: Blazor's endpoints write a looser frame-ancestors policy of their own.
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = context.Items.TryGetValue(EndpointPolicyItem, out var own) && own is string policy
                ? policy
                : ContentSecurityPolicy(context);
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = context.Items.ContainsKey(SameOriginFramingItem) ? "SAMEORIGIN" : "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = PermissionsPolicy;
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        return next(context);
    });

    /// <summary>
    /// Strict-Transport-Security as the framework's HSTS middleware would send it (its options, its excluded hosts), but
    /// set as the response starts: that middleware sets it on arrival, and the error handling clears a failed request's
    /// headers, so a 503 went out without it.
    /// </summary>
    public static IApplicationBuilder UsePortalHsts(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<IOptions<HstsOptions>>().Value;
        var value = $"max-age={(long)options.MaxAge.TotalSeconds}"
                    + (options.IncludeSubDomains ? "; includeSubDomains" : "")
                    + (options.Preload ? "; preload" : "");
        return app.Use((context, next) =>
        {
            if (context.Request.IsHttps && !options.ExcludedHosts.Contains(context.Request.Host.Host, StringComparer.OrdinalIgnoreCase))
            {
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers.StrictTransportSecurity = value;
                    return Task.CompletedTask;
                });
            }
            return next(context);
        });
    }
}
