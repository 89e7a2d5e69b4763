using AngleSharp.Html.Parser;

namespace Consortium.Portal.Documents.Tests;

/// <summary>An OpenDocument text previewed as HTML, as a .docx is: readable, safe, and anchored on the stored text.</summary>
public class OdtHtmlTests
{
    private static DocumentHtml Convert(byte[] odt) => DocumentHtmlConversion.FromOdt(new MemoryStream(odt))!;

    private static string Extracted(byte[] odt) => TextExtraction.Extract(DocumentFileType.Odt, new MemoryStream(odt));

    private static string TextContent(string html) => DocumentHtmlTests.TextContent(html);

    [Fact]
    public void Headings_emphasis_lists_tables_links_and_images_are_shown_as_html()
    {
        var html = Convert(SampleFiles.RichOdt()).Html;

        Assert.Contains("<h2>Forum work plan</h2>", html);
        Assert.Contains("<h2>Goals</h2>", html);
        Assert.Contains("<strong>must</strong>", html);
        Assert.Contains("<em>on time</em>", html);
        Assert.Contains("<u>in full</u>", html);
        Assert.Contains("<s>late</s>", html);
        Assert.Contains("<ol><li><p>First step</p>\n</li><li><p>Second step</p>\n<ul><li><p>A sub-point</p>\n</li></ul></li></ol>", html);
        Assert.Contains("<th scope=\"col\"><p>Partner</p>\n</th>", html);
        Assert.Contains("<td colspan=\"2\"><p>Prishtina</p>\n</td>", html);
        Assert.Contains("<a href=\"https://example.org/plan?a=1&amp;b=2\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">the plan</a>", html);
        Assert.Contains("a trap&#x9;&lt;script&gt;alert(3)&lt;/script&gt;<br>\nline two", html);
        Assert.Contains("<img src=\"data:image/png;base64,", html);
        Assert.Contains("alt=\"Map of the towns\"", html);
        Assert.Contains("<p>Boxed note</p>", html);
    }

    [Fact]
    public void Nothing_the_file_says_becomes_markup()
    {
        var parsed = new HtmlParser().ParseDocument(Convert(SampleFiles.RichOdt()).Html);

        Assert.Empty(parsed.QuerySelectorAll("script, [onclick], [onerror]"));
        Assert.All(parsed.QuerySelectorAll("a[href]").Where(a => !a.GetAttribute("href")!.StartsWith('#')),
            a => Assert.StartsWith("https://", a.GetAttribute("href")));
        // The hostile link's words stay, as text.
        Assert.Contains("a trap", parsed.Body!.TextContent);
    }

    [Fact]
    public void The_text_content_is_the_extracted_text_without_comments_or_deleted_text_and_with_the_notes_after_the_body()
    {
        var odt = SampleFiles.RichOdt();
        var converted = Convert(odt);
        var extracted = Extracted(odt);

        Assert.Equal(extracted, converted.Text);
        Assert.Equal(extracted, TextContent(converted.Html));
        Assert.DoesNotContain("remark", extracted);
        Assert.DoesNotContain("Rina", extracted);
        Assert.DoesNotContain("Removed sentence", extracted);
        Assert.StartsWith("Forum work plan\nGoals\nWe must report on time,  in full and late.\nFirst step\nSecond step\nA sub-point\n", extracted);
        Assert.EndsWith("A map\nBoxed note\nAgreed in Skopje.", extracted);
        Assert.Contains("<ol class=\"documents-footnotes\"><li id=\"docx-footnote-1\"><p>Agreed in Skopje.</p>", converted.Html);
        Assert.Contains("href=\"#docx-footnote-1\"", converted.Html);
    }

    [Fact]
    public void A_plain_odt_reads_as_its_paragraphs()
    {
        var odt = SampleFiles.Odt("Minutes of the meeting", "Decisions & actions", "");

        var converted = Convert(odt);

        // The empty last paragraph adds no text, as trailing empty paragraphs of a .docx add none.
        Assert.Equal("<p>Minutes of the meeting</p>\n<p>Decisions &amp; actions</p><p></p>", converted.Html);
        Assert.Equal("Minutes of the meeting\nDecisions & actions", converted.Text);
        Assert.Equal(Extracted(odt), TextContent(converted.Html));
    }

    [Fact]
    public void A_package_without_content_or_with_a_doctype_is_refused()
    {
        var empty = SampleFiles.Zip(("mimetype", "application/vnd.oasis.opendocument.text", System.IO.Compression.CompressionLevel.NoCompression));
        var doctype = SampleFiles.Zip(("content.xml", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>", System.IO.Compression.CompressionLevel.Optimal));

        Assert.Throws<InvalidDataException>(() => DocumentHtmlConversion.FromOdt(new MemoryStream(empty)));
        Assert.Throws<System.Xml.XmlException>(() => DocumentHtmlConversion.FromOdt(new MemoryStream(doctype)));
    }
}
