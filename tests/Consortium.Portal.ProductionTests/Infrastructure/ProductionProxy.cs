using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Model;
using Yarp.ReverseProxy.Transforms;

namespace Consortium.Portal.ProductionTests.Infrastructure;

/// <summary>
/// The reverse proxy in front of the instances, as the README's production section sets one up: YARP on loopback,
/// ending TLS (a certificate made for the run), forwarding X-Forwarded-For/-Proto/-Host, keeping each browser on one
/// instance with an affinity cookie, and taking an instance out of the rotation when its /health/live stops answering
/// (actively, every second) or its connections fail (passively). A browser pinned to an instance that is gone is sent
/// to another (FailurePolicy Redistribute).
/// </summary>
internal sealed class ProductionProxy : IAsyncDisposable
{
    /// <summary>A header only this test's proxy adds: which instance answered, so a test can place its clients.</summary>
    public const string InstanceHeader = "X-Test-Portal-Instance";

    public const string AffinityCookie = "__Host-Portal.Instance";

    private readonly WebApplication _app;

    private ProductionProxy(WebApplication app, X509Certificate2 certificate, Uri address)
    {
        _app = app;
        Certificate = certificate;
        Address = address;
    }

    public X509Certificate2 Certificate { get; }

    /// <summary>The portal's public address: https on the proxy's port.</summary>
    public Uri Address { get; }

    public static async Task<ProductionProxy> StartAsync(IReadOnlyList<PortalInstance> instances)
    {
        var certificate = LoopbackCertificate();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // The proxy names no server either: "Server: Kestrel" would undo the portal's leaving it out.
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate));
        });
        builder.Services.AddReverseProxy()
            .LoadFromMemory(
                [new RouteConfig { RouteId = "portal", ClusterId = "portal", Match = new RouteMatch { Path = "{**path}" } }],
                [new ClusterConfig
                {
                    ClusterId = "portal",
                    LoadBalancingPolicy = "RoundRobin",
                    SessionAffinity = new SessionAffinityConfig
                    {
                        Enabled = true,
                        Policy = "Cookie",
                        FailurePolicy = "Redistribute",
                        AffinityKeyName = AffinityCookie,
                        Cookie = new SessionAffinityCookieConfig
                        {
                            Path = "/", HttpOnly = true, SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.Always, SameSite = SameSiteMode.Lax,
                        },
                    },
                    HealthCheck = new HealthCheckConfig
                    {
                        Active = new ActiveHealthCheckConfig
                        {
                            Enabled = true, Interval = TimeSpan.FromSeconds(1), Timeout = TimeSpan.FromSeconds(2),
                            Policy = "ConsecutiveFailures", Path = "/health/live",
                        },
                        Passive = new PassiveHealthCheckConfig
                        {
                            Enabled = true, Policy = "TransportFailureRate", ReactivationPeriod = TimeSpan.FromSeconds(5),
                        },
                    },
                    Destinations = instances.ToDictionary(i => i.Name, i => new DestinationConfig { Address = i.Address.ToString() }),
                }])
            .AddTransforms(transforms => transforms.AddResponseTransform(context =>
            {
                if (context.HttpContext.Features.Get<IReverseProxyFeature>()?.ProxiedDestination?.DestinationId is { } instance)
                {
                    context.HttpContext.Response.Headers[InstanceHeader] = instance;
                }
                return ValueTask.CompletedTask;
            }));
        var app = builder.Build();
        app.MapReverseProxy();
        await app.StartAsync();
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new ProductionProxy(app, certificate, new Uri(new Uri(bound).GetLeftPart(UriPartial.Authority).Replace("[::1]", "127.0.0.1", StringComparison.Ordinal)));
    }

    /// <summary>A certificate for 127.0.0.1 made for this run; the tests' clients trust exactly this one.</summary>
    private static X509Certificate2 LoopbackCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pkcs12), null);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Certificate.Dispose();
    }
}
