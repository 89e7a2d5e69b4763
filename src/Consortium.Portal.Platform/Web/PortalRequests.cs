using Microsoft.AspNetCore.Http;

namespace Consortium.Portal.Platform.Web;

public static class PortalRequests
{
    /// <summary>
    /// Whether a request is for the JSON API (<c>/api/...</c>, the OpenAPI document): such requests get status codes and
    /// problem details, never a redirect or an HTML page. The API's documentation (<c>/api/docs</c>) is a page for people.
    /// </summary>
    public static bool IsApi(HttpRequest request) => IsApi(request.Path);

    public static bool IsApi(PathString path)
        => (path.StartsWithSegments("/api") && !path.StartsWithSegments("/api/docs")) || path.StartsWithSegments("/openapi");
}
