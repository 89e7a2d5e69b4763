using Consortium.Portal.Platform.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Consortium.Portal.Platform.Web;

/// <summary>
/// JSON and form bodies are UTF-8 (RFC 8259 says so for JSON; the portal's pages send nothing else). A body declaring
/// another charset is refused with 415 before anything reads it: the framework would look the name up as an encoding and
/// fail with an error of its own (a 500) for an unknown name ("bogus-1"), for UTF-7, or for a quoted "utf-8". A quoted
/// "utf-8" is still UTF-8, so it is passed on with the quotes taken off. Raw file uploads keep their content type as sent:
/// the portal stores their bytes and reads no charset from them.
/// </summary>
public static class RequestCharset
{
    public static IApplicationBuilder UsePortalRequestCharsetCheck(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var request = context.Request;
        if (request.ContentType is { Length: > 0 } contentType
            && MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
            && IsDecodedByThePortal(mediaType)
            && mediaType.Charset.HasValue)
        {
            var charset = HeaderUtilities.RemoveQuotes(mediaType.Charset).ToString().Trim();
            if (!string.Equals(charset, "utf-8", StringComparison.OrdinalIgnoreCase) && !string.Equals(charset, "utf8", StringComparison.OrdinalIgnoreCase))
            {
                throw new UnsupportedCharsetException(charset);
            }
            mediaType.Charset = "utf-8";
            request.ContentType = mediaType.ToString();
        }
        return next(context);
    });

    private static bool IsDecodedByThePortal(MediaTypeHeaderValue mediaType)
        => mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
           || mediaType.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase)
           || mediaType.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
           || mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A body in a charset the portal does not read (415).</summary>
public sealed class UnsupportedCharsetException(string charset)
    : DomainRuleException("Problem.UnsupportedCharset.Detail", typeof(PlatformResource), charset)
{
    public override int StatusCode => StatusCodes.Status415UnsupportedMediaType;
}
