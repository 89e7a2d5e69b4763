using System.Buffers.Binary;
using System.Text;

namespace Consortium.Portal.Documents;

/// <summary>
/// Checks, while a file streams past, that its content is what its extension says and that it stays within the size
/// limit. It keeps only the first bytes (signatures), the last megabyte of a ZIP (its central directory, which names
/// the parts) and the state of a UTF-8 decoder, so memory stays flat whatever the file's size.
/// </summary>
public sealed class FileContentCheck
{
    private const int HeadCapacity = 4096;
    /// <summary>The end-of-directory record, its up to 64 KiB comment and a central directory of several thousand parts fit.</summary>
    private const int ZipTailCapacity = 1024 * 1024;
    private const int PdfSignatureWindow = 1024;

    private static readonly byte[] PdfSignature = "%PDF-"u8.ToArray();
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] JpegSignature = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] ZipLocalHeader = [0x50, 0x4B, 0x03, 0x04];
    private const string OdtMimeType = "application/vnd.oasis.opendocument.text";

    private readonly DocumentFileTypeInfo _type;
    private readonly long _maxBytes;
    private readonly byte[] _head = new byte[HeadCapacity];
    private int _headLength;
    private bool _signatureChecked;
    private readonly byte[]? _tail;
    private long _tailWritten;
    private readonly Decoder? _utf8;
    private char[]? _scratch;

    public FileContentCheck(DocumentFileTypeInfo type, long maxBytes)
    {
        _type = type;
        _maxBytes = maxBytes;
        if (IsZip(type.Type))
        {
            _tail = new byte[ZipTailCapacity];
        }
        if (type.IsOwnText)
        {
            _utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetDecoder();
        }
    }

    public long Length { get; private set; }

    /// <summary>Takes the next bytes of the file; throws <see cref="UploadRefusedException"/> as soon as they show it is refused.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }
        Length += data.Length;
        if (Length > _maxBytes)
        {
            throw new UploadRefusedException(UploadRefusals.TooLarge, FormatSize(_maxBytes));
        }
        if (_headLength < HeadCapacity)
        {
            var take = Math.Min(HeadCapacity - _headLength, data.Length);
            data[..take].CopyTo(_head.AsSpan(_headLength));
            _headLength += take;
        }
        if (!_signatureChecked && _headLength >= RequiredHeadLength())
        {
            CheckSignature();
        }
        if (_tail is not null)
        {
            AppendToTail(data);
        }
        if (_utf8 is not null)
        {
            CheckText(data, flush: false);
        }
    }

    /// <summary>The file has ended: the last checks (empty, the signature of a short file, the ZIP's parts, a cut-off character).</summary>
    public void Complete()
    {
        if (Length == 0)
        {
            throw new UploadRefusedException(UploadRefusals.Empty);
        }
        if (!_signatureChecked)
        {
            CheckSignature();
        }
        if (_utf8 is not null)
        {
            CheckText([], flush: true);
        }
        if (_tail is not null)
        {
            CheckZipParts();
        }
    }

    private static bool IsZip(DocumentFileType type) => type is DocumentFileType.Docx or DocumentFileType.Xlsx or DocumentFileType.Pptx or DocumentFileType.Odt;

    private int RequiredHeadLength() => _type.Type switch
    {
        DocumentFileType.Pdf => PdfSignatureWindow + PdfSignature.Length,
        DocumentFileType.Png => PngSignature.Length,
        DocumentFileType.Jpeg => JpegSignature.Length,
        // The first local header, the name "mimetype" and the media type stored after it.
        DocumentFileType.Odt => 30 + "mimetype".Length + OdtMimeType.Length,
        DocumentFileType.Docx or DocumentFileType.Xlsx or DocumentFileType.Pptx => ZipLocalHeader.Length,
        _ => 0,
    };

    private void CheckSignature()
    {
        _signatureChecked = true;
        var head = _head.AsSpan(0, _headLength);
        var matches = _type.Type switch
        {
            DocumentFileType.Pdf => head[..Math.Min(head.Length, PdfSignatureWindow + PdfSignature.Length)].IndexOf(PdfSignature) >= 0,
            DocumentFileType.Png => head.StartsWith(PngSignature),
            DocumentFileType.Jpeg => head.StartsWith(JpegSignature),
            DocumentFileType.Odt => IsOdtHead(head),
            DocumentFileType.Docx or DocumentFileType.Xlsx or DocumentFileType.Pptx => head.StartsWith(ZipLocalHeader),
            _ => true,
        };
        if (!matches)
        {
            throw Mismatch();
        }
    }

    /// <summary>OpenDocument requires its first part to be "mimetype", stored uncompressed, holding the media type.</summary>
    private static bool IsOdtHead(ReadOnlySpan<byte> head)
    {
        if (head.Length < 30 || !head.StartsWith(ZipLocalHeader))
        {
            return false;
        }
        var method = BinaryPrimitives.ReadUInt16LittleEndian(head[8..]);
        var size = BinaryPrimitives.ReadUInt32LittleEndian(head[18..]);
        var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(head[26..]);
        var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(head[28..]);
        var dataStart = 30 + nameLength + extraLength;
        if (method != 0 || size != OdtMimeType.Length || head.Length < dataStart + size)
        {
            return false;
        }
        return head.Slice(30, nameLength).SequenceEqual("mimetype"u8)
            && head.Slice(dataStart, (int)size).SequenceEqual(Encoding.ASCII.GetBytes(OdtMimeType));
    }

    private void AppendToTail(ReadOnlySpan<byte> data)
    {
        var tail = _tail!;
        if (data.Length >= tail.Length)
        {
            data[^tail.Length..].CopyTo(tail);
            _tailWritten += data.Length;
            return;
        }
        var position = (int)(_tailWritten % tail.Length);
        var first = Math.Min(tail.Length - position, data.Length);
        data[..first].CopyTo(tail.AsSpan(position));
        data[first..].CopyTo(tail);
        _tailWritten += data.Length;
    }

    private byte[] LinearTail()
    {
        var tail = _tail!;
        if (_tailWritten <= tail.Length)
        {
            return tail[..(int)_tailWritten];
        }
        var position = (int)(_tailWritten % tail.Length);
        return [.. tail.AsSpan(position), .. tail.AsSpan(0, position)];
    }

    private void CheckZipParts()
    {
        var names = ZipCentralDirectory.ReadEntryNames(LinearTail(), Length) ?? throw Mismatch();
        var required = _type.Type switch
        {
            DocumentFileType.Docx => new[] { "[Content_Types].xml", "word/document.xml" },
            DocumentFileType.Xlsx => ["[Content_Types].xml", "xl/workbook.xml"],
            DocumentFileType.Pptx => ["[Content_Types].xml", "ppt/presentation.xml"],
            DocumentFileType.Odt => ["mimetype", "content.xml"],
            _ => [],
        };
        if (!required.All(names.Contains))
        {
            throw Mismatch();
        }
    }

    private void CheckText(ReadOnlySpan<byte> data, bool flush)
    {
        if (data.IndexOf((byte)0) >= 0)
        {
            throw new UploadRefusedException(UploadRefusals.NotText, _type.Extensions[0]);
        }
        try
        {
            var needed = data.Length + 4;
            if (_scratch is null || _scratch.Length < needed)
            {
                _scratch = new char[Math.Max(needed, 16 * 1024)];
            }
            _utf8!.GetChars(data, _scratch, flush);
        }
        catch (DecoderFallbackException)
        {
            throw new UploadRefusedException(UploadRefusals.NotText, _type.Extensions[0]);
        }
    }

    private UploadRefusedException Mismatch() => new(UploadRefusals.ContentMismatch, _type.Extensions[0]);

    public static string FormatSize(long bytes) => bytes switch
    {
        >= 1L << 30 when bytes % (1L << 30) == 0 => $"{bytes >> 30} GB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0.#} MB",
        >= 1L << 10 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes} B",
    };
}

