using System.Text;
using DocumentFormat.OpenXml.Packaging;
using UglyToad.PdfPig;

namespace Consortium.Portal.Documents;

/// <summary>
/// The plain text of a stored file, for diffs, anchors and search: paragraphs of a .docx (Open XML SDK) or .odt
/// (content.xml of the package), pages of a .pdf (PdfPig), the content of .md and .txt. The text of a document is never
/// executed or rendered here; it is only read.
/// </summary>
public static class TextExtraction
{
    /// <summary>Text beyond this is cut: a diff or a search index of more is of no use to a reader.</summary>
    public const int MaxTextLength = 2_000_000;

    /// <summary>Packages and PDFs larger than this are not opened for their text: reading them would take the server's memory.</summary>
    public const long MaxExtractableBytes = 100L * 1024 * 1024;

    /// <param name="content">A seekable copy of the file (the packages and PDF need to move around in it).</param>
    public static string Extract(DocumentFileType type, Stream content)
    {
        var text = type switch
        {
            DocumentFileType.Docx => FromDocx(content),
            DocumentFileType.Odt => FromOdt(content),
            DocumentFileType.Pdf => FromPdf(content),
            DocumentFileType.Markdown or DocumentFileType.Text => FromText(content),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "This type has no text."),
        };
        return text.Length <= MaxTextLength ? text : text[..MaxTextLength];
    }

    public static string FromText(Stream content)
    {
        using var reader = new StreamReader(content, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var buffer = new char[MaxTextLength];
        var read = reader.ReadBlock(buffer, 0, buffer.Length);
        var text = new string(buffer, 0, read);
        // One kind of line end, so offsets mean the same in the browser and here.
        return text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
    }

    private static string FromDocx(Stream content)
    {
        using var document = WordprocessingDocument.Open(content, isEditable: false);
        var body = document.MainDocumentPart?.Document?.Body;
        if (body is null)
        {
            return "";
        }
        var text = new StringBuilder();
        var notes = new List<long>();
        foreach (var paragraph in body.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>())
        {
            AppendParagraph(text, paragraph, notes);
        }
        // The footnotes follow the body, in the order they are referred to (as the preview lists them), so the body's
        // offsets are the same with or without them.
        if (document.MainDocumentPart?.FootnotesPart?.Footnotes is { } footnotes)
        {
            foreach (var id in notes)
            {
                var note = footnotes.Elements<DocumentFormat.OpenXml.Wordprocessing.Footnote>().FirstOrDefault(f => f.Id?.Value == id);
                foreach (var paragraph in note?.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>() ?? [])
                {
                    AppendParagraph(text, paragraph, null);
                }
            }
        }
        return text.ToString().TrimEnd('\n');
    }

    /// <summary>A paragraph's text and its end; the footnotes it refers to are added to <paramref name="notes"/>.</summary>
    private static void AppendParagraph(StringBuilder text, DocumentFormat.OpenXml.Wordprocessing.Paragraph paragraph, List<long>? notes)
    {
        foreach (var element in paragraph.Descendants())
        {
            switch (element)
            {
                case DocumentFormat.OpenXml.Wordprocessing.Text t:
                    text.Append(t.Text);
                    break;
                case DocumentFormat.OpenXml.Wordprocessing.TabChar:
                    text.Append('\t');
                    break;
                case DocumentFormat.OpenXml.Wordprocessing.Break:
                    text.Append('\n');
                    break;
                case DocumentFormat.OpenXml.Wordprocessing.FootnoteReference { Id.Value: var id }:
                    notes?.Add(id);
                    break;
            }
        }
        if (!DocxParagraphs.EndIsDeleted(paragraph))
        {
            text.Append('\n');
        }
    }

    /// <summary>The text the .odt preview shows (<see cref="OdtWriter"/>): one walk writes both, so selections anchor alike.</summary>
    private static string FromOdt(Stream content) => OdtWriter.Convert(content, int.MaxValue, withImages: false)!.Text;

    /// <summary>
    /// A PDF larger than this whose end has no cross-reference pointer is not opened. PdfPig then searches the whole file
    /// for its objects, at about a megabyte a second of CPU on the benchmark machine: minutes of both cores for a large
    /// damaged (or hostile) file, which would hold up every other background job.
    /// </summary>
    public const long MaxPdfBytesWithoutCrossReference = 4L * 1024 * 1024;

    private static string FromPdf(Stream content)
    {
        if (content.Length > MaxPdfBytesWithoutCrossReference && !EndsWithCrossReferencePointer(content))
        {
            throw new InvalidDataException("The PDF has no cross-reference pointer (startxref) at its end; a file this large is not searched for its objects.");
        }
        using var pdf = PdfDocument.Open(content);
        var text = new StringBuilder();
        foreach (var page in pdf.GetPages())
        {
            var words = page.GetWords().ToList();
            double? lastBaseline = null;
            foreach (var word in words)
            {
                var baseline = word.BoundingBox.Bottom;
                if (lastBaseline is { } previous)
                {
                    text.Append(Math.Abs(previous - baseline) > word.BoundingBox.Height * 0.5 ? '\n' : ' ');
                }
                text.Append(word.Text);
                lastBaseline = baseline;
            }
            text.Append("\n\n");
        }
        return text.ToString().TrimEnd('\n');
    }

    /// <summary>Whether "startxref" is in the last 4 KB (the format puts it in the last 1,024 bytes; writers add a little).</summary>
    public static bool EndsWithCrossReferencePointer(Stream content)
    {
        var tail = new byte[(int)Math.Min(4096, content.Length)];
        content.Seek(-tail.Length, SeekOrigin.End);
        content.ReadExactly(tail);
        content.Seek(0, SeekOrigin.Begin);
        return tail.AsSpan().IndexOf("startxref"u8) >= 0;
    }
}
