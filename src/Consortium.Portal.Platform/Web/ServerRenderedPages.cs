using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Consortium.Portal.Platform.Web;

/// <summary>
/// Public pages (the publication catalogue, public events) are Razor components rendered to HTML once on the server:
/// no circuit, no script, nothing of the portal's interactive UI, so they are cheap and cacheable.
/// </summary>
public static class ServerRenderedPages
{
    /// <summary>The portal's address as links in public pages and e-mails write it: <c>Portal:PublicBaseUrl</c>, else the request's own.</summary>
    public static string PublicBaseUrl(HttpContext context)
        => (context.RequestServices.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()["Portal:PublicBaseUrl"] is { Length: > 0 } configured
            ? configured
            : $"{context.Request.Scheme}://{context.Request.Host}").TrimEnd('/');

    /// <summary>Renders <typeparamref name="TComponent"/> to HTML in <paramref name="culture"/>.</summary>
    public static async Task<string> RenderAsync<TComponent>(HttpContext context, IDictionary<string, object?> parameters, CultureInfo culture)
        where TComponent : IComponent
    {
        await using var renderer = new HtmlRenderer(context.RequestServices, context.RequestServices.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var (previous, previousUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
            try
            {
                var output = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters));
                return output.ToHtmlString();
            }
            finally
            {
                (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (previous, previousUi);
            }
        });
    }
}
