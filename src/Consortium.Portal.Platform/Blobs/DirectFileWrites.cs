using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Consortium.Portal.Platform.Blobs;

/// <summary>
/// Writes that bypass the page cache (Linux <c>O_DIRECT</c>), for large uploads: the disk reads the blocks straight
/// from the process's memory instead of the kernel copying every byte into its cache first.
/// <para>
/// On the benchmark machine that copy was the largest single cost of storing an upload, and the most erratic: writing
/// a gigabyte through the cache took 0.5 to 4.7 seconds of kernel time depending on the host's memory, against about
/// one second for the same bytes written directly in 1 MiB blocks. It also keeps a 1 GB upload from pushing the
/// database's pages out of the cache. The kernel requires the memory, the file offset and the length of a direct write
/// to be block-aligned: blocks come from <see cref="RentBlock"/>, and the last, shorter piece of a file is written
/// after <see cref="TryDisable"/>.
/// </para>
/// <para>
/// Elsewhere (another OS, a file system that refuses it such as tmpfs) <see cref="TryEnable"/> answers false and the
/// writes go through the cache as before.
/// </para>
/// </summary>
internal static partial class DirectFileWrites
{
    /// <summary>Alignment that satisfies every common device (512-byte or 4 KB logical blocks).</summary>
    public const int Alignment = 4096;
    public const int BlockSize = 1024 * 1024;
    private const int MaxRetainedBlocks = 8;

    private const int GetFlags = 3;
    private const int SetFlags = 4;

    private static readonly int DirectFlag = !OperatingSystem.IsLinux() ? 0 : RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 or Architecture.X86 => 0x4000,
        Architecture.Arm64 or Architecture.Arm => 0x10000,
        _ => 0,
    };

    private static readonly ConcurrentQueue<byte[]> FreeBlocks = new();

    /// <summary>Turns direct writes on for an open file; false when this system or file system cannot.</summary>
    public static bool TryEnable(SafeFileHandle file) => DirectFlag != 0 && SetDirect(file, on: true);

    /// <summary>Turns them off again, for a last piece whose length is not a multiple of <see cref="Alignment"/>.</summary>
    public static bool TryDisable(SafeFileHandle file) => DirectFlag != 0 && SetDirect(file, on: false);

    /// <summary>A pinned array holding an aligned block of <see cref="BlockSize"/> bytes; give it back with <see cref="Return"/>.</summary>
    public static byte[] RentBlock()
        => FreeBlocks.TryDequeue(out var array) ? array : GC.AllocateUninitializedArray<byte>(BlockSize + Alignment, pinned: true);

    /// <summary>The aligned block inside an array from <see cref="RentBlock"/>.</summary>
    public static Memory<byte> AlignedBlock(byte[] array)
    {
        var address = Marshal.UnsafeAddrOfPinnedArrayElement(array, 0);
        var offset = (int)((Alignment - address % Alignment) % Alignment);
        return array.AsMemory(offset, BlockSize);
    }

    public static void Return(byte[] array)
    {
        // A few stay for the next uploads; more would only hold memory after a burst.
        if (FreeBlocks.Count < MaxRetainedBlocks)
        {
            FreeBlocks.Enqueue(array);
        }
    }

    private static bool SetDirect(SafeFileHandle file, bool on)
    {
        var added = false;
        try
        {
            file.DangerousAddRef(ref added);
            var descriptor = (int)file.DangerousGetHandle();
            var flags = Fcntl(descriptor, GetFlags, 0);
            if (flags < 0)
            {
                return false;
            }
            return Fcntl(descriptor, SetFlags, on ? flags | DirectFlag : flags & ~DirectFlag) == 0;
        }
        finally
        {
            if (added)
            {
                file.DangerousRelease();
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int descriptor, int command, int argument);
}
