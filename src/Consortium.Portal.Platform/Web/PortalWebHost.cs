using Consortium.Portal.Platform.Localization;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Scalar.AspNetCore;

namespace Consortium.Portal.Platform.Web;

/// <summary>
/// The web host's cross-cutting concerns: logs, telemetry, errors as problem details, health, API documentation,
/// security headers. Program.cs calls <see cref="AddPortalWebHost"/>, then the pipeline methods in the order it shows.
/// </summary>
public static class PortalWebHost
{
    /// <summary>Tag of the health checks <c>/health/ready</c> runs.</summary>
    public const string ReadyTag = "ready";

    public const string ErrorPath = "/error";
    public const string NotFoundPath = "/not-found";
    public const string ApiDocsPath = "/api/docs";
    public const string AntiforgeryCookieName = "__Host-Portal.Antiforgery";

    public static IHostApplicationBuilder AddPortalWebHost(this IHostApplicationBuilder builder)
    {
        // One JSON object per line, in every environment: what log collectors read without a parser of their own, and a
        // value with a line break in it (a hostile subject) stays inside its JSON string instead of forging a line.
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(options =>
        {
            options.IncludeScopes = true;
            options.UseUtcTimestamp = true;
            options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
        AddTelemetry(builder);

        var services = builder.Services;
        services.AddProblemDetails();
        services.AddExceptionHandler<PortalExceptionHandler>();
        // A body that is not valid JSON becomes an exception, so it is answered with a problem saying so.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);

        var server = PortalServerOptions.FromConfiguration(builder.Configuration);
        if (server.LargeReceiveBlocks)
        {
            // Replaces the 4 KB blocks Kestrel receives into: see the class for the measurements.
            services.AddSingleton<IMemoryPoolFactory<byte>, LargeBlockMemoryPoolFactory>();
        }
        // Kestrel stops reading a connection once this much is received and not yet read by the application. At the
        // default 1 MB an upload, which the file store takes in 1 MiB blocks, went in lock-step (receive a block, stop,
        // store it, resume); with room for a few blocks the network and the disk overlap: 12% less CPU per upload on
        // the benchmark machine. Reached only by a connection whose application reads slower than the network.
        services.Configure<KestrelServerOptions>(options => options.Limits.MaxRequestBufferSize = server.MaxRequestBufferSize);
        // Behind a reverse proxy that ends TLS, the request's scheme, host and client address are the proxy's headers'
        // (UsePortalForwardedHeaders): cookies, redirects, the same-origin check and the sign-in rate limit need the real ones.
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            foreach (var proxy in server.KnownProxies)
            {
                options.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
        });

        services.AddAuthentication();
        services.AddAuthorization();
        // The antiforgery cookie as the session cookies are: __Host-, Secure, HttpOnly, for this host and the whole site.
        services.AddAntiforgery(options => options.Cookie = new AlwaysSecureCookieBuilder
        {
            Name = AntiforgeryCookieName,
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            Domain = null,
        });
        // Browsers remember for a year that the portal and every subdomain speak only https (applied outside Development).
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = true;
        });
        // No "Server: Kestrel": what the server is tells an attacker which flaws to try.
        services.Configure<KestrelServerOptions>(options => options.AddServerHeader = false);
        services.PostConfigureAll<CookieAuthenticationOptions>(ApiAwareCookieEvents.Apply);

