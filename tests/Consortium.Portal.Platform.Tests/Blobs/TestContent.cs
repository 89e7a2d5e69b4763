using System.Security.Cryptography;
using System.Text;

namespace Consortium.Portal.Platform.Tests.Blobs;

/// <summary>
/// A non-seekable stream of pseudo-random bytes made on the fly. It hashes what it hands out, so a test knows the
/// expected SHA-256 of a large upload without the content ever existing whole in memory.
/// </summary>
/// <param name="largestRead">At most this many bytes per read, as a network stream hands an upload over a little at a time.</param>
internal sealed class GeneratedContentStream(long length, ulong seed = 0x9E3779B97F4A7C15, int largestRead = int.MaxValue) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private ulong _state = seed | 1;
    private long _produced;

    /// <summary>The hash of everything read so far: the content's hash once the stream has been read to its end.</summary>
    public string Sha256 => Convert.ToHexStringLower(_hash.GetCurrentHash());

    public long Produced => _produced;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var count = (int)Math.Min(Math.Min(buffer.Length, largestRead), length - _produced);
        for (var i = 0; i < count; i++)
        {
            // xorshift64: cheap, deterministic, and not compressible into something a store could shortcut.
            _state ^= _state << 13;
            _state ^= _state >> 7;
            _state ^= _state << 17;
            buffer[i] = (byte)_state;
        }
        _hash.AppendData(buffer[..count]);
        _produced += count;
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
        }
        base.Dispose(disposing);
    }
}

/// <summary>An upload whose source breaks part-way, like a client that disconnects.</summary>
internal sealed class BreakingStream(long failAfter, Action? onBreak = null) : Stream
{
    private readonly GeneratedContentStream _content = new(long.MaxValue);
    private long _read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_read >= failAfter)
        {
            throw new IOException("The uploader's connection dropped.");
        }
        var read = _content.Read(buffer[..(int)Math.Min(buffer.Length, failAfter - _read)]);
        _read += read;
        return read;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_read >= failAfter)
        {
            // Lets a test cancel the upload at this point instead of breaking it.
            onBreak?.Invoke();
            cancellationToken.ThrowIfCancellationRequested();
        }
        return ValueTask.FromResult(Read(buffer.Span));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

internal static class TestContent
{
    public static MemoryStream Text(string text) => new(Encoding.UTF8.GetBytes(text));

    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static async Task<string> ReadTextAsync(Stream content)
    {
        using var reader = new StreamReader(content, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    /// <summary>Reads a stream to its end, hashing on the way, without holding it.</summary>
    public static async Task<(long Length, string Sha256)> HashAsync(Stream content)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long length = 0;
        int read;
        while ((read = await content.ReadAsync(buffer)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            length += read;
        }
        return (length, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
}

/// <summary>The servers build/test.sh starts. A missing one is a failure with a message saying how to get it.</summary>
internal static class TestServers
{
    public static string Azurite => Required("PORTAL_TEST_AZURITE", "Azurite, the Azure Storage emulator");

    private static string Required(string variable, string what)
        => Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{variable} is not set: these tests need {what}. Run them through build/test.sh, which starts it on loopback " +
                "(or source build/services.sh and call azurite_start).");
}
