using System.Text;

namespace Consortium.Portal.Documents.Tests;

public class FileContentCheckTests
{
    private const long Limit = 10 * 1024 * 1024;

    /// <summary>Feeds the bytes in small uneven chunks, as a network stream delivers them.</summary>
    private static void Check(string fileName, byte[] content, long limit = Limit, int chunk = 7)
    {
        Assert.True(DocumentFileTypes.TryFromFileName(fileName, out var type), fileName);
        var check = new FileContentCheck(type, limit);
        for (var i = 0; i < content.Length; i += chunk)
        {
            check.Append(content.AsSpan(i, Math.Min(chunk, content.Length - i)));
        }
        check.Complete();
    }

    private static string Refusal(string fileName, byte[] content, long limit = Limit)
        => Assert.Throws<UploadRefusedException>(() => Check(fileName, content, limit)).MessageKey;

    public static TheoryData<string, byte[]> GenuineFiles() => new()
    {
        { "report.docx", SampleFiles.Docx("Findings of the roundtable in Gjilan") },
        { "budget.xlsx", SampleFiles.Xlsx() },
        { "slides.pptx", SampleFiles.Pptx() },
        { "minutes.odt", SampleFiles.Odt("Minutes of the Forum meeting") },
        { "op-ed.pdf", SampleFiles.Pdf("Normalisation needs trust") },
        { "logo.png", SampleFiles.Png },
        { "photo.jpg", SampleFiles.Jpeg },
        { "photo.JPEG", SampleFiles.Jpeg },
        { "notes.md", SampleFiles.Text("# Notes\n\nKosovo Serbs and Albanians in *Mitrovica*.") },
        { "plain.txt", SampleFiles.Text("Beograd – Prishtinë, čćžšđ ëç") },
    };

    [Theory]
    [MemberData(nameof(GenuineFiles))]
    public void A_genuine_file_of_an_allowed_type_passes(string fileName, byte[] content)
    {
        Check(fileName, content);
    }

    [Theory]
    [InlineData("report.docx")]
    [InlineData("scan.pdf")]
    [InlineData("notes.txt")]
    public void An_empty_file_is_refused(string fileName)
    {
        Assert.Equal(UploadRefusals.Empty, Refusal(fileName, []));
    }

    [Fact]
    public void A_file_over_the_limit_is_refused_while_it_streams()
    {
        var check = new FileContentCheck(DocumentFileTypes.Get(DocumentFileType.Text), maxBytes: 100);
        check.Append(new byte[100].AsSpan(0, 0));
        check.Append(Encoding.UTF8.GetBytes(new string('a', 100)));

        var refusal = Assert.Throws<UploadRefusedException>(() => check.Append("b"u8));

        Assert.Equal(UploadRefusals.TooLarge, refusal.MessageKey);
    }

    [Fact]
    public void A_file_exactly_at_the_limit_passes()
    {
        Check("notes.txt", Encoding.UTF8.GetBytes(new string('a', 100)), limit: 100);
    }

    public static TheoryData<string, byte[]> Impostors() => new()
    {
        { "report.pdf", SampleFiles.Png },
        { "logo.png", SampleFiles.Jpeg },
        { "photo.jpg", SampleFiles.Pdf("not a photo") },
        { "report.docx", SampleFiles.Xlsx() },
        { "budget.xlsx", SampleFiles.Docx("not a workbook") },
        { "slides.pptx", SampleFiles.Odt("not slides") },
        { "minutes.odt", SampleFiles.Docx("a Word file") },
        { "report.docx", SampleFiles.Text("PK but not really a zip") },
        { "archive.docx", SampleFiles.Zip(("readme.txt", "any zip", System.IO.Compression.CompressionLevel.Optimal)) },
        { "minutes.odt", SampleFiles.Zip(("mimetype", "application/vnd.oasis.opendocument.spreadsheet", System.IO.Compression.CompressionLevel.NoCompression), ("content.xml", "<x/>", System.IO.Compression.CompressionLevel.Optimal)) },
    };

