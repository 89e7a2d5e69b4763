using Consortium.Portal.Platform.Web;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Consortium.Portal.Identity.Security;

/// <summary>Attempts to sign in (and to ask for reset links) per client address, against password guessing.</summary>
internal static class SignInRateLimit
{
    public const string Policy = "identity.sign-in";

    public static void Configure(RateLimiterOptions limiter)
    {
        limiter.AddPolicy(Policy, context =>
        {
            // Showing the form costs nothing; only submitting it counts.
            if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
            {
                return RateLimitPartition.GetNoLimiter("read");
            }
            var options = context.RequestServices.GetRequiredService<IOptions<PortalIdentityOptions>>().Value;
            var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            return RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = options.SignInRateLimit,
                Window = options.SignInRateLimitWindow,
                QueueLimit = 0,
            });
        });
        var previous = limiter.OnRejected;
        limiter.OnRejected = async (context, cancellationToken) =>
        {
            if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            {
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            var http = context.HttpContext;
            if (PortalRequests.IsApi(http.Request))
            {
                var texts = http.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<IdentityResource>>();
                await StatusProblems.WriteAsync(http, StatusCodes.Status429TooManyRequests, texts["Problem.TooManyAttempts"]);
            }
            else if (http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == Policy)
            {
                var localizer = http.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<IdentityResource>>();
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.ContentType = "text/html; charset=utf-8";
                var message = System.Net.WebUtility.HtmlEncode(localizer["Problem.TooManyAttempts"]);
                await http.Response.WriteAsync($"<!DOCTYPE html><html><body><main><h1>{message}</h1></main></body></html>", cancellationToken);
            }
            else if (previous is not null)
            {
                await previous(context, cancellationToken);
            }
        };
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
    }
}
