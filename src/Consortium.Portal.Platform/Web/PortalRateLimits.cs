using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Consortium.Portal.Platform.Web;

/// <summary>How many counted requests one partition (by default one client address) may make in one window.</summary>
public readonly record struct RateLimitWindow(int PermitLimit, TimeSpan Window);

/// <summary>
/// The one way a module limits how often a client may do something (sign in, register for an event), on the framework's
/// rate limiter the host runs (<c>UseRateLimiter</c>). A module adds a named policy with
/// <see cref="AddPortalRateLimit{TResource}"/> and puts it on its endpoints with <c>RequireRateLimiting(policy)</c>.
/// Counted requests are those that change something (not GET, HEAD or OPTIONS: showing a form costs nothing), in a fixed
/// window per client address unless the module partitions by its own key. A rejected request gets 429 with
/// <c>Retry-After</c> and the policy's text in the reader's language: problem details on the API, a small page elsewhere.
/// </summary>
public static class PortalRateLimits
{
    /// <summary>The partition of requests whose client address is not known (a test server, a broken proxy).</summary>
    public const string UnknownClient = "unknown";

    // Albanian and Serbian letters stay letters in the page (it is UTF-8); only markup characters are escaped.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    /// <param name="policy">The policy's name, prefixed by the module (<c>identity.sign-in</c>).</param>
    /// <param name="messageKey">The text of <typeparamref name="TResource"/> a rejected client reads.</param>
    /// <param name="window">The limit, read per request from the module's options (so tests and settings can change it).</param>
    /// <param name="partitionKey">What is counted together; by default the client's address.</param>
    public static IServiceCollection AddPortalRateLimit<TResource>(this IServiceCollection services, string policy, string messageKey,
        Func<IServiceProvider, RateLimitWindow> window, Func<HttpContext, string>? partitionKey = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(policy);
        ArgumentException.ThrowIfNullOrEmpty(messageKey);
        ArgumentNullException.ThrowIfNull(window);
        var keyOf = partitionKey ?? ClientAddress;
        services.Configure<PortalRateLimitTexts>(texts => texts.Add(policy, typeof(TResource), messageKey));
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(policy, context =>
            {
                if (!Counts(context.Request))
                {
                    return RateLimitPartition.GetNoLimiter(string.Empty);
                }
                var (permitLimit, length) = window(context.RequestServices);
                return RateLimitPartition.GetFixedWindowLimiter(keyOf(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = permitLimit,
                    Window = length,
                    QueueLimit = 0,
                });
            });
            // The same handler for every policy, so adding a second policy never wraps the first one's answer.
            limiter.OnRejected = RejectAsync;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        });
        return services;
    }

    /// <summary>Whether a request counts against a limit: those that change something, not those that read.</summary>
    public static bool Counts(HttpRequest request)
        => !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));

    /// <summary>The client's address, as the host sees it after its forwarded-headers handling.</summary>
    public static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? UnknownClient;

    internal static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }
        var policy = http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
        var texts = http.RequestServices.GetRequiredService<IOptions<PortalRateLimitTexts>>().Value;
        string? message = null;
        if (policy is not null && texts.TryGet(policy, out var resource, out var key))
        {
            message = http.RequestServices.GetRequiredService<IStringLocalizerFactory>().Create(resource)[key].Value;
        }
        if (PortalRequests.IsApi(http.Request) || message is null)
        {
            await StatusProblems.WriteAsync(http, StatusCodes.Status429TooManyRequests, message);
            return;
        }
        http.Response.ContentType = "text/html; charset=utf-8";
        var language = Html.Encode(CultureInfo.CurrentUICulture.Name);
        var encoded = Html.Encode(message);
        await http.Response.WriteAsync(
            $"<!DOCTYPE html><html lang=\"{language}\"><head><meta charset=\"utf-8\"><title>{encoded}</title></head><body><main><h1>{encoded}</h1></main></body></html>",
            cancellationToken);
    }
}

/// <summary>Which text each policy's rejected clients read; filled by <see cref="PortalRateLimits.AddPortalRateLimit{TResource}"/>.</summary>
public sealed class PortalRateLimitTexts
{
    private readonly Dictionary<string, (Type Resource, string Key)> byPolicy = new(StringComparer.Ordinal);

    internal void Add(string policy, Type resource, string key)
    {
        if (!byPolicy.TryAdd(policy, (resource, key)))
        {
            throw new InvalidOperationException($"The rate-limit policy '{policy}' is added twice.");
        }
    }

    internal bool TryGet(string policy, out Type resource, out string key)
    {
        var found = byPolicy.TryGetValue(policy, out var text);
        (resource, key) = text;
        return found;
    }

    public IReadOnlyCollection<string> Policies => byPolicy.Keys;
}
