using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Consortium.Portal.Platform.Web;

/// <summary>
/// The health endpoints' JSON: the overall status and each check's. Failures say which check failed, not why (that is
/// logged). The answer names the process that gave it (<see cref="PortalProcessIdentity"/>). Written field by field:
/// the serializer's first use builds the metadata of the objects it writes, about 60 ms of the first readiness answer
/// after a start (issue 16, cold start), for six fields.
/// </summary>
internal static class HealthResponse
{
    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers[PortalProcessIdentity.Header] = context.RequestServices.GetRequiredService<PortalProcessIdentity>().Id;
        var body = new MemoryStream();
        await using (var json = new Utf8JsonWriter(body))
        {
            json.WriteStartObject();
            json.WriteString("status", report.Status.ToString());
            json.WriteNumber("durationMs", Math.Round(report.TotalDuration.TotalMilliseconds, 1));
            json.WriteStartArray("checks");
            foreach (var (name, entry) in report.Entries)
            {
                json.WriteStartObject();
                json.WriteString("name", name);
                json.WriteString("status", entry.Status.ToString());
                json.WriteString("description", entry.Exception is null ? entry.Description : "The check failed; the portal's log has the reason.");
                json.WriteNumber("durationMs", Math.Round(entry.Duration.TotalMilliseconds, 1));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        await context.Response.Body.WriteAsync(body.GetBuffer().AsMemory(0, (int)body.Length), context.RequestAborted);
    }
}
