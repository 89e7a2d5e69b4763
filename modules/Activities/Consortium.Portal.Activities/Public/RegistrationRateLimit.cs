using System.Threading.RateLimiting;
using Consortium.Portal.Platform.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Consortium.Portal.Activities.Public;

/// <summary>
/// Registrations per client address and minute, on the framework's rate limiter the host already runs
/// (<c>UseRateLimiter</c>): a policy of this module, answered in its own words, leaving other policies' answers alone.
/// </summary>
internal static class RegistrationRateLimit
{
    public const string Policy = "activities.registration";

    public static void Configure(RateLimiterOptions limiter)
    {
        limiter.AddPolicy(Policy, context =>
        {
            if (!HttpMethods.IsPost(context.Request.Method))
            {
                return RateLimitPartition.GetNoLimiter("read");
            }
            var options = context.RequestServices.GetRequiredService<IOptions<ActivitiesOptions>>().Value;
            var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            return RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = options.RegistrationsPerMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            });
        });
        var previous = limiter.OnRejected;
        limiter.OnRejected = async (context, cancellationToken) =>
        {
            var http = context.HttpContext;
            if (http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName != Policy)
            {
                if (previous is not null)
                {
                    await previous(context, cancellationToken);
                }
                return;
            }
            if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            {
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            var message = http.RequestServices.GetRequiredService<IStringLocalizer<ActivitiesResource>>()["Problem.TooManyRegistrations"].Value;
            if (PortalRequests.IsApi(http.Request))
            {
                await StatusProblems.WriteAsync(http, StatusCodes.Status429TooManyRequests, message);
            }
            else
            {
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.ContentType = "text/html; charset=utf-8";
                await http.Response.WriteAsync($"<!DOCTYPE html><html><body><main><h1>{System.Net.WebUtility.HtmlEncode(message)}</h1></main></body></html>", cancellationToken);
            }
        };
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
    }
}
