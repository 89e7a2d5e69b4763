using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using W = DocumentFormat.OpenXml.Wordprocessing;
using A = DocumentFormat.OpenXml.Drawing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;

namespace Consortium.Portal.Documents;

/// <summary>A .docx shown as HTML, and the text of that HTML (what the browser's text content of it is).</summary>
public sealed record DocumentHtml(string Html, string Text);

/// <summary>
/// A Word document as HTML for the preview: headings (by paragraph style), paragraphs, bold, italic, underline and
/// strike-through, numbered and bulleted lists, tables, links to web and mail addresses, and small images from the
/// package. The HTML is written here element by element, and every piece of the file's text and every attribute value
/// goes through the HTML encoder: nothing the file says is ever taken as markup.
/// <para>
/// Reviewers select passages of the preview, and the browser counts the selection's offsets in the preview's text
/// content, which must be the version's text (<see cref="TextExtraction"/>). So the paragraphs come in the same order as
/// there, each followed by a newline between the elements (whitespace the browser does not show), a line break is
/// "&lt;br&gt;" and a newline, and list numbers are the browser's own markers, which are not text.
/// </para>
/// </summary>
public static partial class DocumentHtmlConversion
{
    /// <summary>An image larger than this is left out (the preview carries images inline, in the page).</summary>
    public const int MaxImageBytes = 512 * 1024;

    /// <summary>All images of a document together; the rest are left out.</summary>
    public const int MaxImagesBytes = 4 * 1024 * 1024;

    /// <summary>A document whose text is longer than this is shown as text: HTML of it would be too much for a page.</summary>
    public const int MaxTextLength = 400_000;

