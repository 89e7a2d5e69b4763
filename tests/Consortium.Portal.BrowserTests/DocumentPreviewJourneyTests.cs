using System.IO.Compression;
using System.Text;
using Consortium.Portal.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Consortium.Portal.BrowserTests;

/// <summary>
/// A Word document reads like one in the preview (headings and a table, not a text dump), and a passage commented on
/// from the keyboard is highlighted there; Enter on the highlight shows its comment. A PDF shows its pages.
/// </summary>
[Collection(PortalInBrowserCollection.Name)]
public sealed class DocumentPreviewJourneyTests(PortalInBrowser portal, ITestOutputHelper output)
{
    private const string Author = "member1.bprg@demo.portal";
    private const string ResearchReport = "/workspaces/2f6a4d8e-3b1c-4c52-9d7e-5a0b8c1e2f31";

    [Fact]
    public Task A_word_document_shows_headings_and_a_table_and_its_commented_passage_is_highlighted() => portal.RunAsync(this, output, async page =>
    {
        var name = $"Plan {Guid.NewGuid():N}".Substring(0, 13) + ".docx";
        await PortalPages.SignInAsync(page, Author);
        await PortalPages.OpenAsync(page, ResearchReport);
        await page.Locator("[data-test=drop-zone][data-ready=true]").WaitForAsync();
        await page.Locator("[data-test=file-input]").SetInputFilesAsync(new FilePayload
        {
            Name = name, MimeType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Buffer = WorkPlan(),
        });
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = name }).ClickAsync();

        // The text is extracted in the background; the page shows the document when it is (pushed, no reload).
        var docx = page.Locator("[data-test=docx]");
        await Expect(docx.Locator("h2")).ToHaveTextAsync("Goals of the partnership");
        await Expect(docx.Locator("table th").First).ToHaveTextAsync("Partner");
        await Expect(docx.Locator("table td").First).ToHaveTextAsync("Prishtina");
        await Expect(docx.Locator("strong")).ToHaveTextAsync("must");

        // A paragraph is commented on from the keyboard.
        var paragraph = docx.Locator("p", new LocatorLocatorOptions { HasText = "The partners must" });
        await Expect(paragraph).ToHaveAttributeAsync("data-passage", "true");
        await paragraph.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("[data-test=selected-quote]")).ToContainTextAsync("The partners must deliver");
        await page.Keyboard.TypeAsync("Which deadline?");
        await page.Locator("[data-test=add-comment]").ClickAsync();
        await Expect(page.Locator("[data-test=comment]")).ToContainTextAsync("Which deadline?");

        // Back on the preview, the passage is marked, and described by its comment.
        var tab = page.Locator(".mud-tabs .mud-tab").Nth(0);
        await UntilShown.ClickAsync(tab, tab.And(page.Locator(".mud-tab.mud-tab-active")), "the preview tab to be the active one");
        // The passage runs over three runs (the bold "must" among them): one mark in each, the first a Tab stop.
        var marks = docx.Locator("mark[data-comment]");
        await Expect(marks).ToContainTextAsync(["The partners", "must", "deliver the study by June."]);
        var highlight = marks.First;
        await Expect(highlight).ToHaveAttributeAsync("tabindex", "0");
        var described = await highlight.GetAttributeAsync("aria-describedby");
        await Expect(page.Locator($"[id='{described}']")).ToContainTextAsync("Which deadline?");
        await PortalPages.ReadyAsync(page);

        // Enter on it shows the comment, focused.
        await highlight.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var shown = page.Locator("[data-test=shown-comment]");
        await Expect(shown).ToContainTextAsync("Which deadline?");
        await Expect(shown).ToBeFocusedAsync();

        // A PDF shows its pages, drawn by PDF.js (headless Chromium, like a phone's browser, shows no PDF in a frame).
        var pdfName = name.Replace(".docx", ".pdf");
        await PortalPages.OpenAsync(page, ResearchReport);
        await page.Locator("[data-test=drop-zone][data-ready=true]").WaitForAsync();
        await page.Locator("[data-test=file-input]").SetInputFilesAsync(new FilePayload { Name = pdfName, MimeType = "application/pdf", Buffer = TwoPagePdf() });
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = pdfName }).ClickAsync();
        var pages = page.Locator("[data-test=pdf-pages]");
        await Expect(pages).ToHaveAttributeAsync("data-pages-drawn", "2", new() { Timeout = 30_000 });
        await Expect(pages.Locator("canvas[role=img]")).ToHaveCountAsync(2);
        await Expect(pages.Locator("canvas").Nth(1)).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex(@"^\D*2\D+2\D*$"));
        // Something is drawn: the first page's dark square is dark where it should be.
        var ink = await pages.Locator("canvas").First.EvaluateAsync<int>(
            "c => { const d = c.getContext('2d').getImageData(Math.floor(c.width * 0.2), Math.floor(c.height * 0.2), 1, 1).data; return d[0] + d[1] + d[2]; }");
        Assert.True(ink < 200, $"the first page's square is drawn (its colour sums to {ink})");
        await Expect(page.Locator("[data-test=pdf-pages-note]")).ToHaveCountAsync(0);
    });

    /// <summary>
    /// A PDF of two pages written by hand: on each a dark square over the top left and a line of text (Helvetica, not
    /// embedded), with a correct cross-reference table.
    /// </summary>
    private static byte[] TwoPagePdf()
    {
        static string Content(int number) => $"0.1 0.1 0.4 rg 60 560 200 200 re f BT /F1 24 Tf 60 500 Td (Page {number} of the plan) Tj ET";
        var objects = new List<string>
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 6 0 R >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 7 0 R >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        };
        objects.AddRange(new[] { Content(1), Content(2) }.Select(c => $"<< /Length {c.Length} >>\nstream\n{c}\nendstream"));
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = pdf.Length;
        pdf.Append($"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets) pdf.Append($"{offset:D10} 00000 n \n");
        pdf.Append($"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    /// <summary>A small Word document written by hand: a heading style, a heading, emphasis and a table with a header row.</summary>
    private static byte[] WorkPlan()
    {
        const string w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
        static string P(string runs, string? style = null)
            => "<w:p>" + (style is null ? "" : $"<w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr>") + runs + "</w:p>";
        static string R(string text, bool bold = false)
            => "<w:r>" + (bold ? "<w:rPr><w:b/></w:rPr>" : "") + $"<w:t xml:space=\"preserve\">{text}</w:t></w:r>";
        static string Cell(string text) => $"<w:tc>{P(R(text))}</w:tc>";
        var body =
            P(R("Goals of the partnership"), "Heading1") +
            P(R("The partners ") + R("must", bold: true) + R(" deliver the study by June.")) +
            "<w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr>" + Cell("Partner") + Cell("Budget") + "</w:tr>" +
            "<w:tr>" + Cell("Prishtina") + Cell("40 000") + "</w:tr></w:tbl>" +
            P(R("After the table."));
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string path, string xml)
            {
                using var writer = new StreamWriter(zip.CreateEntry(path).Open(), new UTF8Encoding(false));
                writer.Write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" + xml);
            }
            Add("[Content_Types].xml",
                "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
                "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>" +
                "<Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
                "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>" +
                "<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/></Types>");
            Add("_rels/.rels",
                "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>");
            Add("word/_rels/document.xml.rels",
                "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/></Relationships>");
            Add("word/styles.xml", $"<w:styles xmlns:w=\"{w}\"><w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/></w:style></w:styles>");
            Add("word/document.xml", $"<w:document xmlns:w=\"{w}\"><w:body>{body}</w:body></w:document>");
        }
        return stream.ToArray();
    }
}
