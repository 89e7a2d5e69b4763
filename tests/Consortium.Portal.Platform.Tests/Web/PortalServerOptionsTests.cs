using Consortium.Portal.Platform.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Consortium.Portal.Platform.Tests.Web;

/// <summary>The <c>Server</c> speed options (README, "Speed options") reach Kestrel as configured, and only then.</summary>
public sealed class PortalServerOptionsTests
{
    private static WebApplication Build(params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateBuilder();
        foreach (var (key, value) in settings)
        {
            builder.Configuration[key] = value;
        }
        builder.AddPortalWebHost();
        return builder.Build();
    }

    private static long KestrelRequestBuffer(WebApplication app)
        => app.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits.MaxRequestBufferSize!.Value;

    [Fact]
    public void LargeReceiveBlocks_off_leaves_kestrel_its_own_memory_pool()
    {
        using var app = Build(("Server:LargeReceiveBlocks", "false"));

        // Kestrel registers its own factory (or none, and makes its pool itself); either way not the 64 KB blocks.
        Assert.IsNotType<LargeBlockMemoryPoolFactory>(app.Services.GetService<IMemoryPoolFactory<byte>>());
        Assert.Equal(4 * 1024 * 1024, KestrelRequestBuffer(app));
    }

    [Fact]
    public void LargeReceiveBlocks_on_gives_kestrel_the_large_blocks()
    {
        using var app = Build(("Server:LargeReceiveBlocks", "true"));

        Assert.IsType<LargeBlockMemoryPoolFactory>(app.Services.GetRequiredService<IMemoryPoolFactory<byte>>());
    }

    [Theory]
    [InlineData("65536", 65536)]
    [InlineData("1048576", 1048576)]
    [InlineData("16777216", 16777216)]
    public void MaxRequestBufferSize_is_kestrels_request_buffer(string setting, long expected)
    {
        using var app = Build(("Server:MaxRequestBufferSize", setting));

        Assert.Equal(expected, KestrelRequestBuffer(app));
    }

    [Fact]
    public void A_request_buffer_smaller_than_a_receive_block_stops_the_start_and_says_the_least()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Build(("Server:MaxRequestBufferSize", "4096")));

        Assert.Contains("Server:MaxRequestBufferSize", error.Message);
        Assert.Contains("65536", error.Message);
    }
}
