using System.Runtime.InteropServices;
using Consortium.Portal.Platform.Blobs;

namespace Consortium.Portal.Platform.Tests.Blobs;

public sealed class DirectFileWritesTests : IDisposable
{
    // Beside the test binaries: on the disk the portal's data would be on, not on a tmpfs /tmp that refuses O_DIRECT.
    private readonly string _path = Path.Combine(AppContext.BaseDirectory, $"direct-{Guid.NewGuid():N}.bin");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void A_rented_block_is_aligned_for_the_kernel()
    {
        var array = DirectFileWrites.RentBlock();
        try
        {
            var block = DirectFileWrites.AlignedBlock(array);

            Assert.Equal(DirectFileWrites.BlockSize, block.Length);
            Assert.True(MemoryMarshal.TryGetArray<byte>(block, out var segment));
            Assert.Equal(0, Marshal.UnsafeAddrOfPinnedArrayElement(array, segment.Offset) % DirectFileWrites.Alignment);
        }
        finally
        {
            DirectFileWrites.Return(array);
        }
    }

    [Fact]
    public void On_linux_an_aligned_block_is_written_directly_and_an_unaligned_tail_after_switching_back()
    {
        var array = DirectFileWrites.RentBlock();
        try
        {
            var block = DirectFileWrites.AlignedBlock(array);
            Random.Shared.NextBytes(block.Span);
            byte[] tail = [1, 2, 3, 4, 5];
            using (var file = File.OpenHandle(_path, FileMode.CreateNew, FileAccess.Write))
            {
                var direct = DirectFileWrites.TryEnable(file);

                // Not skipped quietly elsewhere: on Linux (the portal's servers, CI) the ext4 disk takes direct writes.
                Assert.Equal(OperatingSystem.IsLinux(), direct);
                RandomAccess.Write(file, block.Span, 0);
                if (direct)
                {
                    Assert.True(DirectFileWrites.TryDisable(file));
                }
                RandomAccess.Write(file, tail, block.Length);
            }

            Assert.Equal([.. block.ToArray(), .. tail], File.ReadAllBytes(_path));
        }
        finally
        {
            DirectFileWrites.Return(array);
        }
    }
}
