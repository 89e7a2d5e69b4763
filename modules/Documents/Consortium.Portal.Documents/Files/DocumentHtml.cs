using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
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
public static class DocumentHtmlConversion
{
    /// <summary>An image larger than this is left out (the preview carries images inline, in the page).</summary>
    public const int MaxImageBytes = 512 * 1024;

    /// <summary>All images of a document together; the rest are left out.</summary>
    public const int MaxImagesBytes = 4 * 1024 * 1024;

    /// <summary>A document whose text is longer than this is shown as text: HTML of it would be too much for a page.</summary>
    public const int MaxTextLength = 400_000;

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

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

    private sealed class DocxWriter(MainDocumentPart main)
    {
        private readonly StringBuilder _html = new();
        private readonly StringBuilder _text = new();
        // Where each newline is in the HTML and in the text: those at the very end are dropped, as the text drops them.
        private readonly List<(int Html, int Text)> _newlines = [];
        private readonly Stack<(string Tag, bool ItemOpen)> _lists = new();
        private int _imageBytes;
        private bool _tooLong;

        public DocumentHtml? Finish()
        {
            CloseLists();
            Footnotes();
            if (_tooLong)
            {
                return null;
            }
            var length = _text.ToString().TrimEnd('\n').Length;
            for (var i = _newlines.Count - 1; i >= 0 && _newlines[i].Text >= length; i--)
            {
                _html.Remove(_newlines[i].Html, 1);
            }
            return new DocumentHtml(_html.ToString(), _text.ToString(0, length));
        }

