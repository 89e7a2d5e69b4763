using System.Net;
using Consortium.Portal.IntegrationTests.Documents;

namespace Consortium.Portal.IntegrationTests.Infrastructure;

/// <summary>The home page, "my work", as a signed-in client gets it prerendered, and one module's section of it.</summary>
public static class HomePage
{
    public static async Task<string> ReadAsync(HttpClient client)
    {
        var response = await client.GetAsync("/");
        await DocumentsClient.ExpectAsync(response, HttpStatusCode.OK);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The list marked <c>data-test="<paramref name="test"/>"</c>, up to its end; fails when it is not there.</summary>
    public static string Section(string html, string test)
    {
        var start = html.IndexOf($"data-test=\"{test}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no {test} on the page");
        var end = html.IndexOf("</ul>", start, StringComparison.Ordinal);
        return html[start..(end < 0 ? html.Length : end)];
    }
}