    private static readonly Dictionary<string, string> ImageTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["image/png"] = "image/png",
        ["image/jpeg"] = "image/jpeg",
        ["image/gif"] = "image/gif",
    };

    /// <summary>The HTML of a .docx; null when it is too long to show as HTML.</summary>
    /// <param name="content">A seekable copy of the file.</param>
    public static DocumentHtml? FromDocx(Stream content)
    {
        using var document = WordprocessingDocument.Open(content, isEditable: false);
        var main = document.MainDocumentPart;
        var body = main?.Document?.Body;
        if (main is null || body is null)
        {
            return new DocumentHtml("", "");
        }
        var writer = new DocxWriter(main);
        writer.Blocks(body);
        return writer.Finish();
    }

    /// <summary>Whether a link's address may be followed from the preview: only absolute web and mail addresses.</summary>
    public static bool IsSafeLink(Uri? address)
        => address is { IsAbsoluteUri: true } && (address.Scheme == Uri.UriSchemeHttps || address.Scheme == Uri.UriSchemeHttp || address.Scheme == Uri.UriSchemeMailto);

    private sealed class DocxWriter(MainDocumentPart main) : PreviewHtmlWriter(MaxTextLength)
    {
        public DocumentHtml? Finish()
        {
            CloseLists();
            Footnotes();
            return Result();
        }

        /// <summary>The paragraphs and tables inside a container, in document order (content controls and custom XML are looked through).</summary>
        public void Blocks(OpenXmlElement container)
        {
            foreach (var child in container.ChildElements)
            {
                if (TooLong)
                {
                    return;
                }
                switch (child)
                {
                    case W.Paragraph paragraph:
                        Paragraph(paragraph);
                        break;
                    case W.Table table:
                        Table(table);
                        break;
                    default:
                        if (child.Descendants<W.Paragraph>().Any())
                        {
                            Blocks(child);
                        }
                        break;
                }
            }
        }

        private void Table(W.Table table) => Table(() =>
        {
            foreach (var row in table.Descendants<W.TableRow>().Where(r => r.Ancestors<W.Table>().First() == table))
            {
                var header = row.TableRowProperties?.GetFirstChild<W.TableHeader>() is not null;
                Row(() =>
                {
                    foreach (var cell in row.Descendants<W.TableCell>().Where(c => c.Ancestors<W.TableRow>().First() == row))
                    {
                        Cell(header, cell.TableCellProperties?.GridSpan?.Val?.Value ?? 1, () => Blocks(cell));
                    }
                });
            }
        });

        private void Paragraph(W.Paragraph paragraph)
        {
            var (listTag, level) = ListOf(paragraph);
            var heading = listTag is null ? HeadingLevel(paragraph) : null;
            string tag;
            if (listTag is not null)
            {
                OpenListItem(listTag, level);
                tag = "p";
            }
            else
            {
                CloseLists();
                tag = heading is { } h ? "h" + h : "p";
            }
            // A paragraph whose mark is a tracked deletion stays a block of its own, as Word's markup view shows it, but
            // its text runs on into the next one's, as the extracted text does.
            Block(tag, () => Content(paragraph), runsOn: DocxParagraphs.EndIsDeleted(paragraph));
            // Paragraphs inside this one (text boxes) follow it, as in the extracted text, which reads them twice.
            foreach (var inner in paragraph.Descendants<W.Paragraph>())
            {
                Block("p", () => Content(inner));
            }
        }

        /// <summary>The runs of a paragraph: its text with emphasis and links, tabs, line breaks and images.</summary>
        private void Content(W.Paragraph paragraph)
        {
            Format? open = null;
            foreach (var element in paragraph.Descendants())
            {
                switch (element)
                {
                    case W.Text text:
                        open = Switch(open, FormatOf(element));
                        Append(text.Text);
                        break;
                    case W.TabChar:
                        open = Switch(open, FormatOf(element));
                        Append("\t");
                        break;
                    case W.Break:
                        open = Switch(open, FormatOf(element));
                        LineBreak();
                        break;
                    case W.Drawing drawing:
                        open = Switch(open, FormatOf(element));
                        Image(drawing);
                        break;
                    case W.FootnoteReference { Id.Value: var id }:
                        _footnotes.Add(id);
                        FootnoteReference(_footnotes.Count);
                        break;
                }
                if (TooLong)
                {
                    break;
                }
            }
            Switch(open, null);
        }

        // The footnotes referred to, in the order of their references (TextExtraction reads them in this order too).
        private readonly List<long> _footnotes = [];

        /// <summary>The footnotes after the body, numbered as their references; their text follows the body's in the text.</summary>
        private void Footnotes()
        {
            var notes = main.FootnotesPart?.Footnotes;
            Footnotes(_footnotes.Count, i =>
            {
                if (notes?.Elements<W.Footnote>().FirstOrDefault(f => f.Id?.Value == _footnotes[i]) is { } note)
                {
                    Blocks(note);
                }
            });
        }

        private Format FormatOf(OpenXmlElement element)
        {
            var properties = element.Parent is W.Run run ? run.RunProperties : null;
            var link = element.Ancestors<W.Hyperlink>().FirstOrDefault() is { Id.Value: { } id }
                ? main.HyperlinkRelationships.FirstOrDefault(r => r.Id == id)?.Uri
                : null;
            return new Format(
                On(properties?.Bold),
                On(properties?.Italic),
                properties?.Underline is { } u && (u.Val is null || u.Val.Value != W.UnderlineValues.None),
                On(properties?.Strike),
                IsSafeLink(link) ? link!.AbsoluteUri : null,
                // A tracked insertion (an accepted suggestion, say) is shown as one; deleted text is not in the text, so not shown.
                element.Ancestors<W.InsertedRun>().Any());
            // A toggle property present without a value is on.
            static bool On(W.OnOffType? toggle) => toggle is not null && (toggle.Val is not { HasValue: true } value || value.Value);
        }

        private void Image(W.Drawing drawing)
        {
            if (drawing.Descendants<A.Blip>().FirstOrDefault()?.Embed?.Value is not { } id)
            {
                return;
            }
            ImagePart? part;
            try
            {
                part = main.GetPartById(id) as ImagePart;
            }
            catch (ArgumentOutOfRangeException)
            {
                return;
            }
            if (part is null || !ImageTypes.TryGetValue(part.ContentType, out var type))
            {
                return;
            }
            using var stream = part.GetStream(FileMode.Open, FileAccess.Read);
            var properties = drawing.Descendants<DW.DocProperties>().FirstOrDefault();
            Image(stream, type, properties?.Description?.Value ?? properties?.Title?.Value ?? "");
        }

        /// <summary>1 to 6 for a heading (Word's Title and "heading 1" are the document's first level), null for body text.</summary>
        private int? HeadingLevel(W.Paragraph paragraph)
        {
            var styleId = paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value;
            if (styleId is null)
            {
                return null;
            }
            var name = main.StyleDefinitionsPart?.Styles?.Elements<W.Style>().FirstOrDefault(s => s.StyleId?.Value == styleId)?.StyleName?.Val?.Value ?? styleId;
            var compact = name.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
            if (compact is "title")
            {
                return 2;
            }
            // The page's own title is the h1: the document's headings start at h2.
            return compact.StartsWith("heading", StringComparison.Ordinal) && int.TryParse(compact["heading".Length..], out var n) && n is >= 1 and <= 9
                ? Math.Min(n + 1, 6)
                : null;
        }

        /// <summary>The list a paragraph is an item of (ol or ul) and its level; (null, 0) when it is no list item.</summary>
        private (string? Tag, int Level) ListOf(W.Paragraph paragraph)
        {
            var numbering = paragraph.ParagraphProperties?.NumberingProperties;
            var numId = numbering?.NumberingId?.Val?.Value;
            if (numId is null or 0)
            {
                return (null, 0);
            }
            var level = Math.Clamp(numbering!.NumberingLevelReference?.Val?.Value ?? 0, 0, 8);
            var definitions = main.NumberingDefinitionsPart?.Numbering;
            var instance = definitions?.Elements<W.NumberingInstance>().FirstOrDefault(n => n.NumberID?.Value == numId);
            var abstractId = instance?.AbstractNumId?.Val?.Value;
            var format = definitions?.Elements<W.AbstractNum>().FirstOrDefault(a => a.AbstractNumberId?.Value == abstractId)
                ?.Elements<W.Level>().FirstOrDefault(l => l.LevelIndex?.Value == level)?.NumberingFormat?.Val;
            var bullet = format is null || format.Value == W.NumberFormatValues.Bullet;
            return (bullet ? "ul" : "ol", level);
        }
    }
}
