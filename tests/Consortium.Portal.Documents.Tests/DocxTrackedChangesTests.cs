using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Consortium.Portal.Documents.Tests;

public class DocxTrackedChangesTests
{
    private static readonly DateTime When = new(2026, 12, 5, 9, 30, 0, DateTimeKind.Utc);

    /// <summary>"The dialogue in " + bold "Brussels" + " resumed slowly." and a second paragraph.</summary>
    private static byte[] Dialogue()
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body(
                new Paragraph(
                    new Run(new Text("The dialogue in ") { Space = SpaceProcessingModeValues.Preserve }),
                    new Run(new RunProperties(new Bold()), new Text("Brussels")),
                    new Run(new Text(" resumed slowly.") { Space = SpaceProcessingModeValues.Preserve })),
                new Paragraph(new Run(new Text("Second paragraph.")))));
        }
        return stream.ToArray();
    }

    private static (MemoryStream Package, IReadOnlyList<Guid> Applied) Apply(byte[] docx, params TrackedReplacement[] changes)
    {
        var package = new MemoryStream();
        package.Write(docx);
        package.Position = 0;
        var applied = DocxTrackedChanges.Apply(package, changes);
        package.Position = 0;
        return (package, applied);
    }

    private static string Text(Stream package)
    {
        package.Position = 0;
        var text = TextExtraction.Extract(DocumentFileType.Docx, package);
        package.Position = 0;
        return text;
    }

    private static void AssertValid(Stream package)
    {
        using var document = WordprocessingDocument.Open(package, false);
        var errors = new OpenXmlValidator(FileFormatVersions.Office2019).Validate(document).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path?.XPath}: {e.Description}")));
    }

    [Fact]
    public void A_replacement_across_runs_is_a_tracked_deletion_and_insertion_by_the_suggester()
    {
        var docx = Dialogue();
        var text = TextExtraction.Extract(DocumentFileType.Docx, new MemoryStream(docx));
        var start = text.IndexOf("Brussels resumed slowly", StringComparison.Ordinal);
        var id = Guid.NewGuid();

        var (package, applied) = Apply(docx, new TrackedReplacement(id, start, start + "Brussels resumed slowly".Length, "Brussels resumed quickly", "Blerta Gashi", When));

        Assert.Equal([id], applied);
        Assert.Equal("The dialogue in Brussels resumed quickly.\nSecond paragraph.", Text(package));
        AssertValid(package);
        using var document = WordprocessingDocument.Open(package, false);
        var body = document.MainDocumentPart!.Document!.Body!;
        var deletions = body.Descendants<DeletedRun>().ToList();
        var insertion = Assert.Single(body.Descendants<InsertedRun>());
        Assert.Equal("Brussels resumed slowly", string.Concat(deletions.SelectMany(d => d.Descendants<DeletedText>()).Select(t => t.Text)));
        Assert.All(deletions, d => Assert.Equal("Blerta Gashi", d.Author!.Value));
        Assert.Equal("Blerta Gashi", insertion.Author!.Value);
        Assert.Equal(When, insertion.Date!.Value);
        Assert.Equal("Brussels resumed quickly", string.Concat(insertion.Descendants<Text>().Select(t => t.Text)));
        // The new wording takes the first deleted run's formatting (bold "Brussels").
        Assert.NotNull(insertion.GetFirstChild<Run>()!.RunProperties?.Bold);
        // Revision ids are unique.
        var ids = deletions.Select(d => d.Id!.Value).Append(insertion.Id!.Value).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Several_replacements_in_one_run_a_deletion_and_a_new_line_apply_together()
    {
        var docx = SampleFiles.Docx("alpha beta gamma delta");
        var (package, applied) = Apply(docx,
            new TrackedReplacement(Guid.NewGuid(), 0, 5, "ALPHA", "A", When),
            new TrackedReplacement(Guid.NewGuid(), 6, 11, "", "B", When),
            new TrackedReplacement(Guid.NewGuid(), 17, 22, "one\ntwo", "C", When));

        Assert.Equal(3, applied.Count);
        Assert.Equal("ALPHA gamma one\ntwo", Text(package));
        AssertValid(package);
    }

    [Fact]
    public void A_passage_over_a_paragraph_end_joins_the_two_paragraphs_with_the_end_a_tracked_deletion()
    {
        var docx = SampleFiles.Docx("We met in Peja.", "We agreed on a report.", "Signed.");
        var text = TextExtraction.Extract(DocumentFileType.Docx, new MemoryStream(docx));
        var start = text.IndexOf("Peja.\nWe", StringComparison.Ordinal);
        Assert.True(DocxTrackedChanges.CanApply(new MemoryStream(docx), start, start + 8));

        var (package, applied) = Apply(docx, new TrackedReplacement(Guid.NewGuid(), start, start + 8, "Peja, and we", "Blerta Gashi", When));

        Assert.Single(applied);
        // As Word's final view reads it: one paragraph where there were two.
        Assert.Equal("We met in Peja, and we agreed on a report.\nSigned.", Text(package));
        AssertValid(package);
        using (var document = WordprocessingDocument.Open(package, false))
        {
            var paragraphs = document.MainDocumentPart!.Document!.Body!.Elements<Paragraph>().ToList();
            var mark = Assert.Single(paragraphs.Select(p => p.ParagraphProperties?.ParagraphMarkRunProperties?.GetFirstChild<Deleted>()).OfType<Deleted>());
            Assert.Equal("Blerta Gashi", mark.Author!.Value);
            Assert.Same(paragraphs[0], mark.Ancestors<Paragraph>().Single());
            Assert.Equal("Peja, and we", string.Concat(paragraphs[1].Descendants<InsertedRun>().SelectMany(i => i.Descendants<Text>()).Select(t => t.Text)));
        }
        // The preview's text content is the new text, so comments on the new version anchor as before.
        package.Position = 0;
        var html = DocumentHtmlConversion.FromDocx(package)!;
        Assert.Equal(Text(package), html.Text);
        Assert.Equal(html.Text, DocumentHtmlTests.TextContent(html.Html));
    }

    [Fact]
    public void A_paragraph_end_alone_replaced_by_words_joins_them_with_the_words()
    {
        var docx = SampleFiles.Docx("first", "second");

        var (package, applied) = Apply(docx, new TrackedReplacement(Guid.NewGuid(), 5, 6, " and ", "A", When));

        Assert.Single(applied);
        Assert.Equal("first and second", Text(package));
        AssertValid(package);
    }

    [Fact]
    public void A_passage_into_a_table_cell_or_a_text_box_is_left_out_and_cannot_be_suggested()
    {
        var docx = SampleFiles.RichDocx();
        var text = TextExtraction.Extract(DocumentFileType.Docx, new MemoryStream(docx));
        var start = text.IndexOf("Partner", StringComparison.Ordinal);
        var end = text.IndexOf('\n', start) + 2;

        Assert.False(DocxTrackedChanges.CanApply(new MemoryStream(docx), start, end));
        var (package, applied) = Apply(docx, new TrackedReplacement(Guid.NewGuid(), start, end, "x", "A", When));
        Assert.Empty(applied);
        Assert.Equal(text, Text(package));
    }

    [Fact]
    public void A_passage_in_a_footnote_cannot_be_suggested_and_the_body_before_it_can()
    {
        // The extracted text is the body, then the notes: an offset past the body's end is in a note, which the
        // tracked change (written into the body) cannot reach, so it is refused when suggested, not lost when accepted.
        var docx = SampleFiles.DocxWithFootnotes();
        var text = TextExtraction.Extract(DocumentFileType.Docx, new MemoryStream(docx));
        var inNote = text.IndexOf("Skopje", StringComparison.Ordinal);
        var inBody = text.IndexOf("two towns", StringComparison.Ordinal);

        Assert.False(DocxTrackedChanges.CanApply(new MemoryStream(docx), inNote, inNote + "Skopje".Length));
        Assert.False(DocxTrackedChanges.CanApply(new MemoryStream(docx), inBody, inNote + "Skopje".Length));
        Assert.True(DocxTrackedChanges.CanApply(new MemoryStream(docx), inBody, inBody + "two towns".Length));
        var (package, applied) = Apply(docx, new TrackedReplacement(Guid.NewGuid(), inNote, inNote + "Skopje".Length, "Ohrid", "A", When));
        Assert.Empty(applied);
        Assert.Equal(text, Text(package));
    }

    [Fact]
    public void Text_that_looks_like_markup_is_written_as_text()
    {
        var docx = SampleFiles.Docx("plain words");
        var (package, applied) = Apply(docx, new TrackedReplacement(Guid.NewGuid(), 0, 5, "<w:t>&amp;</w:t>", "<b>Eve</b>", When));

        Assert.Single(applied);
        Assert.Equal("<w:t>&amp;</w:t> words", Text(package));
        AssertValid(package);
    }
}
