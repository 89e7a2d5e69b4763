using Consortium.Portal.Platform.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Consortium.Portal.Platform.Tests.Web;

public sealed class LargeBlockMemoryPoolTests
{
    [Fact]
    public void A_rented_block_has_the_block_size_whatever_was_asked()
    {
        using var pool = new LargeBlockMemoryPool(blockSize: 8192, maxRetainedBlocks: 4);

        using var small = pool.Rent(1);
        using var any = pool.Rent();

        Assert.Equal(8192, small.Memory.Length);
        Assert.Equal(8192, any.Memory.Length);
        Assert.Equal(8192, pool.MaxBufferSize);
        Assert.Throws<ArgumentOutOfRangeException>(() => pool.Rent(8193));
    }

    [Fact]
    public void A_returned_block_is_handed_out_again()
    {
        using var pool = new LargeBlockMemoryPool(blockSize: 4096, maxRetainedBlocks: 4);
        var first = pool.Rent();
        first.Memory.Span[0] = 42;
        first.Dispose();

        using var second = pool.Rent();

        Assert.Equal(42, second.Memory.Span[0]);
        Assert.Equal(0, pool.RetainedBlocks);
    }

    [Fact]
    public void Returning_a_block_twice_keeps_it_once()
    {
        using var pool = new LargeBlockMemoryPool(blockSize: 4096, maxRetainedBlocks: 4);
        var block = pool.Rent();

        block.Dispose();
        block.Dispose();

        Assert.Equal(1, pool.RetainedBlocks);
        using var a = pool.Rent();
        using var b = pool.Rent();
        Assert.False(a.Memory.Span == b.Memory.Span, "one block was handed to two renters");
    }

    [Fact]
    public void After_a_burst_only_the_bound_stays_in_the_pool()
    {
        using var pool = new LargeBlockMemoryPool(blockSize: 4096, maxRetainedBlocks: 3);
        var burst = Enumerable.Range(0, 10).Select(_ => pool.Rent()).ToList();

        burst.ForEach(b => b.Dispose());

        Assert.Equal(3, pool.RetainedBlocks);
    }

    [Fact]
    public void The_web_host_gives_kestrel_the_large_blocks_and_room_for_a_few_upload_blocks()
    {
        var builder = WebApplication.CreateBuilder();
        builder.AddPortalWebHost();

        using var app = builder.Build();

        var factory = app.Services.GetRequiredService<IMemoryPoolFactory<byte>>();
        Assert.IsType<LargeBlockMemoryPoolFactory>(factory);
        using var pool = factory.Create();
        Assert.Equal(LargeBlockMemoryPoolFactory.BlockSize, pool.MaxBufferSize);
        // Room for a few of the file store's 1 MiB blocks, so receiving and storing an upload overlap.
        Assert.Equal(4 * 1024 * 1024, app.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits.MaxRequestBufferSize);
    }
}