/// <summary>Reads the names of a ZIP's parts from its central directory, found from the end of the file.</summary>
public static class ZipCentralDirectory
{
    private const uint EndOfDirectorySignature = 0x06054b50;
    private const uint Zip64LocatorSignature = 0x07064b50;
    private const uint Zip64EndSignature = 0x06064b50;
    private const uint EntrySignature = 0x02014b50;

    /// <param name="tail">The last bytes of the file (all of it when it is short).</param>
    /// <param name="fileLength">The whole file's length, to place the directory's offset within <paramref name="tail"/>.</param>
    /// <returns>The part names; null when the bytes are not a readable ZIP or the directory starts before <paramref name="tail"/>.</returns>
    public static HashSet<string>? ReadEntryNames(ReadOnlySpan<byte> tail, long fileLength)
    {
        var tailStart = fileLength - tail.Length;
        var end = -1;
        for (var i = tail.Length - 22; i >= 0 && i >= tail.Length - 22 - ushort.MaxValue; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail[i..]) == EndOfDirectorySignature
                && i + 22 + BinaryPrimitives.ReadUInt16LittleEndian(tail[(i + 20)..]) == tail.Length)
            {
                end = i;
                break;
            }
        }
        if (end < 0)
        {
            return null;
        }
        long entries = BinaryPrimitives.ReadUInt16LittleEndian(tail[(end + 10)..]);
        long directoryOffset = BinaryPrimitives.ReadUInt32LittleEndian(tail[(end + 16)..]);
        if ((directoryOffset == uint.MaxValue || entries == ushort.MaxValue) && end >= 20
            && BinaryPrimitives.ReadUInt32LittleEndian(tail[(end - 20)..]) == Zip64LocatorSignature)
        {
            var zip64End = (long)BinaryPrimitives.ReadUInt64LittleEndian(tail[(end - 12)..]) - tailStart;
            if (zip64End < 0 || zip64End + 56 > tail.Length
                || BinaryPrimitives.ReadUInt32LittleEndian(tail[(int)zip64End..]) != Zip64EndSignature)
            {
                return null;
            }
            entries = (long)BinaryPrimitives.ReadUInt64LittleEndian(tail[((int)zip64End + 32)..]);
            directoryOffset = (long)BinaryPrimitives.ReadUInt64LittleEndian(tail[((int)zip64End + 48)..]);
        }

        var position = directoryOffset - tailStart;
        if (position < 0 || position > end)
        {
            return null;
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        var p = (int)position;
        for (long n = 0; n < entries; n++)
        {
            if (p + 46 > end || BinaryPrimitives.ReadUInt32LittleEndian(tail[p..]) != EntrySignature)
            {
                return null;
            }
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(tail[(p + 28)..]);
            var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(tail[(p + 30)..]);
            var commentLength = BinaryPrimitives.ReadUInt16LittleEndian(tail[(p + 32)..]);
            if (p + 46 + nameLength > end)
            {
                return null;
            }
            names.Add(Encoding.UTF8.GetString(tail.Slice(p + 46, nameLength)));
            p += 46 + nameLength + extraLength + commentLength;
        }
        return names;
    }
}
