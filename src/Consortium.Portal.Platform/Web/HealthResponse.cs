using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Consortium.Portal.Platform.Web;

/// <summary>
/// The health endpoints' JSON: the overall status and each check's. Failures say which check failed, not why (that is
/// logged). The answer names the process that gave it (<see cref="PortalProcessIdentity"/>).
/// </summary>
internal static class HealthResponse
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var body = new
        {
            status = report.Status.ToString(),
            durationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            checks = report.Entries.Select(e => new
            {
                name = e.Key,
                status = e.Value.Status.ToString(),
                description = e.Value.Exception is null ? e.Value.Description : "The check failed; the portal's log has the reason.",
                durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
            }),
        };
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers[PortalProcessIdentity.Header] = context.RequestServices.GetRequiredService<PortalProcessIdentity>().Id;
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json));
    }
}
