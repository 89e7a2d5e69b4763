namespace Consortium.Portal.Platform.Web;

/// <summary>Where a return URL from a query string or form may send the user back to.</summary>
public static class LocalUrl
{
    /// <summary>Only a path on this site: "/x" but not "//evil.example" or "/\evil.example" (open redirects).</summary>
    public static string OrHome(string? url)
        => !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Any(char.IsControl)
            ? url
            : "/";
}
