namespace Consortium.Portal.Tests;

/// <summary>
/// A text body of <paramref name="length"/> bytes made as it is read, counting how much was: an upload far larger than
/// memory costs the test nothing, and the count shows whether the portal read a body it should have refused.
/// </summary>
/// <param name="lineLength">With a value, a line break ends every line of that many bytes (a text file a person would
/// have); without, the body is one line.</param>
internal sealed class CountingTextBody(long length, int? lineLength = null) : Stream
{
    private long _read;

    public long BytesRead => Interlocked.Read(ref _read);

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => length;
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = (int)Math.Min(count, length - BytesRead);
        var span = buffer.AsSpan(offset, n);
        span.Fill((byte)'a');
        if (lineLength is { } line)
        {
            for (var i = line - 1; i < n; i += line)
            {
                span[i] = (byte)'\n';
            }
        }
        Interlocked.Add(ref _read, n);
        return n;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
