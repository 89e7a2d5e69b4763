using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Consortium.Portal.Platform.Web;

/// <summary>
/// Writes an RFC 7807 answer from code that runs beside the endpoints rather than in them (status-code pages, a rate
/// limiter's rejection, a gate in the pipeline), through the same <see cref="IProblemDetailsService"/> as every
/// endpoint's problem, so the body carries the same trace id and shape. Endpoints throw the Platform's exceptions instead.
/// </summary>
public static class StatusProblems
{
    /// <param name="title">Already in the request's language; null keeps the framework's standard title of the status.</param>
    public static async Task WriteAsync(HttpContext http, int status, string? title = null, string? detail = null,
        IReadOnlyDictionary<string, object?>? extensions = null)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[key] = value;
        }
        http.Response.StatusCode = status;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = problem,
        });
    }
}
