using Microsoft.Extensions.Configuration;

namespace Consortium.Portal.Platform.Web;

/// <summary>
/// Configuration section <c>Server</c>: how Kestrel receives requests. Both settings exist for large uploads and were
/// measured by build/bench/documents (RESULTS.md); turning them back to Kestrel's own behaviour is always safe.
/// </summary>
public sealed class PortalServerOptions
{
    public const string Section = "Server";

    /// <summary>Kestrel receives into 64 KB blocks (<see cref="LargeBlockMemoryPoolFactory"/>); false keeps its own 4 KB ones.</summary>
    public bool LargeReceiveBlocks { get; set; } = true;

    /// <summary>
    /// How much a connection may receive that the application has not read yet (Kestrel's default is 1 MB): room for a
    /// few of the file store's 1 MiB blocks, so the network and the disk overlap.
    /// </summary>
    public long MaxRequestBufferSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// Addresses of the reverse proxies in front of the portal whose <c>X-Forwarded-For</c>, <c>-Proto</c> and <c>-Host</c>
    /// are believed (the client's address, https, the public host name), besides loopback, which always is. A request from
    /// any other address keeps its own connection's values, so nobody can claim another address by sending the headers.
    /// </summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Reads and checks the section; a wrong value stops the start with a message that says what to fix.</summary>
    public static PortalServerOptions FromConfiguration(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<PortalServerOptions>() ?? new PortalServerOptions();
        if (options.MaxRequestBufferSize < 64 * 1024)
        {
            throw new InvalidOperationException("Server:MaxRequestBufferSize must be at least 65536 bytes (64 KB).");
        }
        foreach (var proxy in options.KnownProxies)
        {
            if (!System.Net.IPAddress.TryParse(proxy, out _))
            {
                throw new InvalidOperationException($"Server:KnownProxies: '{proxy}' is not an IP address.");
            }
        }
        return options;
    }
}
