using Consortium.Portal.Web;
using Microsoft.AspNetCore.Http;

namespace Consortium.Portal.IntegrationTests.Host;

/// <summary>
/// The circuit's WebSocket stays compressed but keeps no compressor between render batches: with server context
/// takeover each circuit held ~350 KB of zlib state for its whole life (heaptrack of build/bench/circuits, README "Circuits").
/// </summary>
public sealed class CircuitWebSocketTests
{
    [Fact]
    public async Task The_circuit_socket_is_compressed_without_server_context_takeover()
    {
        var accept = new WebSocketAcceptContext();

        await PortalWebModule.ConfigureCircuitWebSocket(new DefaultHttpContext(), accept);

        Assert.True(accept.DangerousEnableCompression);
        Assert.True(accept.DisableServerContextTakeover);
        Assert.Equal(15, accept.ServerMaxWindowBits);
    }
}
