using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Consortium.Portal.Platform.Web;

/// <summary>
/// Once the portal listens, asks it one request of its own, in process, so that the first visitor's request finds the
/// route matcher built (issue 16, cold start). The first routed request builds every endpoint (about 640: request
/// delegates, and the JSON metadata of their bodies and answers) into the matcher: 40% of a cold start on 2 cores,
/// which <c>/health/ready</c> used to pay (the probes are now answered ahead of routing,
/// <see cref="PortalWebHost.UsePortalHealthProbes"/>). The request asks for the OpenAPI document without a cookie, as
/// a visitor would (the https scheme, a loopback address): it passes every middleware the portal adds, routing finds
/// the endpoint, and the authorization refuses it (a 401 problem) before anything is read or written. It waits, like
/// any request, for the start's seeding (<c>UsePortalStartupGate</c>). The framework's host filter
/// (<c>AllowedHosts</c>) runs before the pipeline the warm-up is handed, so its host name is never refused (tried with
/// <c>AllowedHosts</c> listing other names: it still reached routing).
/// </summary>
public sealed class PortalEndpointWarmUp(IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, ILogger<PortalEndpointWarmUp> logger) : IHostedService
{
    /// <summary>The address the warm-up asks: the OpenAPI document, which the host maps and only signed-in users read.</summary>
    public const string Path = "/openapi/v1.json";

    private readonly TaskCompletionSource<int?> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private RequestDelegate? _pipeline;
    private int _begun;

    /// <summary>
    /// Ends with the status the warm-up's request was answered with, or null when it failed, when the pipeline does not
    /// hand it over, or when the portal stopped before it listened.
    /// </summary>
    public Task<int?> Completion => _done.Task;

    internal void UsePipeline(RequestDelegate pipeline) => _pipeline = pipeline;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // ApplicationStarted fires once Kestrel listens, on the thread that fires it. The matcher's build is a tenth of a
        // second or more of one thread's CPU, done in one go under its lock: on a pool thread it held one of the two a
        // 2-core machine's pool starts with, and the first requests (the readiness probe's) queued behind it. On a thread
        // of its own, they share the cores with it instead.
        lifetime.ApplicationStarted.Register(() =>
        {
            if (Interlocked.Exchange(ref _begun, 1) == 0)
            {
                _ = Task.Factory.StartNew(async () => _done.TrySetResult(await WarmUpAsync()), CancellationToken.None,
                    TaskCreationOptions.LongRunning, TaskScheduler.Default);
            }
        });
        return Task.CompletedTask;
    }

    /// <summary>Waits for a warm-up still running (bounded by the stop's budget): it uses the services the stop disposes.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _begun, 1) == 0)
        {
            _done.TrySetResult(null); // stopped before it listened
            return;
        }
        try
        {
            await _done.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The stop's budget ran out first; the services go anyway.
        }
    }

    private async Task<int?> WarmUpAsync()
    {
        if (_pipeline is null)
        {
            return null; // UsePortalEndpointWarmUp is not in this host's pipeline
        }
        var clock = Stopwatch.StartNew();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider, RequestAborted = lifetime.ApplicationStopping };
            context.Request.Method = HttpMethods.Get;
            context.Request.Scheme = Uri.UriSchemeHttps;
            context.Request.Host = new HostString("localhost");
            context.Request.Path = Path;
            context.Connection.RemoteIpAddress = IPAddress.Loopback;
            context.Connection.LocalIpAddress = IPAddress.Loopback;
            await _pipeline(context);
            logger.LogInformation("Routes warmed up after listening: {Path} answered {Status} in {Elapsed} ms", Path, context.Response.StatusCode, (long)clock.Elapsed.TotalMilliseconds);
            return context.Response.StatusCode;
        }
        catch (Exception e) when (!lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // A failure here would fail the first visitor's request the same way, and be answered and logged there; the
            // warm-up only says so.
            logger.LogWarning(e, "Warming the routes up after listening failed");
            return null;
        }
        catch (Exception)
        {
            return null; // stopped while warming up
        }
    }
}

public static class PortalEndpointWarmUpExtensions
{
    /// <summary>
    /// First in the pipeline: hands the warm-up the whole pipeline to send its request through. Adds no work to any
    /// request (the pipeline itself is what it returns).
    /// </summary>
    public static IApplicationBuilder UsePortalEndpointWarmUp(this IApplicationBuilder app)
    {
        var warmUp = app.ApplicationServices.GetRequiredService<PortalEndpointWarmUp>();
        return app.Use(next =>
        {
            warmUp.UsePipeline(next);
            return next;
        });
    }
}
