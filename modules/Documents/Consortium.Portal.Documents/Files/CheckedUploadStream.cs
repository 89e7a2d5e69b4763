namespace Consortium.Portal.Documents;

/// <summary>
/// The upload as the blob store reads it: every chunk passes <see cref="FileContentCheck"/> on its way, and the last
/// checks run when the source ends, before the store publishes the blob. A refused file therefore makes the store's
/// write fail, and the store leaves nothing behind.
/// </summary>
internal sealed class CheckedUploadStream(Stream source, FileContentCheck check) : Stream
{
    private bool _completed;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => check.Length; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int read;
        try
        {
            read = source.Read(buffer);
        }
        catch (Exception e) when (IsBrokenBody(e, CancellationToken.None))
        {
            throw new UploadRefusedException(UploadRefusals.BodyIncomplete);
        }
        Inspect(buffer[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        try
        {
            read = await source.ReadAsync(buffer, cancellationToken);
        }
        catch (Exception e) when (IsBrokenBody(e, cancellationToken))
        {
            throw new UploadRefusedException(UploadRefusals.BodyIncomplete);
        }
        Inspect(buffer.Span[..read]);
        return read;
    }

    /// <summary>
    /// A body that ends before its multipart boundary, or whose part headers are malformed, is the client's error (400),
    /// not a failure of the store that was reading it.
    /// </summary>
    public static bool IsBrokenBody(Exception e, CancellationToken cancellationToken)
        => e is IOException or InvalidDataException && !cancellationToken.IsCancellationRequested;

    private void Inspect(ReadOnlySpan<byte> data)
    {
        if (data.Length > 0)
        {
            check.Append(data);
        }
        else if (!_completed)
        {
            _completed = true;
            check.Complete();
        }
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
