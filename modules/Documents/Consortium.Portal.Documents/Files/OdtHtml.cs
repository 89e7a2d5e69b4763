using System.IO.Compression;
using System.Xml;
using System.Xml.Linq;

namespace Consortium.Portal.Documents;

public static partial class DocumentHtmlConversion
{
    /// <summary>The HTML of an OpenDocument text (.odt); null when it is too long to show as HTML.</summary>
    /// <param name="content">A seekable copy of the file.</param>
    /// <exception cref="InvalidDataException">The package has no content.xml.</exception>
    /// <exception cref="XmlException">Its XML is not well formed, or a part is too large.</exception>
    public static DocumentHtml? FromOdt(Stream content) => OdtWriter.Convert(content, MaxTextLength, withImages: true);
}

/// <summary>
/// An OpenDocument text read for its preview and its text: headings (text:h by outline level, and the Title paragraph
/// style), paragraphs, bold, italic, underline and strike-through from the document's styles, numbered and bulleted
/// lists (by their list styles), tables, links to web and mail addresses, notes after the body (as the .docx preview
/// lists footnotes), text boxes after their paragraph, and small images of the package.
/// <para>
/// One walk writes both the HTML and the text, and <see cref="TextExtraction"/> takes its text from it, so the preview's
/// text content is the stored text by construction. Comments (office:annotation) and the deleted text of tracked changes
/// are in the file but are not the document's text: the walk leaves them out.
/// </para>
/// </summary>
internal sealed class OdtWriter : PreviewHtmlWriter
{
    /// <summary>An XML part larger than this (uncompressed, in characters) is not read: a page of it would be of no use.</summary>
    private const long MaxPartCharacters = 64L * 1024 * 1024;

    private static readonly XNamespace Office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
    private static readonly XNamespace Text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
    private static readonly XNamespace TableNs = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
    private static readonly XNamespace Style = "urn:oasis:names:tc:opendocument:xmlns:style:1.0";
    private static readonly XNamespace Fo = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0";
    private static readonly XNamespace Draw = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0";
    private static readonly XNamespace Svg = "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0";
    private static readonly XNamespace XLink = "http://www.w3.org/1999/xlink";

