using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Consortium.Portal.Documents;

/// <summary>
/// What the .docx and .odt previews share: the HTML and the text written side by side, emphasis and links opened and
/// closed as the format changes, lists nested the way HTML wants them, tables, footnotes, and images carried inline.
/// Every piece of a file's text and every attribute value goes through the HTML encoder here.
/// <para>
/// The text is what the browser's text content of the HTML is, and it must be the version's extracted text: reviewers'
/// selections are counted in it. So every newline of the text is one in the HTML too (whitespace the browser does not
/// show between elements), and those at the very end are dropped from both, as the extracted text drops them.
/// </para>
/// </summary>
internal abstract class PreviewHtmlWriter(int maxTextLength)
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private readonly StringBuilder _text = new();
    // Where each newline is in the HTML and in the text, so that those at the end can be dropped from both.
    private readonly List<(int Html, int Text)> _newlines = [];
    private readonly Stack<(string Tag, bool ItemOpen)> _lists = new();
    private int _imageBytes;

    protected StringBuilder Html { get; } = new();

    /// <summary>The text went past the writer's limit: the file is shown as text instead.</summary>
    protected bool TooLong { get; private set; }

    /// <summary>The HTML and its text; null when the text was too long for a page.</summary>
    protected DocumentHtml? Result()
    {
        if (TooLong)
        {
            return null;
        }
        var length = _text.ToString().TrimEnd('\n').Length;
        for (var i = _newlines.Count - 1; i >= 0 && _newlines[i].Text >= length; i--)
        {
            Html.Remove(_newlines[i].Html, 1);
        }
        return new DocumentHtml(Html.ToString(), _text.ToString(0, length));
    }

    /// <summary>How a piece of text is shown: its emphasis, the safe link it is part of, and whether it was inserted by a tracked change.</summary>
    protected sealed record Format(bool Bold, bool Italic, bool Underline, bool Strike, string? Link, bool Inserted);

    /// <summary>Closes the elements of the last format and opens those of the next, when they differ.</summary>
    protected Format? Switch(Format? open, Format? next)
    {
        if (open == next)
        {
            return open;
        }
        if (open is not null)
        {
            if (open.Strike) Html.Append("</s>");
            if (open.Underline) Html.Append("</u>");
            if (open.Italic) Html.Append("</em>");
            if (open.Bold) Html.Append("</strong>");
            if (open.Link is not null) Html.Append("</a>");
            if (open.Inserted) Html.Append("</ins>");
        }
        if (next is not null)
        {
            if (next.Inserted) Html.Append("<ins>");
            if (next.Link is not null) Html.Append("<a href=\"").Append(Encoder.Encode(next.Link)).Append("\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">");
            if (next.Bold) Html.Append("<strong>");
            if (next.Italic) Html.Append("<em>");
            if (next.Underline) Html.Append("<u>");
            if (next.Strike) Html.Append("<s>");
        }
        return next;
    }

    /// <summary>Text of the file, encoded; a newline in it is a line of the text and a newline of the HTML.</summary>
    protected void Append(string text)
    {
        // NUL characters are dropped from the stored text (PostgreSQL refuses them), so here too.
        var lines = text.Replace("\0", "", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                Newline();
            }
            Html.Append(Encoder.Encode(lines[i]));
            _text.Append(lines[i]);
        }
        if (_text.Length > maxTextLength)
        {
            TooLong = true;
        }
    }

    protected void Newline()
    {
        _newlines.Add((Html.Length, _text.Length));
        Html.Append('\n');
        _text.Append('\n');
    }

    /// <summary>A line break inside a paragraph.</summary>
    protected void LineBreak()
    {
        Html.Append("<br>");
        Newline();
    }

    /// <summary>A block (p, h2…h6) around the content it writes, ended by a newline unless it runs on into the next block.</summary>
    protected void Block(string tag, Action content, bool runsOn = false)
    {
        Html.Append('<').Append(tag).Append('>');
        content();
        Html.Append("</").Append(tag).Append('>');
        if (!runsOn)
        {
            Newline();
        }
    }

    /// <summary>A table whose rows the caller writes with <see cref="Row"/>; it scrolls sideways on a phone.</summary>
    protected void Table(Action rows)
    {
        CloseLists();
        Html.Append("<div class=\"documents-table\"><table>");
        rows();
        Html.Append("</table></div>");
    }

    protected void Row(Action cells)
    {
        Html.Append("<tr>");
        cells();
        Html.Append("</tr>");
    }

    protected void Cell(bool header, int columnsSpanned, Action content)
    {
        var span = columnsSpanned > 1 ? $" colspan=\"{Math.Min(columnsSpanned, 1000)}\"" : "";
        Html.Append(header ? "<th scope=\"col\"" : "<td").Append(span).Append('>');
        content();
        CloseLists();
        Html.Append(header ? "</th>" : "</td>");
    }

    /// <summary>A footnote's mark: its number is drawn by CSS from data-note, so it adds nothing to the text content.</summary>
    protected void FootnoteReference(int number)
        => Html.Append("<sup class=\"documents-footnote-ref\"><a href=\"#docx-footnote-").Append(number)
            .Append("\" id=\"docx-footnote-ref-").Append(number).Append("\" data-note=\"").Append(number)
            .Append("\" aria-label=\"").Append(number).Append("\"></a></sup>");

    /// <summary>The footnotes after the body, numbered as their references; <paramref name="note"/> writes the i-th (from 0).</summary>
    protected void Footnotes(int count, Action<int> note)
    {
        if (count == 0 || TooLong)
        {
            return;
        }
        Html.Append("<ol class=\"documents-footnotes\">");
        for (var i = 0; i < count && !TooLong; i++)
        {
            Html.Append("<li id=\"docx-footnote-").Append(i + 1).Append("\">");
            note(i);
            CloseLists();
            Html.Append("</li>");
        }
        Html.Append("</ol>");
    }

    /// <summary>An image of the package, inline as a data address; left out when it or all images together are too large.</summary>
    protected void Image(Stream content, string contentType, string alternativeText)
    {
        using var copy = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = content.Read(buffer)) > 0)
        {
            copy.Write(buffer, 0, read);
            if (copy.Length > DocumentHtmlConversion.MaxImageBytes || _imageBytes + copy.Length > DocumentHtmlConversion.MaxImagesBytes)
            {
                return;
            }
        }
        _imageBytes += (int)copy.Length;
        Html.Append("<img src=\"data:").Append(contentType).Append(";base64,").Append(Convert.ToBase64String(copy.GetBuffer(), 0, (int)copy.Length))
            .Append("\" alt=\"").Append(Encoder.Encode(alternativeText)).Append("\">");
    }

    /// <summary>Opens an item of a list at a level: lists inside a list sit in its open item, as HTML wants them.</summary>
    protected void OpenListItem(string tag, int level)
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
                Html.Append("<li>");
                _lists.Push((outer, true));
            }
            Html.Append('<').Append(tag).Append('>');
            _lists.Push((tag, false));
        }
        var (current, itemOpen) = _lists.Pop();
        if (itemOpen)
        {
            Html.Append("</li>");
        }
        Html.Append("<li>");
        _lists.Push((current, true));
    }

    protected void CloseLists()
    {
        while (_lists.Count > 0)
        {
            CloseList();
        }
    }

    private void CloseList()
    {
        var (tag, itemOpen) = _lists.Pop();
        if (itemOpen)
        {
            Html.Append("</li>");
        }
        Html.Append("</").Append(tag).Append('>');
    }
}
