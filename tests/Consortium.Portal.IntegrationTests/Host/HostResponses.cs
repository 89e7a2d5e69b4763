using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Consortium.Portal.IntegrationTests.Host;

/// <summary>Reading what the host answers: problem details and pages.</summary>
internal static partial class HostResponses
{
    /// <summary>The problem details of <paramref name="response"/>, after checking its status and media type.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("traceId").GetString()));
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal); // no stack trace outside Development
        return problem;
    }

    public static string? Text(this JsonElement problem, string member)
        => problem.TryGetProperty(member, out var value) ? value.GetString() : null;

    public static async Task<string> PageAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {html[..Math.Min(html.Length, 2000)]}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return html;
    }

    /// <summary>The page's language, from &lt;html lang&gt;.</summary>
    public static string HtmlLang(string html) => HtmlLangPattern().Match(html).Groups[1].Value;

    /// <summary>The page's visible text with markup removed and entities decoded, so tests look for words, not HTML.</summary>
    public static string VisibleText(string html) => WebUtility.HtmlDecode(TagPattern().Replace(html, " "));

    [GeneratedRegex("<html lang=\"([^\"]*)\"")]
    private static partial Regex HtmlLangPattern();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagPattern();
}