        services.AddSingleton<PortalProcessIdentity>();
        // Whether a stop ended by itself or ran out the host's budget: a warning the log would not show otherwise.
        services.AddHostedService<GracefulStopLog>();
        services.AddSingleton<PortalEndpointWarmUp>();
        services.AddHostedService(s => s.GetRequiredService<PortalEndpointWarmUp>());
        services.AddHealthChecks()
            .AddCheck<Data.DatabaseHealthCheck>("database", tags: [ReadyTag])
            .AddCheck<Blobs.BlobStorageHealthCheck>("blob-storage", tags: [ReadyTag]);

        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Consortium Portal API";
            document.Info.Description = "The JSON API of the Consortium Portal. Operations are authorized by the portal's sign-in cookie; errors are RFC 7807 problem details.";
            return Task.CompletedTask;
        }));
        return builder;
    }

    private static void AddTelemetry(IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PortalTelemetry>();
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(PortalTelemetry.Name))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(PortalTelemetry.Name))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !context.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation()
                .AddSource(PortalTelemetry.Name));
        // Exported (logs too) only where a collector is configured; the standard OTEL_EXPORTER_OTLP_* settings say
        // where and how.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.WithLogging().UseOtlpExporter();
        }
    }

    /// <summary>
    /// The scheme, host and client address a known proxy (loopback, or <see cref="PortalServerOptions.KnownProxies"/>)
    /// forwarded: first in the pipeline, as everything after it reads them.
    /// </summary>
    public static IApplicationBuilder UsePortalForwardedHeaders(this IApplicationBuilder app) => app.UseForwardedHeaders();

    /// <summary>
    /// Exceptions and bodiless error statuses: API requests get problem details, pages get the error page
    /// (<see cref="ErrorPath"/>) or the not-found page (<see cref="NotFoundPath"/>).
    /// </summary>
    public static IApplicationBuilder UsePortalErrorHandling(this IApplicationBuilder app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = ErrorPath,
            CreateScopeForErrors = true,
            StatusCodeSelector = ExceptionProblems.StatusCodeOf,
            // A refused request (4xx) is the client's business; a failure of ours (5xx) is logged and counted even
            // when it has been answered with problem details.
            SuppressDiagnosticsCallback = context => ExceptionProblems.StatusCodeOf(context.Exception) < StatusCodes.Status500InternalServerError,
        });
        app.UseWhen(context => PortalRequests.IsApi(context.Request), api => api.UseStatusCodePages(WriteStatusProblemAsync));
        app.UseWhen(context => !PortalRequests.IsApi(context.Request),
            pages => pages.UseStatusCodePagesWithReExecute(NotFoundPath, createScopeForStatusCodePages: true));
        return app;
    }

    private static async Task WriteStatusProblemAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var localizers = http.RequestServices.GetRequiredService<IStringLocalizerFactory>();
        var (title, detail) = ExceptionProblems.InRequestCulture(http, () => TextsForStatus(http.Response.StatusCode, localizers.Create(typeof(PlatformResource))));
        await StatusProblems.WriteAsync(http, http.Response.StatusCode, title, detail);
    }

    private static (string? Title, string? Detail) TextsForStatus(int status, IStringLocalizer text)
    {
        var key = status switch
        {
            StatusCodes.Status400BadRequest => "BadRequest",
            StatusCodes.Status401Unauthorized => "Unauthorized",
            StatusCodes.Status403Forbidden => "Forbidden",
            StatusCodes.Status404NotFound => "NotFound",
            StatusCodes.Status405MethodNotAllowed => "MethodNotAllowed",
            StatusCodes.Status409Conflict => "Conflict",
            StatusCodes.Status415UnsupportedMediaType => "UnsupportedMediaType",
            StatusCodes.Status429TooManyRequests => "TooManyRequests",
            StatusCodes.Status503ServiceUnavailable => "ServiceUnavailable",
            _ => null,
        };
        // Other statuses keep the framework's (English) standard title.
        return key is null ? (null, null) : (text[$"Problem.{key}.Title"], text[$"Problem.{key}.Detail"]);
    }

    /// <summary>
    /// The health probes, anonymous, answered ahead of routing: <c>/health/live</c> (the process answers) and
    /// <c>/health/ready</c> (the checks tagged <see cref="ReadyTag"/>: database, blob storage, the start's seeding and
    /// jobs). The first request that is routed builds the route matcher, that is every endpoint (about 640, and their
    /// JSON metadata): 40% of a cold start on 2 cores. Probes that need none of it answer without it, and
    /// <see cref="PortalEndpointWarmUp"/> has the matcher built once the portal listens. Placed where the routing was, so
    /// everything before it (forwarded headers, security headers, errors, the https redirection) applies as before.
    /// </summary>
    public static IApplicationBuilder UsePortalHealthProbes(this IApplicationBuilder app) => app
        .UseHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponse.WriteAsync })
        .UseHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = HealthResponse.WriteAsync });

    /// <summary>
    /// The host's own endpoints: the OpenAPI document and its Scalar UI (signed-in
    /// users only) and the culture switch.
    /// </summary>
    public static IEndpointRouteBuilder MapPortalHostEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi().RequireAuthorization();
        endpoints.MapScalarApiReference(ApiDocsPath, options => options
                .WithTitle("Consortium Portal API")
                .DisableDefaultFonts() // the fonts would come from Scalar's CDN, which the CSP does not allow
                .DisableAgent()
                .DisableMcp()
                .WithNonce())
            .RequireAuthorization();

        endpoints.MapCultureSelection();

        // Without this, the static files' GET-only fallback route turns a POST to an unknown API address into a 405.
        endpoints.MapFallback("/api/{**path}", AnswerUnansweredApiRequest).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>
    /// 415 when an API endpoint has the address and the method but not the body's content type, 405 (with Allow) when it has
    /// the address but not the method, else 404; the body is a problem.
    /// </summary>
    private static IResult AnswerUnansweredApiRequest(HttpContext context, EndpointDataSource endpoints)
    {
        var allowed = endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Order != int.MaxValue && e.Metadata.GetMetadata<IHttpMethodMetadata>() is { HttpMethods.Count: > 0 })
            .Where(e => new TemplateMatcher(new RouteTemplate(e.RoutePattern), new RouteValueDictionary()).TryMatch(context.Request.Path, new RouteValueDictionary()))
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (allowed.Count == 0)
        {
            return TypedResults.NotFound();
        }
        if (allowed.Contains(context.Request.Method, StringComparer.OrdinalIgnoreCase))
        {
            // The address and the method exist, so routing passed the endpoint over for the body's content type.
            return TypedResults.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        }
        context.Response.Headers.Allow = string.Join(", ", allowed);
        return TypedResults.StatusCode(StatusCodes.Status405MethodNotAllowed);
    }
}

/// <summary>
/// A cookie that is always Secure, whatever scheme the request reached the portal by: TLS may end at a proxy in front of
/// it, and browsers keep Secure cookies of a loopback address served over http (Development). Not
/// <see cref="CookieSecurePolicy.Always"/>, with which the antiforgery system refuses every request that is not https
/// (a 500), while the cookie it would set is the same.
/// </summary>
internal sealed class AlwaysSecureCookieBuilder : CookieBuilder
{
    public override CookieOptions Build(HttpContext context, DateTimeOffset expiresFrom)
    {
        var options = base.Build(context, expiresFrom);
        options.Secure = true;
        return options;
    }
}
