using AngleSharp.Html.Parser;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Consortium.Portal.Documents.Tests;

public class DocumentHtmlTests
{
    private static DocumentHtml Convert(byte[] docx) => DocumentHtmlConversion.FromDocx(new MemoryStream(docx))!;

    private static string Extracted(byte[] docx) => TextExtraction.Extract(DocumentFileType.Docx, new MemoryStream(docx));

    /// <summary>What the browser's text content of the preview is: the offsets of a selection are counted in it.</summary>
    internal static string TextContent(string html)
    {
        var document = new HtmlParser().ParseDocument("<!DOCTYPE html><html><body><div id=\"preview\">" + html + "</div></body></html>");
        return document.GetElementById("preview")!.TextContent;
    }

    [Fact]
    public void Headings_emphasis_lists_tables_and_links_are_shown_as_html()
    {
        var html = Convert(SampleFiles.RichDocx()).Html;

        Assert.Contains("<h2>Work plan</h2>", html);
        Assert.Contains("<h2>Goals</h2>", html);
        Assert.Contains("<strong>must</strong>", html);
        Assert.Contains("<em>on time</em>", html);
        Assert.Contains("<u>in full</u>", html);
        Assert.Matches("<ol><li><p>First step</p>\n</li><li><p>Second step</p>\n</li></ol>", html);
        Assert.Contains("<ul><li><p>A point</p>\n<ul><li><p>A sub-point</p>\n</li></ul></li></ul>", html);
        Assert.Contains("<th scope=\"col\"><p>Partner</p>\n</th>", html);
        Assert.Contains("<td><p>Prishtina</p>\n</td>", html);
        Assert.Contains("<a href=\"https://example.org/plan?a=1&amp;b=2\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">the plan</a>", html);
        Assert.Contains("line one<br>\nline two", html);
    }

    [Fact]
    public void Nothing_the_file_says_becomes_markup()
    {
        var html = Convert(SampleFiles.RichDocx()).Html;

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", html);
        // The script link's words stay, as text.
        Assert.Contains(" and a trap", html);
        var parsed = new HtmlParser().ParseDocument(html);
        Assert.Empty(parsed.QuerySelectorAll("script, b, [onclick], [onerror]"));
        Assert.All(parsed.QuerySelectorAll("a"), a => Assert.StartsWith("https://", a.GetAttribute("href")));
    }

    [Fact]
    public void Hostile_text_in_every_place_stays_text()
    {
        const string hostile = "\"><img src=x onerror=alert(1)><!--";
        var docx = SampleFiles.Docx(hostile, "</p></div><script>alert(2)</script>", "a & b");
        var converted = Convert(docx);

        var parsed = new HtmlParser().ParseDocument(converted.Html);
        Assert.Empty(parsed.QuerySelectorAll("img, script"));
        Assert.Equal(3, parsed.QuerySelectorAll("p").Length);
        Assert.Equal(Extracted(docx), TextContent(converted.Html));
    }

    [Fact]
    public void The_text_content_of_the_html_is_the_extracted_text_so_selection_offsets_match()
    {
        var docx = SampleFiles.RichDocx();
        var converted = Convert(docx);
        var extracted = Extracted(docx);

        Assert.Equal(extracted, converted.Text);
        Assert.Equal(extracted, TextContent(converted.Html));
        // A passage selected across two paragraphs in the browser is the same passage of the stored text.
        var start = extracted.IndexOf("First step", StringComparison.Ordinal);
        var end = extracted.IndexOf("Second", StringComparison.Ordinal) + "Second".Length;
        Assert.Equal("First step\nSecond", TextAnchoring.Create(extracted, start, end)!.Quote);
        Assert.Equal(TextContent(converted.Html)[start..end], extracted[start..end]);
    }

    [Fact]
    public void Trailing_empty_paragraphs_and_breaks_add_no_text()
    {
        var docx = SampleFiles.Docx("One", "", "Two", "", "");
        var converted = Convert(docx);

        Assert.Equal("One\n\nTwo", converted.Text);
        Assert.Equal(Extracted(docx), TextContent(converted.Html));
    }

    [Fact]
    public void Footnotes_follow_the_document_numbered_as_their_references_and_the_body_keeps_its_offsets()
    {
        var docx = SampleFiles.DocxWithFootnotes();
        var converted = Convert(docx);
        var extracted = Extracted(docx);

        // The body's text first, then each note in the order it is referred to.
        Assert.Equal("The study is due in June.\nIt covers two towns.\nAgreed in Skopje.\nPeja and Ferizaj.", extracted);
        Assert.Equal(extracted, converted.Text);
        Assert.Equal(extracted, TextContent(converted.Html));
        var parsed = new HtmlParser().ParseDocument(converted.Html);
        var references = parsed.QuerySelectorAll("sup.documents-footnote-ref a");
        Assert.Equal(["#docx-footnote-1", "#docx-footnote-2"], references.Select(a => a.GetAttribute("href")));
        Assert.Equal(["1", "2"], references.Select(a => a.GetAttribute("aria-label")));
        var notes = parsed.QuerySelectorAll("ol.documents-footnotes > li");
        Assert.Equal(["docx-footnote-1", "docx-footnote-2"], notes.Select(n => n.Id));
        Assert.Equal(["Agreed in Skopje.", "Peja and Ferizaj."], notes.Select(n => n.TextContent.Trim()));
    }

    [Theory]
    [InlineData("https://example.org/", true)]
    [InlineData("mailto:office@example.org", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("data:text/html,<script>alert(1)</script>", false)]
    [InlineData("file:///etc/passwd", false)]
    public void Only_web_and_mail_links_are_kept(string address, bool kept)
        => Assert.Equal(kept, DocumentHtmlConversion.IsSafeLink(new Uri(address)));
}