    private static readonly Dictionary<string, string> ImageTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".gif"] = "image/gif",
    };

    private readonly ZipArchive _package;
    private readonly bool _withImages;
    private readonly Dictionary<(string Family, string Name), StyleInfo> _styles = [];
    // Whether each level (from 1) of a list style is numbered; a level not defined is a bullet.
    private readonly Dictionary<string, Dictionary<int, bool>> _listStyles = [];
    private readonly List<XElement> _notes = [];

    private OdtWriter(ZipArchive package, int maxTextLength, bool withImages) : base(maxTextLength)
    {
        _package = package;
        _withImages = withImages;
    }

    /// <summary>The document's HTML and text; null when the text is longer than <paramref name="maxTextLength"/>.</summary>
    public static DocumentHtml? Convert(Stream content, int maxTextLength, bool withImages)
    {
        using var package = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
        var body = Load(package.GetEntry("content.xml") ?? throw new InvalidDataException("The package has no content.xml."));
        var writer = new OdtWriter(package, maxTextLength, withImages);
        if (package.GetEntry("styles.xml") is { } stylesEntry)
        {
            writer.ReadStyles(Load(stylesEntry));
        }
        writer.ReadStyles(body);
        if (body.Root?.Element(Office + "body")?.Element(Office + "text") is { } text)
        {
            writer.Blocks(text);
        }
        writer.CloseLists();
        writer.Footnotes(writer._notes.Count, i => writer.Blocks(writer._notes[i]));
        return writer.Result();
    }

    /// <summary>An XML part of the package, without DTDs or external entities, and bounded in size (a small package may unzip to a huge part).</summary>
    private static XDocument Load(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = MaxPartCharacters };
        using var reader = XmlReader.Create(stream, settings);
        return XDocument.Load(reader);
    }

    private sealed record StyleInfo(string Name, string? Parent, bool? Bold, bool? Italic, bool? Underline, bool? Strike);

    /// <summary>The named and automatic styles of a part: their emphasis, their parents, and the list styles' kinds per level.</summary>
    private void ReadStyles(XDocument part)
    {
        foreach (var style in part.Descendants(Style + "style"))
        {
            if (style.Attribute(Style + "name")?.Value is not { } name)
            {
                continue;
            }
            var family = style.Attribute(Style + "family")?.Value ?? "";
            var properties = style.Element(Style + "text-properties");
            _styles[(family, name)] = new StyleInfo(
                style.Attribute(Style + "display-name")?.Value ?? name,
                style.Attribute(Style + "parent-style-name")?.Value,
                properties?.Attribute(Fo + "font-weight")?.Value is { } weight ? weight == "bold" || (int.TryParse(weight, out var w) && w >= 600) : null,
                properties?.Attribute(Fo + "font-style")?.Value is { } slant ? slant is "italic" or "oblique" : null,
                properties?.Attribute(Style + "text-underline-style")?.Value is { } underline ? underline != "none" : null,
                properties?.Attribute(Style + "text-line-through-style")?.Value is { } strike ? strike != "none" : null);
        }
        foreach (var list in part.Descendants(Text + "list-style"))
        {
            if (list.Attribute(Style + "name")?.Value is not { } name)
            {
                continue;
            }
            var levels = new Dictionary<int, bool>();
            foreach (var level in list.Elements())
            {
                if (int.TryParse(level.Attribute(Text + "level")?.Value, out var number))
                {
                    levels[number] = level.Name == Text + "list-level-style-number";
                }
            }
            _listStyles[name] = levels;
        }
    }

    /// <summary>A style's emphasis over its parents' (a parent chain is followed ten styles deep at most).</summary>
    private Format Emphasis(string family, string? name, Format inherited)
    {
        bool? bold = null, italic = null, underline = null, strike = null;
        for (var depth = 0; depth < 10 && name is not null && _styles.TryGetValue((family, name), out var style); depth++)
        {
            bold ??= style.Bold;
            italic ??= style.Italic;
            underline ??= style.Underline;
            strike ??= style.Strike;
            name = style.Parent;
        }
        return inherited with
        {
            Bold = bold ?? inherited.Bold,
            Italic = italic ?? inherited.Italic,
            Underline = underline ?? inherited.Underline,
            Strike = strike ?? inherited.Strike,
        };
    }

    /// <summary>Whether a paragraph style is the document's title, or is based on it.</summary>
    private bool IsTitle(string? name)
    {
        for (var depth = 0; depth < 10 && name is not null && _styles.TryGetValue(("paragraph", name), out var style); depth++)
        {
            if (string.Equals(style.Name, "Title", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "Title", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
            name = style.Parent;
        }
        return false;
    }

    /// <summary>The paragraphs, lists and tables of a container, in document order; sections and indexes are looked through.</summary>
    private void Blocks(XElement container)
    {
        foreach (var child in container.Elements())
        {
            if (TooLong)
            {
                return;
            }
            if (child.Name == Text + "p" || child.Name == Text + "h")
            {
                CloseLists();
                Paragraph(child);
            }
            else if (child.Name == Text + "list")
            {
                List(child, 0, null);
            }
            else if (child.Name == TableNs + "table")
            {
                Table(child);
            }
            else if (child.Name != Text + "tracked-changes" && child.Name.Namespace == Text
                     && child.Descendants().Any(d => d.Name == Text + "p" || d.Name == Text + "h"))
            {
                Blocks(child);
            }
        }
    }

    private void Paragraph(XElement paragraph)
    {
        var styleName = paragraph.Attribute(Text + "style-name")?.Value;
        string tag;
        var format = new Format(false, false, false, false, null, false);
        if (paragraph.Name == Text + "h")
        {
            // The page's own title is the h1: the document's headings start at h2. A heading's own weight is its style, not emphasis.
            var level = int.TryParse(paragraph.Attribute(Text + "outline-level")?.Value, out var n) ? Math.Clamp(n, 1, 9) : 1;
            tag = "h" + Math.Min(level + 1, 6);
        }
        else if (IsTitle(styleName))
        {
            tag = "h2";
        }
        else
        {
            tag = "p";
            format = Emphasis("paragraph", styleName, format);
        }
        var textBoxes = new List<XElement>();
        Block(tag, () =>
        {
            var open = Content(paragraph, format, null, textBoxes);
            Switch(open, null);
        });
        // Text boxes anchored in the paragraph follow it, as the .docx preview shows them.
        foreach (var box in textBoxes)
        {
            Blocks(box);
        }
    }

    /// <summary>The inline content of an element: text with its emphasis and links, spaces, tabs, line breaks, notes and images.</summary>
    /// <returns>The format still open at the end.</returns>
    private Format? Content(XElement element, Format format, Format? open, List<XElement> textBoxes)
    {
        foreach (var node in element.Nodes())
        {
            if (TooLong)
            {
                break;
            }
            if (node is XText text)
            {
                open = Switch(open, format);
                Append(text.Value);
                continue;
            }
            if (node is not XElement child)
            {
                continue;
            }
            var name = child.Name;
            if (name == Text + "s")
            {
                open = Switch(open, format);
                var count = int.TryParse(child.Attribute(Text + "c")?.Value, out var c) ? c : 1;
                Append(new string(' ', Math.Clamp(count, 1, 1000)));
            }
            else if (name == Text + "tab")
            {
                open = Switch(open, format);
                Append("\t");
            }
            else if (name == Text + "line-break")
            {
                open = Switch(open, format);
                LineBreak();
            }
            else if (name == Text + "span")
            {
                open = Content(child, Emphasis("text", child.Attribute(Text + "style-name")?.Value, format), open, textBoxes);
            }
            else if (name == Text + "a")
            {
                var address = Uri.TryCreate(child.Attribute(XLink + "href")?.Value, UriKind.Absolute, out var uri) ? uri : null;
                var link = DocumentHtmlConversion.IsSafeLink(address) ? address!.AbsoluteUri : null;
                open = Content(child, format with { Link = link }, open, textBoxes);
            }
            else if (name == Text + "note")
            {
                open = Switch(open, null);
                if (child.Element(Text + "note-body") is { } noteBody)
                {
                    _notes.Add(noteBody);
                    FootnoteReference(_notes.Count);
                }
            }
            else if (name == Draw + "frame")
            {
                open = Switch(open, format);
                Frame(child, textBoxes);
            }
            else if (name.Namespace == Text && name != Text + "tracked-changes")
            {
                // Fields (a date, a page number, a cross-reference) and other text elements show their text.
                open = Content(child, format, open, textBoxes);
            }
            // Comments (office:annotation) and drawings' own markup are not the document's text.
        }
        return open;
    }

    private void Frame(XElement frame, List<XElement> textBoxes)
    {
        if (frame.Element(Draw + "text-box") is { } box)
        {
            textBoxes.Add(box);
            return;
        }
        if (!_withImages || frame.Element(Draw + "image")?.Attribute(XLink + "href")?.Value is not { } href
            || !ImageTypes.TryGetValue(Path.GetExtension(href), out var type) || _package.GetEntry(href) is not { } entry)
        {
            return;
        }
        using var stream = entry.Open();
        var alternative = frame.Element(Svg + "title")?.Value ?? frame.Element(Svg + "desc")?.Value ?? "";
        Image(stream, type, alternative);
    }

    /// <summary>A list and the lists inside its items; a list without its own style takes its outer list's.</summary>
    private void List(XElement list, int level, string? inheritedStyle)
    {
        var styleName = list.Attribute(Text + "style-name")?.Value ?? inheritedStyle;
        var numbered = styleName is not null && _listStyles.TryGetValue(styleName, out var levels) && levels.GetValueOrDefault(Math.Min(level + 1, 10));
        var tag = numbered ? "ol" : "ul";
        foreach (var item in list.Elements().Where(e => e.Name == Text + "list-item" || e.Name == Text + "list-header"))
        {
            var opened = false;
            foreach (var child in item.Elements())
            {
                if (TooLong)
                {
                    return;
                }
                if (child.Name == Text + "list")
                {
                    if (!opened)
                    {
                        // An item that starts with a list inside it still is an item of this list.
                        OpenListItem(tag, level);
                        opened = true;
                    }
                    List(child, Math.Min(level + 1, 8), styleName);
                }
                else if (child.Name == Text + "p" || child.Name == Text + "h")
                {
                    if (!opened)
                    {
                        OpenListItem(tag, level);
                        opened = true;
                    }
                    Paragraph(child);
                }
            }
        }
    }

    private void Table(XElement table) => Table(() =>
    {
        foreach (var (row, header) in Rows(table, false))
        {
            Row(() =>
            {
                foreach (var cell in row.Elements(TableNs + "table-cell"))
                {
                    var span = int.TryParse(cell.Attribute(TableNs + "number-columns-spanned")?.Value, out var s) ? s : 1;
                    Cell(header, span, () => Blocks(cell));
                }
            });
        }
    });

    /// <summary>A table's rows in order, through header-row and row groups; header rows are marked.</summary>
    private static IEnumerable<(XElement Row, bool Header)> Rows(XElement container, bool header)
    {
        foreach (var child in container.Elements())
        {
            if (child.Name == TableNs + "table-row")
            {
                yield return (child, header);
            }
            else if (child.Name == TableNs + "table-header-rows" || child.Name == TableNs + "table-rows" || child.Name == TableNs + "table-row-group")
            {
                foreach (var row in Rows(child, header || child.Name == TableNs + "table-header-rows"))
                {
                    yield return row;
                }
            }
        }
    }
}
