using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Consortium.Portal.Platform.Web;

public static class StoppingConnections
{
    /// <summary>
    /// Once a stop (SIGTERM, a deploy) has begun, a hub or circuit connection (its negotiation, its WebSocket, its
    /// polls) is answered 503 instead of being opened. SignalR closes the open ones as the stop begins, and every open
    /// page reconnects at once, before the web server has stopped listening: those new WebSockets came after SignalR's
    /// closing and nothing closed them, so the web server waited for them until the host's 30 s ran out (half the
    /// stops with tabs open). A circuit on a stopping process has nothing to come back to; refused, the page retries
    /// and reaches the next process. Requests already running and plain page requests are served as before.
    /// </summary>
    public static IApplicationBuilder UsePortalStoppingConnections(this IApplicationBuilder app)
    {
        var stopping = app.ApplicationServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StoppingConnections));
        return app.Use(async (context, next) =>
        {
            // The token is cancelled before its callbacks (SignalR's closing) run: a connection that passed here
            // before it is one SignalR closes.
            if (stopping.IsCancellationRequested && context.GetEndpoint()?.Metadata.GetMetadata<HubMetadata>() is not null)
            {
                logger.LogInformation("Refused a new connection to {Path}: the portal is stopping", context.Request.Path.Value);
                // A refused connection is no page: a circuit's negotiation (not an API path) was re-executed as the
                // not-found page, which as a POST failed antiforgery and went out as a 400 instead of this 503.
                if (context.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
                {
                    statusPages.Enabled = false;
                }
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }
            await next(context);
        });
    }
}
