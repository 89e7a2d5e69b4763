using System.Net;
using System.Text.RegularExpressions;

namespace Consortium.Portal.IntegrationTests.Infrastructure;

/// <summary>Posts the static server-rendered forms of the account pages as a browser would, antiforgery token included.</summary>
public static partial class Forms
{
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string pageUrl, string formName, IDictionary<string, string> fields)
    {
        var form = new Dictionary<string, string>(fields)
        {
            ["_handler"] = formName,
            ["__RequestVerificationToken"] = await AntiforgeryTokenAsync(client, pageUrl),
        };
        return await client.PostAsync(pageUrl, new FormUrlEncodedContent(form));
    }

    /// <summary>The antiforgery token a page gives this client (and its cookie, kept by the client).</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string pageUrl)
    {
        var page = await client.GetAsync(pageUrl);
        var html = await page.Content.ReadAsStringAsync();
        var token = AntiforgeryToken().Match(html);
        return token.Success
            ? WebUtility.HtmlDecode(token.Groups[1].Value)
            : throw new InvalidOperationException($"{pageUrl} ({(int)page.StatusCode}) has no antiforgery token: {html[..Math.Min(html.Length, 500)]}");
    }

    /// <summary>The page's text with HTML entities decoded, to look for a message in it.</summary>
    public static async Task<string> TextOfAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
