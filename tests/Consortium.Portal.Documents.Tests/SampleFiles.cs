using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Consortium.Portal.Documents.Tests;

/// <summary>Small real files of every allowed type, made in memory (shared with the integration tests).</summary>
public static class SampleFiles
{
    public static byte[] Docx(params string[] paragraphs)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new DocumentFormat.OpenXml.Wordprocessing.Document(new Body(
                paragraphs.Select(p => new Paragraph(new Run(new Text(p) { Space = SpaceProcessingModeValues.Preserve })))));
        }
        return stream.ToArray();
    }

    /// <summary>A package with the parts a workbook has, enough for the content check (not a full workbook).</summary>
    public static byte[] Xlsx() => Zip(
        ("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/></Types>", CompressionLevel.Optimal),
        ("_rels/.rels", "<Relationships/>", CompressionLevel.Optimal),
        ("xl/workbook.xml", "<workbook/>", CompressionLevel.Optimal));

    public static byte[] Pptx() => Zip(
        ("[Content_Types].xml", "<Types/>", CompressionLevel.Optimal),
        ("ppt/presentation.xml", "<presentation/>", CompressionLevel.Optimal));

    public static byte[] Odt(params string[] paragraphs)
    {
        var body = string.Concat(paragraphs.Select(p => $"<text:p>{System.Security.SecurityElement.Escape(p)}</text:p>"));
        var content = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" +
                      "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" " +
                      "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:text>" +
                      body + "</office:text></office:body></office:document-content>";
        return Zip(
            ("mimetype", "application/vnd.oasis.opendocument.text", CompressionLevel.NoCompression),
            ("content.xml", content, CompressionLevel.Optimal),
            ("META-INF/manifest.xml", "<manifest/>", CompressionLevel.Optimal));
    }

    public static byte[] Pdf(params string[] lines)
    {
        var builder = new PdfDocumentBuilder();
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var y = 780.0;
        foreach (var line in lines)
        {
            page.AddText(line, 12, new PdfPoint(40, y), font);
            y -= 20;
        }
        return builder.Build();
    }

    public static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    public static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xFF, 0xD9];

    public static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);

    public static byte[] Zip(params (string Name, string Content, CompressionLevel Level)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content, level) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name, level).Open(), new UTF8Encoding(false));
                writer.Write(content);
            }
        }
        return stream.ToArray();
    }
}