        /// <summary>The paragraphs and tables inside a container, in document order (content controls and custom XML are looked through).</summary>
        public void Blocks(OpenXmlElement container)
        {
            foreach (var child in container.ChildElements)
            {
                if (_tooLong)
                {
                    return;
                }
                switch (child)
                {
                    case W.Paragraph paragraph:
                        Paragraph(paragraph);
                        break;
                    case W.Table table:
                        CloseLists();
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

        private void Table(W.Table table)
        {
            _html.Append("<div class=\"documents-table\"><table>");
            foreach (var row in table.Descendants<W.TableRow>().Where(r => r.Ancestors<W.Table>().First() == table))
            {
                _html.Append("<tr>");
                var header = row.TableRowProperties?.GetFirstChild<W.TableHeader>() is not null;
                foreach (var cell in row.Descendants<W.TableCell>().Where(c => c.Ancestors<W.TableRow>().First() == row))
                {
                    var span = cell.TableCellProperties?.GridSpan?.Val?.Value is > 1 and var s ? $" colspan=\"{Math.Min(s, 1000)}\"" : "";
                    _html.Append(header ? "<th scope=\"col\"" : "<td").Append(span).Append('>');
                    Blocks(cell);
                    CloseLists();
                    _html.Append(header ? "</th>" : "</td>");
                }
                _html.Append("</tr>");
            }
            _html.Append("</table></div>");
        }

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
            _html.Append('<').Append(tag).Append('>');
            Content(paragraph);
            _html.Append("</").Append(tag).Append('>');
            Newline();
            // Paragraphs inside this one (text boxes) follow it, as in the extracted text, which reads them twice.
            foreach (var inner in paragraph.Descendants<W.Paragraph>())
            {
                _html.Append("<p>");
                Content(inner);
                _html.Append("</p>");
                Newline();
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
                        _html.Append("<br>");
                        Newline();
                        break;
                    case W.Drawing drawing:
                        open = Switch(open, FormatOf(element));
                        Image(drawing);
                        break;
                    case W.FootnoteReference { Id.Value: var id }:
                        // Its number is drawn by CSS from data-note, so it adds nothing to the text content.
                        _footnotes.Add(id);
                        var number = _footnotes.Count;
                        _html.Append("<sup class=\"documents-footnote-ref\"><a href=\"#docx-footnote-").Append(number)
                            .Append("\" id=\"docx-footnote-ref-").Append(number).Append("\" data-note=\"").Append(number)
                            .Append("\" aria-label=\"").Append(number).Append("\"></a></sup>");
                        break;
                }
                if (_text.Length > MaxTextLength)
                {
                    _tooLong = true;
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
            if (_footnotes.Count == 0 || _tooLong)
            {
                return;
            }
            var notes = main.FootnotesPart?.Footnotes;
            _html.Append("<ol class=\"documents-footnotes\">");
            for (var i = 0; i < _footnotes.Count && !_tooLong; i++)
            {
                _html.Append("<li id=\"docx-footnote-").Append(i + 1).Append("\">");
                if (notes?.Elements<W.Footnote>().FirstOrDefault(f => f.Id?.Value == _footnotes[i]) is { } note)
                {
                    Blocks(note);
                    CloseLists();
                }
                _html.Append("</li>");
            }
            _html.Append("</ol>");
        }

        private sealed record Format(bool Bold, bool Italic, bool Underline, bool Strike, string? Link, bool Inserted);

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

        /// <summary>Closes the elements of the last format and opens those of the next, when they differ.</summary>
        private Format? Switch(Format? open, Format? next)
        {
            if (open == next)
            {
                return open;
            }
            if (open is not null)
            {
                if (open.Strike) _html.Append("</s>");
                if (open.Underline) _html.Append("</u>");
                if (open.Italic) _html.Append("</em>");
                if (open.Bold) _html.Append("</strong>");
                if (open.Link is not null) _html.Append("</a>");
                if (open.Inserted) _html.Append("</ins>");
            }
            if (next is not null)
            {
                if (next.Inserted) _html.Append("<ins>");
                if (next.Link is not null) _html.Append("<a href=\"").Append(Encoder.Encode(next.Link)).Append("\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">");
                if (next.Bold) _html.Append("<strong>");
                if (next.Italic) _html.Append("<em>");
                if (next.Underline) _html.Append("<u>");
                if (next.Strike) _html.Append("<s>");
            }
            return next;
        }

        private void Append(string text)
        {
            // NUL characters are dropped from the stored text (PostgreSQL refuses them), so here too.
            var lines = text.Replace("\0", "", StringComparison.Ordinal).Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (i > 0)
                {
                    Newline();
                }
                _html.Append(Encoder.Encode(lines[i]));
                _text.Append(lines[i]);
            }
        }

        private void Newline()
        {
            _newlines.Add((_html.Length, _text.Length));
            _html.Append('\n');
            _text.Append('\n');
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
            using var copy = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                copy.Write(buffer, 0, read);
                if (copy.Length > MaxImageBytes || _imageBytes + copy.Length > MaxImagesBytes)
                {
                    return;
                }
            }
            _imageBytes += (int)copy.Length;
            var properties = drawing.Descendants<DW.DocProperties>().FirstOrDefault();
            var alt = properties?.Description?.Value ?? properties?.Title?.Value ?? "";
            _html.Append("<img src=\"data:").Append(type).Append(";base64,").Append(Convert.ToBase64String(copy.GetBuffer(), 0, (int)copy.Length))
                .Append("\" alt=\"").Append(Encoder.Encode(alt)).Append("\">");
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

        /// <summary>Opens an item of a list at a level: lists inside a list sit in its open item, as HTML wants them.</summary>
        private void OpenListItem(string tag, int level)
        {
            while (_lists.Count > level + 1)
            {
                CloseList();
            }
            if (_lists.Count == level + 1 && _lists.Peek().Tag != tag)
            {
                CloseList();
            }
            while (_lists.Count < level + 1)
            {
                if (_lists.Count > 0 && !_lists.Peek().ItemOpen)
                {
                    var (outer, _) = _lists.Pop();
                    _html.Append("<li>");
                    _lists.Push((outer, true));
                }
                _html.Append('<').Append(tag).Append('>');
                _lists.Push((tag, false));
            }
            var (current, itemOpen) = _lists.Pop();
            if (itemOpen)
            {
                _html.Append("</li>");
            }
            _html.Append("<li>");
            _lists.Push((current, true));
        }

        private void CloseList()
        {
            var (tag, itemOpen) = _lists.Pop();
            if (itemOpen)
            {
                _html.Append("</li>");
            }
            _html.Append("</").Append(tag).Append('>');
        }

        private void CloseLists()
        {
            while (_lists.Count > 0)
            {
                CloseList();
            }
        }
    }
}
