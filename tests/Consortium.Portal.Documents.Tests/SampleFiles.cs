using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;
using W = DocumentFormat.OpenXml.Wordprocessing;

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

    /// <summary>
    /// A Word document with what the preview shows: a heading, emphasis, a numbered and a bulleted list, a table with a
    /// header row, a web link and a script link, a line break, and text that looks like markup.
    /// </summary>
    public static byte[] RichDocx()
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var styles = main.AddNewPart<StyleDefinitionsPart>();
            styles.Styles = new Styles(
                new Style(new StyleName { Val = "heading 1" }) { Type = StyleValues.Paragraph, StyleId = "Heading1" },
                new Style(new StyleName { Val = "Title" }) { Type = StyleValues.Paragraph, StyleId = "Title" });
            var numbering = main.AddNewPart<NumberingDefinitionsPart>();
            numbering.Numbering = new Numbering(
                new AbstractNum(new Level(new NumberingFormat { Val = NumberFormatValues.Decimal }) { LevelIndex = 0 }) { AbstractNumberId = 1 },
                new AbstractNum(new Level(new NumberingFormat { Val = NumberFormatValues.Bullet }) { LevelIndex = 0 },
                    new Level(new NumberingFormat { Val = NumberFormatValues.Bullet }) { LevelIndex = 1 }) { AbstractNumberId = 2 },
                new NumberingInstance(new AbstractNumId { Val = 1 }) { NumberID = 1 },
                new NumberingInstance(new AbstractNumId { Val = 2 }) { NumberID = 2 });
            var web = main.AddHyperlinkRelationship(new Uri("https://example.org/plan?a=1&b=2"), true).Id;
            var script = main.AddHyperlinkRelationship(new Uri("javascript:alert(1)"), true).Id;

            static Run R(string text, bool bold = false, bool italic = false, bool underline = false)
            {
                var properties = new RunProperties();
                if (bold) properties.Append(new Bold());
                if (italic) properties.Append(new Italic());
                if (underline) properties.Append(new Underline { Val = UnderlineValues.Single });
                return new Run(properties, new Text(text) { Space = SpaceProcessingModeValues.Preserve });
            }
            static Paragraph Styled(string style, string text) => new(new ParagraphProperties(new ParagraphStyleId { Val = style }), R(text));
            static Paragraph Item(int list, int level, string text) => new(
                new ParagraphProperties(new NumberingProperties(new NumberingLevelReference { Val = level }, new NumberingId { Val = list })), R(text));
            static TableCell Cell(string text) => new(new Paragraph(R(text)));

            main.Document = new DocumentFormat.OpenXml.Wordprocessing.Document(new Body(
                Styled("Title", "Work plan"),
                Styled("Heading1", "Goals"),
                new Paragraph(R("The partners "), R("must", bold: true), R(" deliver "), R("on time", italic: true), R(" and "), R("in full", underline: true), R(".")),
                Item(1, 0, "First step"),
                Item(1, 0, "Second step"),
                Item(2, 0, "A point"),
                Item(2, 1, "A sub-point"),
                new Paragraph(R("<script>alert('x')</script> & <b>not bold</b>")),
                new Paragraph(new Hyperlink(R("the plan")) { Id = web }, R(" and "), new Hyperlink(R("a trap")) { Id = script }),
                new Paragraph(R("line one"), new Run(new Break()), R("line two")),
                new Table(
                    new TableRow(new TableRowProperties(new TableHeader()), Cell("Partner"), Cell("Budget")),
                    new TableRow(Cell("Prishtina"), Cell("40 000"))),
                new Paragraph(R("After the table.")),
                new Paragraph()));
        }
        return stream.ToArray();
    }

    /// <summary>A package with the parts a workbook has, enough for the content check (not a full workbook).</summary>
    /// <summary>Two paragraphs, each referring to a footnote (the second note defined first in the part), and Word's separators.</summary>
    public static byte[] DocxWithFootnotes()
    {
        using var stream = new MemoryStream();
        using (var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Create(stream, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            static W.Paragraph Referring(string text, long note) => new(
                new W.Run(new W.Text(text) { Space = DocumentFormat.OpenXml.SpaceProcessingModeValues.Preserve }),
                new W.Run(new W.RunProperties(new W.VerticalTextAlignment { Val = W.VerticalPositionValues.Superscript }), new W.FootnoteReference { Id = note }));
            main.Document = new W.Document(new W.Body(Referring("The study is due in June.", 2), Referring("It covers two towns.", 3)));
            var footnotes = main.AddNewPart<DocumentFormat.OpenXml.Packaging.FootnotesPart>();
            static W.Footnote Note(long id, string text) => new(new W.Paragraph(new W.Run(new W.FootnoteReferenceMark()), new W.Run(new W.Text(text)))) { Id = id };
            footnotes.Footnotes = new W.Footnotes(
                new W.Footnote(new W.Paragraph(new W.Run(new W.SeparatorMark()))) { Id = -1, Type = W.FootnoteEndnoteValues.Separator },
                new W.Footnote(new W.Paragraph(new W.Run(new W.ContinuationSeparatorMark()))) { Id = 0, Type = W.FootnoteEndnoteValues.ContinuationSeparator },
                Note(3, "Peja and Ferizaj."),
                Note(2, "Agreed in Skopje."));
        }
        return stream.ToArray();
    }

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

    /// <summary>
    /// An .odt as LibreOffice writes one: a heading, the Title style, emphasis from automatic and named styles, a numbered
    /// list with a bulleted list inside, a table with a header row, links (one hostile), a footnote, a comment, a deleted
    /// tracked change, a text box and an image.
    /// </summary>
    public static byte[] RichOdt()
    {
        const string namespaces = "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" " +
                                  "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" " +
                                  "xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\" xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\" " +
                                  "xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" " +
                                  "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"";
        var styles = $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-styles {namespaces}><office:styles>" +
                     "<style:style style:name=\"Title\" style:display-name=\"Title\" style:family=\"paragraph\"/>" +
                     "<style:style style:name=\"Strong_20_Emphasis\" style:display-name=\"Strong Emphasis\" style:family=\"text\"><style:text-properties fo:font-weight=\"bold\"/></style:style>" +
                     "</office:styles></office:document-styles>";
        var content = $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content {namespaces}><office:automatic-styles>" +
                      "<style:style style:name=\"P1\" style:family=\"paragraph\" style:parent-style-name=\"Title\"/>" +
                      "<style:style style:name=\"T1\" style:family=\"text\"><style:text-properties fo:font-style=\"italic\"/></style:style>" +
                      "<style:style style:name=\"T2\" style:family=\"text\"><style:text-properties style:text-underline-style=\"solid\"/></style:style>" +
                      "<style:style style:name=\"T3\" style:family=\"text\"><style:text-properties style:text-line-through-style=\"solid\"/></style:style>" +
                      "<text:list-style style:name=\"L1\"><text:list-level-style-number text:level=\"1\"/><text:list-level-style-bullet text:level=\"2\"/></text:list-style>" +
                      "</office:automatic-styles><office:body><office:text>" +
                      "<text:tracked-changes><text:changed-region text:id=\"c1\"><text:deletion><office:change-info><dc:creator>Ana</dc:creator></office:change-info>" +
                      "<text:p>Removed sentence.</text:p></text:deletion></text:changed-region></text:tracked-changes>" +
                      "<text:p text:style-name=\"P1\">Forum work plan</text:p>" +
                      "<text:h text:outline-level=\"1\">Goals</text:h>" +
                      "<text:p>We <text:span text:style-name=\"Strong_20_Emphasis\">must</text:span> report <text:span text:style-name=\"T1\">on time</text:span>," +
                      "<text:s text:c=\"2\"/><text:span text:style-name=\"T2\">in full</text:span> and <text:span text:style-name=\"T3\">late</text:span>" +
                      "<office:annotation><dc:creator>Rina</dc:creator><dc:date>2026-12-01T10:00:00</dc:date><text:p>A reviewer's remark</text:p></office:annotation>" +
                      "<text:change text:change-id=\"c1\"/>.<text:note text:id=\"ftn1\" text:note-class=\"footnote\"><text:note-citation>1</text:note-citation>" +
                      "<text:note-body><text:p>Agreed in Skopje.</text:p></text:note-body></text:note></text:p>" +
                      "<text:list text:style-name=\"L1\"><text:list-item><text:p>First step</text:p></text:list-item>" +
                      "<text:list-item><text:p>Second step</text:p><text:list><text:list-item><text:p>A sub-point</text:p></text:list-item></text:list></text:list-item></text:list>" +
                      "<table:table table:name=\"Partners\"><table:table-header-rows><table:table-row><table:table-cell><text:p>Partner</text:p></table:table-cell>" +
                      "<table:table-cell><text:p>Town</text:p></table:table-cell></table:table-row></table:table-header-rows>" +
                      "<table:table-row><table:table-cell table:number-columns-spanned=\"2\"><text:p>Prishtina</text:p></table:table-cell><table:covered-table-cell/></table:table-row></table:table>" +
                      "<text:p>See <text:a xlink:href=\"https://example.org/plan?a=1&amp;b=2\">the plan</text:a> and <text:a xlink:href=\"javascript:alert(1)\">a trap</text:a>" +
                      "<text:tab/>&lt;script&gt;alert(3)&lt;/script&gt;<text:line-break/>line two</text:p>" +
                      "<text:p>A map<draw:frame draw:name=\"Map\"><svg:title>Map of the towns</svg:title><draw:image xlink:href=\"Pictures/map.png\"/></draw:frame>" +
                      "<draw:frame draw:name=\"Box\"><draw:text-box><text:p>Boxed note</text:p></draw:text-box></draw:frame></text:p>" +
                      "</office:text></office:body></office:document-content>";
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Entry(string name, byte[] bytes, CompressionLevel level)
            {
                using var entry = zip.CreateEntry(name, level).Open();
                entry.Write(bytes);
            }
            Entry("mimetype", Encoding.ASCII.GetBytes("application/vnd.oasis.opendocument.text"), CompressionLevel.NoCompression);
            Entry("content.xml", Encoding.UTF8.GetBytes(content), CompressionLevel.Optimal);
            Entry("styles.xml", Encoding.UTF8.GetBytes(styles), CompressionLevel.Optimal);
            Entry("Pictures/map.png", Png, CompressionLevel.NoCompression);
            Entry("META-INF/manifest.xml", Encoding.UTF8.GetBytes("<manifest/>"), CompressionLevel.Optimal);
        }
        return stream.ToArray();
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
