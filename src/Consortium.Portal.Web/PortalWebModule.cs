using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Components.Server;
using Consortium.Portal.Platform;
using Consortium.Portal.Platform.Modularity;
using Consortium.Portal.Web.Localization;
using Consortium.Portal.Web.Navigation;

[assembly: DeclaresModule(typeof(Consortium.Portal.Web.PortalWebModule))]

namespace Consortium.Portal.Web;

/// <summary>
/// The root module: the host names it, and every module it depends on (directly or not) is loaded.
/// Adding a module to the portal = referencing its project and naming it in a file of Modules/ (the portal-module template does both).
/// </summary>
public sealed class PortalWebModule : PortalModule
{
    public const string ModuleName = "Web";

    public override string Name => ModuleName;

    public override IReadOnlyList<string> DependsOn =>
        [PlatformModule.ModuleName, .. typeof(PortalWebModule).Assembly.GetCustomAttributes<HostedModuleAttribute>().Select(m => m.ModuleName)];

    public override bool HasPages => true;

    public override ModuleLocalization? Localization => new(typeof(WebResource), typeof(PortalWebModule).Assembly);

    public override void ConfigureServices(ModuleServicesContext context)
    {
        context.Services.AddScoped<PortalNavigation>();
        // Every interactive tab is a circuit in this process's memory, so what a circuit may keep, and for how long, is
        // chosen here rather than left to the framework's defaults (README, "Circuits"); section Circuits overrides each.
        context.Services.AddOptions<CircuitOptions>()
            .Configure(circuits =>
            {
                // A tab that closes says so and its circuit ends at once; only a dropped connection (a phone between
                // cells, a laptop lid) leaves one behind. Two minutes covers the reconnect dialog's own retries.
                circuits.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(2);
                // The bound on what dropped connections may hold at once: the framework's 100, the memory of 100
                // circuits, not more.
                circuits.DisconnectedCircuitMaxRetained = 100;
                // A slow client's render batches wait in memory until it acknowledges them; past this the circuit
                // stops rendering for that client instead of buffering more.
                circuits.MaxBufferedUnacknowledgedRenderBatches = 10;
                // A script call that never answers (a tab frozen in the background) holds its component's await this long.
                circuits.JSInteropDefaultCallTimeout = TimeSpan.FromSeconds(30);
                // The portal keeps no state for resuming an evicted circuit (no [PersistentState]): what is persisted
                // is the tab's descriptors only, so few and short.
                circuits.PersistedCircuitInMemoryMaxRetained = 200;
                circuits.PersistedCircuitInMemoryRetentionPeriod = TimeSpan.FromMinutes(30);
                circuits.DetailedErrors = false;
            })
            .BindConfiguration("Circuits");
    }

    /// <summary>
    /// The circuit's WebSocket (<c>AddInteractiveServerRenderMode(o => o.ConfigureWebSocketAcceptContext = ...)</c>):
    /// compressed as the framework's default has it, but without server context takeover. With takeover, every circuit
    /// keeps its zlib compressor for its whole life, about 350 KB of native memory each (heaptrack of the circuits bench:
    /// 21 MB of deflate state for 31 tabs, the largest native consumer, README "Circuits"); without it the compressor is
    /// made for each render batch and freed after it, so an idle tab holds none, for a slightly worse ratio on small batches.
    /// </summary>
    public static Task ConfigureCircuitWebSocket(HttpContext context, WebSocketAcceptContext accept)
    {
        accept.DangerousEnableCompression = true;
        accept.DisableServerContextTakeover = true;
        return Task.CompletedTask;
    }
}