    [Theory]
    [MemberData(nameof(Impostors))]
    public void A_file_whose_content_does_not_match_its_extension_is_refused(string fileName, byte[] content)
    {
        Assert.Equal(UploadRefusals.ContentMismatch, Refusal(fileName, content));
    }

    [Theory]
    [InlineData("notes.md")]
    [InlineData("notes.txt")]
    public void Text_with_a_NUL_or_invalid_UTF8_is_refused(string fileName)
    {
        Assert.Equal(UploadRefusals.NotText, Refusal(fileName, [0x48, 0x69, 0x00, 0x21]));
        Assert.Equal(UploadRefusals.NotText, Refusal(fileName, [0x48, 0xC3, 0x28]));
        Assert.Equal(UploadRefusals.NotText, Refusal(fileName, SampleFiles.Png));
    }

    [Fact]
    public void A_character_split_between_two_chunks_is_still_valid_text()
    {
        var check = new FileContentCheck(DocumentFileTypes.Get(DocumentFileType.Text), Limit);
        var bytes = Encoding.UTF8.GetBytes("ë");

        check.Append(bytes.AsSpan(0, 1));
        check.Append(bytes.AsSpan(1));
        check.Complete();
    }

    [Fact]
    public void Text_cut_off_inside_a_character_is_refused()
    {
        Assert.Equal(UploadRefusals.NotText, Refusal("notes.txt", [0x61, 0xC3]));
    }

    [Theory]
    [InlineData("program.exe")]
    [InlineData("page.html")]
    [InlineData("archive.zip")]
    [InlineData("noextension")]
    public void Extensions_outside_the_allow_list_have_no_type(string fileName)
    {
        Assert.False(DocumentFileTypes.TryFromFileName(fileName, out _));
    }

    [Fact]
    public void A_large_package_is_read_from_its_central_directory_with_flat_memory()
    {
        // A .docx with a big part before the directory: only the tail is kept, and it still names the parts.
        const int MiB = 1024 * 1024;
        var twoMiB = AllocatedWhileChecking(PackageWithAPartOf(2 * MiB));
        var eightMiB = AllocatedWhileChecking(PackageWithAPartOf(8 * MiB));

        // The check keeps a window of the last megabyte (and reads the directory from it), whatever the size:
        // four times the package, the same memory, and far less than the package.
        Assert.True(eightMiB < 3 * MiB, $"checking an 8 MiB package allocated {eightMiB:N0} bytes");
        Assert.True(eightMiB - twoMiB < 64 * 1024, $"a 2 MiB package allocated {twoMiB:N0} bytes, an 8 MiB one {eightMiB:N0}");
    }

    private static byte[] PackageWithAPartOf(int size) => SampleFiles.Zip(
        ("[Content_Types].xml", "<Types/>", System.IO.Compression.CompressionLevel.Optimal),
        ("word/media/big.bin", new string('x', size), System.IO.Compression.CompressionLevel.NoCompression),
        ("word/document.xml", "<w:document/>", System.IO.Compression.CompressionLevel.Optimal));

    /// <summary>The bytes allocated on this thread while the package is checked (once before, so first-call costs are not counted).</summary>
    private static long AllocatedWhileChecking(byte[] package)
    {
        Check("big.docx", package, chunk: 64 * 1024 + 3);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Check("big.docx", package, chunk: 64 * 1024 + 3);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}

public class FileNamesTests
{
    [Theory]
    [InlineData("report.docx", "report.docx")]
    [InlineData("C:\\Users\\ana\\Desktop\\report.docx", "report.docx")]
    [InlineData("../../etc/passwd.txt", "passwd.txt")]
    [InlineData("re\u0000po\u0007rt\r\n.pdf", "report.pdf")]
    [InlineData("  spaced   out  name .md", "spaced out name.md")]
    [InlineData("evil\u202Etxt.exe.pdf", "eviltxt.exe.pdf")]
    [InlineData("what?<is>*this|.txt", "whatisthis.txt")]
    [InlineData("Izveštaj – Prishtinë.docx", "Izveštaj – Prishtinë.docx")]
    [InlineData("trailing dots....txt", "trailing dots.txt")]
    [InlineData(".hidden.txt", "hidden.txt")]
    public void A_name_keeps_only_its_last_segment_without_control_or_path_characters(string raw, string expected)
    {
        Assert.Equal(expected, FileNames.Clean(raw));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(".pdf")]
    [InlineData("folder/")]
    [InlineData("\u0001\u0002.txt")]
    [InlineData(null)]
    public void A_name_with_nothing_usable_left_is_refused(string? raw)
    {
        Assert.Null(FileNames.Clean(raw));
    }

    [Fact]
    public void A_long_name_is_cut_but_keeps_its_extension()
    {
        var cleaned = FileNames.Clean(new string('a', 500) + ".docx");

        Assert.NotNull(cleaned);
        Assert.Equal(DocumentConsts.MaxNameLength, cleaned.Length);
        Assert.EndsWith("a.docx", cleaned);
    }

    [Fact]
    public void A_long_name_is_never_cut_inside_a_character()
    {
        var cleaned = FileNames.Clean(string.Concat(Enumerable.Repeat("e\u0308", 150)) + ".txt")!;

        Assert.True(cleaned.Length <= DocumentConsts.MaxNameLength);
        Assert.EndsWith(".txt", cleaned);
        Assert.DoesNotContain("\u0308\u0308", cleaned);
    }
}

public class TextExtractionTests
{
    [Fact]
    public void The_paragraphs_of_a_docx_are_its_text()
    {
        var text = TextExtraction.Extract(DocumentFileType.Docx, new MemoryStream(SampleFiles.Docx("First paragraph.", "Second – with ë and ć.")));

        Assert.Equal("First paragraph.\nSecond – with ë and ć.", text);
    }

    [Fact]
    public void The_paragraphs_of_an_odt_are_its_text()
    {
        var text = TextExtraction.Extract(DocumentFileType.Odt, new MemoryStream(SampleFiles.Odt("Minutes of the meeting", "Decisions & actions")));

        Assert.Equal("Minutes of the meeting\nDecisions & actions", text);
    }

    [Fact]
    public void The_words_of_a_pdf_are_its_text()
    {
        var text = TextExtraction.Extract(DocumentFileType.Pdf, new MemoryStream(SampleFiles.Pdf("Perspectives of Kosovo Serbs", "Second line here")));

        Assert.Equal("Perspectives of Kosovo Serbs\nSecond line here", text);
    }

    [Fact]
    public void A_large_pdf_with_no_cross_reference_at_its_end_is_refused_without_searching_it()
    {
        // What made PdfPig scan for minutes: megabytes of damage behind a PDF header.
        var damaged = new byte[TextExtraction.MaxPdfBytesWithoutCrossReference + 1];
        new Random(7).NextBytes(damaged);
        "%PDF-1.7\n"u8.CopyTo(damaged);

        // PdfPig's own failure would be a PdfDocumentFormatException, after the search.
        var refusal = Assert.Throws<InvalidDataException>(() => TextExtraction.Extract(DocumentFileType.Pdf, new MemoryStream(damaged)));

        Assert.Contains("startxref", refusal.Message);
    }

    [Fact]
    public void A_well_formed_pdf_ends_with_its_cross_reference_pointer_and_the_stream_is_rewound()
    {
        var sample = new MemoryStream(SampleFiles.Pdf("Report"));

        Assert.True(TextExtraction.EndsWithCrossReferencePointer(sample));
        Assert.Equal(0, sample.Position);
        Assert.False(TextExtraction.EndsWithCrossReferencePointer(new MemoryStream([.. SampleFiles.Pdf("Report"), .. new byte[5000]])));
    }

    [Fact]
    public void Text_files_get_one_kind_of_line_end()
    {
        var text = TextExtraction.Extract(DocumentFileType.Text, new MemoryStream(SampleFiles.Text("a\r\nb\rc\n")));

        Assert.Equal("a\nb\nc\n", text);
    }
}
